import type { AgendaItem } from '@confer/model'

/** What a decision is of, as its row and the form's item choice name it. */
export function decisionItemLabel(agenda: readonly AgendaItem[], itemId: string | null): string {
  if (itemId === null) return 'Whole meeting'
  const index = agenda.findIndex((item) => item.id === itemId)
  const item = agenda[index]
  if (!item) return 'An item since removed'
  return `${index + 1}. ${item.title.trim() || 'Untitled item'}`
}

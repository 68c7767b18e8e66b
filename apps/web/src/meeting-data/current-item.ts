import type { AgendaItem } from '@confer/model'

/**
 * The item the team is on: the first one not marked done. Derived from the shared document
 * alone, so every screen agrees without anyone pressing "next".
 */
export function currentItemId(agenda: readonly AgendaItem[]): string | null {
  return agenda.find((item) => !item.done)?.id ?? null
}

import { itemNotes, readActions, readAgenda } from '@confer/model'
import type * as Y from 'yjs'
import { notesToMarkdown } from './notes-markdown.ts'

export interface SummaryContext {
  title: string
  communityName: string
  startsAt: number
  durationMinutes: number
  /** userId → display name, for owners. */
  names: ReadonlyMap<string, string>
}

function when(startsAt: number): string {
  return `${new Date(startsAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim()

/** The meeting as Markdown: agenda, each item's notes, action items (DESIGN §3 summary.md). */
export function meetingSummary(doc: Y.Doc, context: SummaryContext): string {
  const owner = (id: string | null) => (id ? (context.names.get(id) ?? 'a former member') : null)
  const agenda = readAgenda(doc)
  const actions = readActions(doc)
  const lines: string[] = [
    `# ${oneLine(context.title)}`,
    '',
    `${oneLine(context.communityName)} · ${when(context.startsAt)} · ${context.durationMinutes} minutes`,
    '',
    '## Agenda',
    '',
  ]
  if (agenda.length === 0) lines.push('_No agenda items._')
  agenda.forEach((item, i) => {
    const who = owner(item.ownerId)
    const minutes = item.minutes > 0 ? ` (${item.minutes} min)` : ''
    lines.push(
      `${i + 1}. [${item.done ? 'x' : ' '}] ${oneLine(item.title) || 'Untitled'}${minutes}${who ? ` — ${who}` : ''}`,
    )
  })
  lines.push('', '## Notes', '')
  agenda.forEach((item, i) => {
    const notes = itemNotes(doc, item.id)
    const body = notes ? notesToMarkdown(notes) : ''
    lines.push(`### ${i + 1}. ${oneLine(item.title) || 'Untitled'}`, '', body || '_No notes._', '')
  })
  lines.push('## Action items', '')
  if (actions.length === 0) lines.push('_No action items._')
  for (const action of actions) {
    const details = [
      owner(action.ownerId),
      action.due ? `due ${action.due}` : null,
      action.fromMeetingId ? 'carried over' : null,
    ]
      .filter(Boolean)
      .join(', ')
    lines.push(
      `- [${action.done ? 'x' : ' '}] ${oneLine(action.text) || 'Untitled'}${details ? ` — ${details}` : ''}`,
    )
  }
  return `${lines.join('\n').trimEnd()}\n`
}

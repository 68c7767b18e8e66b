import { itemNotes, readActions, readAgenda, readDecisions } from '@confer/model'
import type * as Y from 'yjs'
import { escapeLineStarts, field } from './markdown-text.ts'
import { notesToMarkdown } from './notes-markdown.ts'
import {
  attendanceSection,
  decisionsSection,
  normsCheckSection,
  roundsSection,
  type SummaryAttendee,
  type SummaryNormsCheck,
  type SummaryRound,
} from './summary-sections.ts'
import { utcTime } from './utc-time.ts'

export interface SummaryContext {
  title: string
  communityName: string
  startsAt: number
  durationMinutes: number
  /** userId → display name, for owners. */
  names: ReadonlyMap<string, string>
  /** Who attended; null leaves the section out (network guests may not see it). */
  attendance?: readonly SummaryAttendee[] | null
  /** The protocol rounds the run log recorded. */
  rounds?: readonly SummaryRound[]
  /** The meeting's norms check; null leaves the section out (network guests may not see it). */
  normsCheck?: SummaryNormsCheck | null
}

/**
 * The meeting as Markdown: attendance, agenda, decisions by item, each item's notes, action
 * items, protocol rounds and the norms check (DESIGN §3 summary.md, SPEC E3). Every field anyone
 * typed is escaped, so it reads as text in any Markdown viewer (SPEC H6).
 */
export function meetingSummary(doc: Y.Doc, context: SummaryContext): string {
  const owner = (id: string | null) => (id ? field(context.names.get(id) ?? 'a former member') : null)
  const agenda = readAgenda(doc)
  const actions = readActions(doc)
  const lines: string[] = [
    `# ${field(context.title)}`,
    '',
    escapeLineStarts(
      `${field(context.communityName)} · ${utcTime(context.startsAt)} · ${context.durationMinutes} minutes`,
    ),
    '',
    ...(context.attendance ? attendanceSection(context.attendance) : []),
    '## Agenda',
    '',
  ]
  if (agenda.length === 0) lines.push('_No agenda items._')
  agenda.forEach((item, i) => {
    const who = owner(item.ownerId)
    const minutes = item.minutes > 0 ? ` (${item.minutes} min)` : ''
    lines.push(
      `${i + 1}. [${item.done ? 'x' : ' '}] ${field(item.title) || 'Untitled'}${minutes}${who ? ` — ${who}` : ''}`,
    )
  })
  lines.push('', ...decisionsSection(agenda, readDecisions(doc)))
  lines.push('## Notes', '')
  agenda.forEach((item, i) => {
    const notes = itemNotes(doc, item.id)
    const body = notes ? notesToMarkdown(notes) : ''
    lines.push(`### ${i + 1}. ${field(item.title) || 'Untitled'}`, '', body || '_No notes._', '')
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
      `- [${action.done ? 'x' : ' '}] ${field(action.text) || 'Untitled'}${details ? ` — ${details}` : ''}`,
    )
  }
  lines.push('', ...roundsSection(context.rounds ?? []))
  if (context.normsCheck) lines.push(...normsCheckSection(context.normsCheck))
  return `${lines.join('\n').trimEnd()}\n`
}

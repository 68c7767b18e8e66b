import { createHash } from 'node:crypto'
import {
  type AgendaItem,
  type Decision,
  itemNotes,
  readActions,
  readAgenda,
  readDecisions,
} from '@confer/model'
import type * as Y from 'yjs'
import { htmlField } from './html-text.ts'
import type { SummaryContext } from './meeting-summary.ts'
import { notesToHtml } from './notes-html.ts'
import type { SummaryAttendee, SummaryNormsCheck, SummaryRound } from './summary-sections.ts'
import { lengthOf, utcTime } from './utc-time.ts'

/** The print view's only style: fixed, so the page's CSP can allow it by hash and nothing else. */
const STYLE = `
body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111;
  max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 1.6rem 0 .5rem; border-bottom: 1px solid #999; page-break-after: avoid; }
h3 { font-size: 1.05rem; margin: 1.1rem 0 .4rem; page-break-after: avoid; }
h4, h5, h6 { font-size: 1rem; margin: .8rem 0 .3rem; }
.meta, .empty { color: #444; }
.empty { font-style: italic; }
ul.tasks, ol.agenda, ul.actions { list-style: none; padding-left: 0; }
.box { font-family: "Segoe UI Symbol", "DejaVu Sans", sans-serif; }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { border: 1px solid #999; padding: .2rem .4rem; text-align: left; vertical-align: top; }
blockquote { border-left: 3px solid #999; margin-left: 0; padding-left: .8rem; color: #333; }
pre { white-space: pre-wrap; background: #f3f3f3; padding: .5rem; }
a { color: inherit; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
@page { margin: 18mm; }
@media print { body { margin: 0; max-width: none; } a { text-decoration: none; } }
`

/**
 * The print view's policy (SPEC X1): nothing runs and nothing loads; only the stylesheet above
 * applies. Answered with the page instead of the app's CSP.
 */
export const SUMMARY_HTML_CSP = [
  "default-src 'none'",
  "script-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

const box = (checked: boolean) => `<span class="box" aria-hidden="true">${checked ? '☑' : '☐'}</span>`
const doneWord = (checked: boolean) => (checked ? ' <span class="sr">(done)</span>' : '')
const empty = (text: string) => `<p class="empty">${text}</p>`

/**
 * The meeting as one print-ready HTML page, with the sections and order of the Markdown summary
 * (SPEC E3, X1). Every field anyone typed goes through `htmlField` or the notes renderer.
 */
export function meetingSummaryHtml(doc: Y.Doc, context: SummaryContext): string {
  const owner = (id: string | null) => (id ? htmlField(context.names.get(id) ?? 'a former member') : null)
  const agenda = readAgenda(doc)
  const actions = readActions(doc)
  const title = htmlField(context.title) || 'Meeting'
  const body: string[] = [
    `<h1>${title}</h1>`,
    `<p class="meta">${htmlField(context.communityName)} · ${utcTime(context.startsAt)} · ${context.durationMinutes} minutes</p>`,
  ]
  if (context.attendance) body.push(...attendance(context.attendance))
  body.push('<h2>Agenda</h2>')
  if (agenda.length === 0) body.push(empty('No agenda items.'))
  else {
    body.push('<ol class="agenda">')
    agenda.forEach((item, i) => {
      const who = owner(item.ownerId)
      const minutes = item.minutes > 0 ? ` (${item.minutes} min)` : ''
      body.push(
        `<li>${box(item.done)} ${i + 1}. ${htmlField(item.title) || 'Untitled'}${minutes}${who ? ` — ${who}` : ''}${doneWord(item.done)}</li>`,
      )
    })
    body.push('</ol>')
  }
  body.push(...decisions(agenda, readDecisions(doc)))
  body.push('<h2>Notes</h2>')
  agenda.forEach((item, i) => {
    const notes = itemNotes(doc, item.id)
    const html = notes ? notesToHtml(notes) : ''
    body.push(`<h3>${i + 1}. ${htmlField(item.title) || 'Untitled'}</h3>`, html || empty('No notes.'))
  })
  body.push('<h2>Action items</h2>')
  if (actions.length === 0) body.push(empty('No action items.'))
  else {
    body.push('<ul class="actions">')
    for (const action of actions) {
      const details = [
        owner(action.ownerId),
        action.due ? `due ${action.due}` : null,
        action.fromMeetingId ? 'carried over' : null,
      ]
        .filter(Boolean)
        .join(', ')
      body.push(
        `<li>${box(action.done)} ${htmlField(action.text) || 'Untitled'}${details ? ` — ${details}` : ''}${doneWord(action.done)}</li>`,
      )
    }
    body.push('</ul>')
  }
  body.push(...rounds(context.rounds ?? []))
  if (context.normsCheck) body.push(...normsCheck(context.normsCheck))
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${title}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...body,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n')
}

function attendance(people: readonly SummaryAttendee[]): string[] {
  const names = (list: readonly SummaryAttendee[]) => list.map((p) => htmlField(p.name)).join(', ')
  const present = people.filter((a) => a.present)
  const absent = people.filter((a) => !a.present)
  const lines = ['<h2>Attendance</h2>']
  if (present.length === 0) lines.push(empty('Nobody was recorded as present.'))
  lines.push('<ul>')
  if (present.length > 0) lines.push(`<li>Present (${present.length}): ${names(present)}</li>`)
  if (absent.length > 0) lines.push(`<li>Not present (${absent.length}): ${names(absent)}</li>`)
  lines.push('</ul>')
  return lines
}

function decisions(agenda: readonly AgendaItem[], list: readonly Decision[]): string[] {
  const lines = ['<h2>Decisions</h2>']
  if (list.length === 0) return [...lines, empty('No decisions recorded.')]
  const group = (heading: string, mine: readonly Decision[]) => {
    if (mine.length === 0) return
    lines.push(`<h3>${heading}</h3>`, '<ul>', ...mine.map((d) => `<li>${htmlField(d.text)}</li>`), '</ul>')
  }
  const known = new Set(agenda.map((item) => item.id))
  agenda.forEach((item, i) => {
    group(
      `${i + 1}. ${htmlField(item.title) || 'Untitled'}`,
      list.filter((d) => d.itemId === item.id),
    )
  })
  group(
    'The whole meeting',
    list.filter((d) => d.itemId === null),
  )
  group(
    'Items since removed',
    list.filter((d) => d.itemId !== null && !known.has(d.itemId)),
  )
  return lines
}

function rounds(list: readonly SummaryRound[]): string[] {
  const lines = ['<h2>Protocol rounds</h2>']
  if (list.length === 0) return [...lines, empty('No protocol round was run.')]
  for (const round of list) {
    lines.push(`<h3>${htmlField(round.protocolName) || 'A protocol'}</h3>`, '<ul>')
    for (const step of round.steps) {
      const length = step.endedAt === null ? 'still on' : lengthOf(step.endedAt - step.startedAt)
      const planned = step.plannedMinutes === null ? '' : ` (planned ${step.plannedMinutes} min)`
      lines.push(
        `<li>${htmlField(step.title) || 'Untitled step'} — ${utcTime(step.startedAt)}, ${length}${planned}</li>`,
      )
    }
    lines.push('</ul>')
  }
  return lines
}

const oneDecimal = (n: number) => (Math.round(n * 10) / 10).toString()

function normsCheck(check: SummaryNormsCheck): string[] {
  const lines = ['<h2>Norms check</h2>']
  if (check.respondents === 0) return [...lines, empty('Nobody rated the norms for this meeting.')]
  const people = check.respondents === 1 ? '1 person' : `${check.respondents} people`
  lines.push(
    `<p>How the team lived its norms, 1 (not at all) to 5 (fully), as ${people} rated it:</p>`,
    '<ul>',
  )
  for (const norm of check.norms) {
    const ratings = norm.count === 1 ? '1 rating' : `${norm.count} ratings`
    const comments = norm.comments.length
      ? `<ul>${norm.comments.map((c) => `<li>${htmlField(c)}</li>`).join('')}</ul>`
      : ''
    lines.push(
      `<li>${htmlField(norm.text) || 'Untitled norm'}: ${oneDecimal(norm.average)} of 5 (${ratings})${comments}</li>`,
    )
  }
  lines.push('</ul>')
  return lines
}

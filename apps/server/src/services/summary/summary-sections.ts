import type { AgendaItem, Decision } from '@confer/model'
import { escapeLineStarts, field } from './markdown-text.ts'
import { lengthOf, utcTime } from './utc-time.ts'

/**
 * The summary's sections beyond agenda, notes and action items (SPEC E3): decisions by item,
 * attendance, protocol rounds and the norms check. Each returns Markdown lines; every field a
 * person typed goes through `field`, so it reads as text (SPEC H6).
 */

export interface SummaryAttendee {
  name: string
  present: boolean
}

export interface SummaryRoundStep {
  title: string
  /** The protocol's minutes for the step, when the protocol is still known. */
  plannedMinutes: number | null
  startedAt: number
  /** Null while the step is still on. */
  endedAt: number | null
}

export interface SummaryRound {
  protocolName: string
  steps: SummaryRoundStep[]
}

export interface SummaryNorm {
  text: string
  average: number
  count: number
  comments: string[]
}

export interface SummaryNormsCheck {
  respondents: number
  norms: SummaryNorm[]
}

/** Text at the start of a list item: escaped so "1. x" or "- x" cannot open a list inside it. */
const lead = (text: string) => escapeLineStarts(field(text))

const itemHeading = (item: AgendaItem, position: number) =>
  `### ${position}. ${field(item.title) || 'Untitled'}`

/** Decisions under the heading of their item, in agenda order; the rest after them. */
export function decisionsSection(agenda: readonly AgendaItem[], decisions: readonly Decision[]): string[] {
  const lines = ['## Decisions', '']
  if (decisions.length === 0) return [...lines, '_No decisions recorded._', '']
  const bullet = (d: Decision) => `- ${lead(d.text)}`
  const known = new Set(agenda.map((item) => item.id))
  agenda.forEach((item, i) => {
    const mine = decisions.filter((d) => d.itemId === item.id)
    if (mine.length > 0) lines.push(itemHeading(item, i + 1), '', ...mine.map(bullet), '')
  })
  const whole = decisions.filter((d) => d.itemId === null)
  if (whole.length > 0) lines.push('### The whole meeting', '', ...whole.map(bullet), '')
  const orphaned = decisions.filter((d) => d.itemId !== null && !known.has(d.itemId))
  if (orphaned.length > 0) lines.push('### Items since removed', '', ...orphaned.map(bullet), '')
  return lines
}

const names = (people: readonly SummaryAttendee[]) => people.map((p) => field(p.name)).join(', ')

export function attendanceSection(attendance: readonly SummaryAttendee[]): string[] {
  const present = attendance.filter((a) => a.present)
  const absent = attendance.filter((a) => !a.present)
  const lines = ['## Attendance', '']
  if (present.length === 0) lines.push('_Nobody was recorded as present._', '')
  else lines.push(`- Present (${present.length}): ${names(present)}`)
  if (absent.length > 0) lines.push(`- Not present (${absent.length}): ${names(absent)}`)
  return lines.at(-1) === '' ? lines : [...lines, '']
}

function stepLine(step: SummaryRoundStep): string {
  const length = step.endedAt === null ? 'still on' : lengthOf(step.endedAt - step.startedAt)
  const planned = step.plannedMinutes === null ? '' : ` (planned ${step.plannedMinutes} min)`
  return `- ${lead(step.title) || 'Untitled step'} — ${utcTime(step.startedAt)}, ${length}${planned}`
}

export function roundsSection(rounds: readonly SummaryRound[]): string[] {
  const lines = ['## Protocol rounds', '']
  if (rounds.length === 0) return [...lines, '_No protocol round was run._', '']
  for (const round of rounds) {
    lines.push(`### ${field(round.protocolName) || 'A protocol'}`, '', ...round.steps.map(stepLine), '')
  }
  return lines
}

const oneDecimal = (n: number) => (Math.round(n * 10) / 10).toString()

export function normsCheckSection(check: SummaryNormsCheck): string[] {
  const lines = ['## Norms check', '']
  if (check.respondents === 0) return [...lines, '_Nobody rated the norms for this meeting._', '']
  const people = check.respondents === 1 ? '1 person' : `${check.respondents} people`
  lines.push(`How the team lived its norms, 1 (not at all) to 5 (fully), as ${people} rated it:`, '')
  for (const norm of check.norms) {
    const ratings = norm.count === 1 ? '1 rating' : `${norm.count} ratings`
    lines.push(`- ${lead(norm.text) || 'Untitled norm'}: ${oneDecimal(norm.average)} of 5 (${ratings})`)
    for (const comment of norm.comments) lines.push(`  - ${lead(comment)}`)
  }
  return [...lines, '']
}

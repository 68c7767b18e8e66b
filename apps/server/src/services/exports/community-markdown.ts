import { type PlanSnapshot, preambleFragment, readNorms } from '@confer/model'
import type * as Y from 'yjs'
import { escapeLineStarts, field } from '../summary/markdown-text.ts'
import { notesToMarkdown } from '../summary/notes-markdown.ts'

/**
 * The community's charter and plan as Markdown for its archive (SPEC X6). Every field anyone
 * typed is escaped as in the meeting summary (SPEC H6), so the files read as text anywhere.
 */

const lead = (text: string) => escapeLineStarts(field(text))

export function charterMarkdown(doc: Y.Doc, communityName: string): string {
  const preamble = notesToMarkdown(preambleFragment(doc))
  const norms = readNorms(doc)
  const lines = [`# Charter of ${field(communityName)}`, '']
  if (preamble) lines.push(preamble, '')
  lines.push('## Norms', '')
  if (norms.length === 0) lines.push('_No norms yet._')
  norms.forEach((norm, i) => {
    lines.push(`${i + 1}. ${lead(norm.text) || 'Untitled norm'}`)
  })
  return `${lines.join('\n').trimEnd()}\n`
}

export function planMarkdown(plan: PlanSnapshot, communityName: string): string {
  const lines = [`# Improvement plan of ${field(communityName)}`, '']
  lines.push(
    plan.cycle
      ? `Inquiry cycle: **${plan.cycle.stage}** since ${plan.cycle.since}.`
      : 'The inquiry cycle has not started.',
    '',
    '## Goals',
    '',
  )
  if (plan.goals.length === 0) lines.push('_No goals yet._', '')
  const goalNames = new Map<string, string>()
  plan.goals.forEach((goal, i) => {
    goalNames.set(goal.id, `${i + 1}`)
    lines.push(`### Goal ${i + 1}. ${field(goal.statement) || 'Untitled goal'}`, '')
    const facts = [
      ['Measure', goal.measure],
      ['Target', goal.target],
      ['Due', goal.due ?? ''],
      ['Aligns to', goal.alignsTo],
    ].filter(([, value]) => value?.trim())
    for (const [name, value] of facts) lines.push(`- ${name}: ${lead(value ?? '')}`)
    if (facts.length > 0) lines.push('')
  })
  lines.push('## Evidence', '')
  if (plan.evidence.length === 0) lines.push('_No evidence recorded._', '')
  for (const entry of plan.evidence) {
    const goal = entry.goalId ? goalNames.get(entry.goalId) : undefined
    const about = [goal ? `goal ${goal}` : null, entry.value === null ? null : `value ${entry.value}`]
      .filter(Boolean)
      .join(', ')
    lines.push(`### ${entry.date}${about ? ` (${about})` : ''}`, '')
    if (entry.tried.trim()) lines.push(`- What we tried: ${lead(entry.tried)}`)
    if (entry.showed.trim()) lines.push(`- What it showed: ${lead(entry.showed)}`)
    lines.push('')
  }
  if (plan.timeline.length > 0) {
    lines.push('## Cycle history', '')
    for (const step of plan.timeline) lines.push(`- ${step.since}: ${step.stage}`)
  }
  return `${lines.join('\n').trimEnd()}\n`
}

import { type AgendaItem, addEvidence, PLAN_LIMITS, updateAgendaItem } from '@confer/model'
import { useState } from 'react'
import type * as Y from 'yjs'
import { Link } from '../routing/Link.tsx'
import { CYCLE_STAGE_LABELS } from '../ui/cycle-stages.ts'
import { Dialog } from '../ui/Dialog.tsx'
import { Field } from '../ui/Field.tsx'
import { formatCalendarDate } from '../ui/format.ts'
import { EvidenceForm } from './EvidenceForm.tsx'
import { useMeetingPlan } from './MeetingPlanScope.tsx'
import './plan.css'

interface Props {
  item: AgendaItem
  meetingDoc: Y.Doc
  meetingId: string
  communityId: string
  /** May edit the meeting (its agenda item's goal). */
  editable: boolean
}

/**
 * Beside an agenda item's notes (SPEC PL6): the goal it works on, "Add evidence" that records an
 * entry in the plan linked to this meeting and item, and the evidence recorded from it, so notes
 * and plan point at each other.
 */
export function ItemPlanTools({ item, meetingDoc, meetingId, communityId, editable }: Props) {
  const plan = useMeetingPlan()
  const [adding, setAdding] = useState(false)
  const [status, setStatus] = useState('')
  const title = item.title.trim() || 'Untitled item'

  if (plan.state === 'unavailable') return null
  if (plan.state === 'closed') {
    return editable ? (
      <div className="item-plan">
        <button type="button" className="button button--quiet button--small" onClick={plan.open}>
          Link to the plan<span className="visually-hidden"> for “{title}”</span>
        </button>
      </div>
    ) : null
  }
  if (plan.state === 'loading') {
    return (
      <p className="item-plan notice" role="status">
        Loading the plan…
      </p>
    )
  }
  const { goals, cycle, evidence } = plan.plan
  const goal = goals.find((g) => g.id === item.goalId) ?? null
  const goalNumber = goal ? goals.indexOf(goal) + 1 : 0
  const recorded = evidence.filter((e) => e.meetingId === meetingId && e.itemId === item.id)
  const canAdd = editable && plan.writable && evidence.length < PLAN_LIMITS.evidence

  return (
    <fieldset className="item-plan">
      <legend className="visually-hidden">Plan for “{title}”</legend>
      {editable && goals.length > 0 ? (
        <Field label="Goal this item works on">
          {(control) => (
            <select
              {...control}
              value={goal?.id ?? ''}
              onChange={(e) => updateAgendaItem(meetingDoc, item.id, { goalId: e.target.value || null })}
            >
              <option value="">No goal</option>
              {goals.map((g, index) => (
                <option key={g.id} value={g.id}>
                  {`Goal ${index + 1}: ${g.statement}`}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : goal ? (
        <p className="item-plan__goal">
          Works on goal {goalNumber}: {goal.statement}
        </p>
      ) : null}
      {item.planLink === 'cycle' && (
        <p className="item-plan__cycle">
          {cycle
            ? `The cycle is at ${CYCLE_STAGE_LABELS[cycle.stage]} since ${formatCalendarDate(cycle.since)}.`
            : 'The cycle has not started yet.'}
        </p>
      )}
      {canAdd && (
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => setAdding(true)}
        >
          Add evidence<span className="visually-hidden"> from “{title}”</span>
        </button>
      )}
      <Link to={`/c/${communityId}/plan`}>
        Open the plan<span className="visually-hidden"> of this community</span>
      </Link>
      <p className="visually-hidden" role="status">
        {status}
      </p>
      {recorded.length > 0 && (
        <ul className="item-plan__evidence" aria-label={`Evidence recorded from “${title}”`}>
          {recorded.map((entry) => (
            <li key={entry.id}>
              {formatCalendarDate(entry.date)}: {[entry.tried, entry.showed].filter(Boolean).join(' — ')}
              {entry.value !== null && ` (${entry.value})`}
            </li>
          ))}
        </ul>
      )}
      <Dialog
        open={adding}
        title={`Evidence from “${title}”`}
        onClose={() => setAdding(false)}
        className="dialog--wide"
      >
        <EvidenceForm
          goals={goals}
          initialGoalId={item.goalId}
          full={!canAdd}
          onAdd={(input) => addEvidence(plan.doc, { ...input, meetingId, itemId: item.id })}
          onAdded={() => {
            setAdding(false)
            setStatus('Evidence added to the plan.')
          }}
        />
      </Dialog>
    </fieldset>
  )
}

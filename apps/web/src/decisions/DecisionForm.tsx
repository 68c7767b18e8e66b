import { type AgendaItem, DECISION_MAX_CHARS, decisionText } from '@confer/model'
import { useId, useState } from 'react'
import { InlineEntryForm, type TextCheck } from '../ui/InlineEntryForm.tsx'
import { decisionItemLabel } from './decision-item.ts'

export interface DecisionFields {
  text: string
  itemId: string | null
}

interface Props {
  initial: DecisionFields
  agenda: readonly AgendaItem[]
  submitLabel: string
  onSubmit: (fields: DecisionFields) => void
  onCancel: () => void
}

function check(text: string): TextCheck {
  const line = decisionText(text)
  if (line !== null) return { text: line }
  return {
    error: text.trim()
      ? `Keep it under ${DECISION_MAX_CHARS.toLocaleString()} characters.`
      : 'Write what was decided.',
  }
}

/** What was decided and under which agenda item: for a new decision or an edit. */
export function DecisionForm({ initial, agenda, submitLabel, onSubmit, onCancel }: Props) {
  const id = useId()
  const [itemId, setItemId] = useState(initial.itemId)
  // An edit keeps the link to an item removed since, unless the person picks another.
  const orphan = itemId !== null && !agenda.some((item) => item.id === itemId)

  return (
    <InlineEntryForm
      className="decision-form"
      submitLabel={submitLabel}
      textLabel="Decision"
      initialText={initial.text}
      maxLength={DECISION_MAX_CHARS}
      check={check}
      onSubmit={(text) => onSubmit({ text, itemId })}
      onCancel={onCancel}
    >
      <div className="field">
        <label htmlFor={`${id}-item`}>Agenda item</label>
        <select
          id={`${id}-item`}
          value={itemId ?? ''}
          onChange={(event) => setItemId(event.target.value || null)}
        >
          <option value="">Whole meeting</option>
          {agenda.map((item) => (
            <option key={item.id} value={item.id}>
              {decisionItemLabel(agenda, item.id)}
            </option>
          ))}
          {orphan && <option value={itemId}>{decisionItemLabel(agenda, itemId)}</option>}
        </select>
      </div>
    </InlineEntryForm>
  )
}

import { useId, useState } from 'react'
import { OwnerSelect } from '../meeting-data/OwnerSelect.tsx'
import type { MeetingPeople } from '../meeting-data/useMeetingPeople.ts'
import { InlineEntryForm, type TextCheck } from '../ui/InlineEntryForm.tsx'

export interface ActionFields {
  text: string
  ownerId: string | null
  due: string | null
}

interface Props {
  initial: ActionFields
  people: MeetingPeople
  submitLabel: string
  onSubmit: (fields: ActionFields) => void
  onCancel: () => void
}

const check = (text: string): TextCheck =>
  text.trim() ? { text: text.trim() } : { error: 'Say what needs doing.' }

/** What needs doing, who does it, by when: for a new action item or an edit. */
export function ActionForm({ initial, people, submitLabel, onSubmit, onCancel }: Props) {
  const id = useId()
  const [ownerId, setOwnerId] = useState(initial.ownerId)
  const [due, setDue] = useState(initial.due ?? '')

  return (
    <InlineEntryForm
      className="action-form"
      submitLabel={submitLabel}
      textLabel="What needs doing"
      initialText={initial.text}
      maxLength={500}
      check={check}
      onSubmit={(text) => onSubmit({ text, ownerId, due: /^\d{4}-\d{2}-\d{2}$/.test(due) ? due : null })}
      onCancel={onCancel}
    >
      <div className="action-form__row">
        <div className="field">
          <label htmlFor={`${id}-owner`}>Owner</label>
          <OwnerSelect id={`${id}-owner`} value={ownerId} people={people} onChange={setOwnerId} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-due`}>Due date</label>
          <input id={`${id}-due`} type="date" value={due} onChange={(event) => setDue(event.target.value)} />
        </div>
      </div>
    </InlineEntryForm>
  )
}

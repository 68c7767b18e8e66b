import { useId } from 'react'
import { LIMITS, type MinutesRange, SPEAKERS } from '../protocols/protocol-types.ts'
import { Field } from '../ui/Field.tsx'
import type { DraftErrors, StepDraft } from './protocol-form.ts'
import { speakerRoleLabel } from './who-speaks.ts'

interface Props {
  step: StepDraft
  index: number
  count: number
  errors: DraftErrors
  onChange: (step: StepDraft) => void
  onMove: (by: -1 | 1) => void
  onRemove: () => void
}

/** A library step's allowed minutes, shown under the field so a refusal is never a surprise. */
const rangeHint = (range: MinutesRange) =>
  range.min === range.max ? `${range.min} in this protocol` : `${range.min}–${range.max}`

/** One step of a protocol in the editor: what it is called, how long, who speaks, and its prompt. */
export function StepFields({ step, index, count, errors, onChange, onMove, onRemove }: Props) {
  const silentId = useId()
  const perMemberId = useId()
  const at = `step.${step.key}`
  const label = step.title.trim() || `step ${index + 1}`
  const set = <K extends keyof StepDraft>(key: K, value: StepDraft[K]) => onChange({ ...step, [key]: value })
  return (
    <fieldset className="step-fields" data-step={step.key}>
      <legend>Step {index + 1}</legend>
      <div className="step-fields__row">
        <Field label="Title" error={errors[`${at}.title`]} className="step-fields__title">
          {(control) => (
            <input
              {...control}
              type="text"
              value={step.title}
              onChange={(e) => set('title', e.target.value)}
            />
          )}
        </Field>
        <Field
          label="Minutes"
          hint={step.range ? rangeHint(step.range) : undefined}
          error={errors[`${at}.minutes`]}
          className="step-fields__minutes"
        >
          {(control) => (
            <input
              {...control}
              type="number"
              inputMode="numeric"
              min={step.range?.min ?? LIMITS.minMinutes}
              max={step.range?.max ?? LIMITS.maxMinutes}
              step={1}
              value={step.minutes}
              onChange={(e) => set('minutes', e.target.value)}
            />
          )}
        </Field>
        <Field label="Who speaks" className="step-fields__speaker">
          {(control) => (
            <select
              {...control}
              value={step.speaker}
              onChange={(e) => set('speaker', e.target.value as StepDraft['speaker'])}
            >
              {SPEAKERS.map((speaker) => (
                <option key={speaker} value={speaker}>
                  {speakerRoleLabel(speaker)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="step-fields__checks">
        <span className="check">
          <input
            id={silentId}
            type="checkbox"
            checked={step.presenterSilent}
            onChange={(e) => set('presenterSilent', e.target.checked)}
          />
          <label htmlFor={silentId}>The presenter listens silently</label>
        </span>
        <span className="check">
          <input
            id={perMemberId}
            type="checkbox"
            checked={step.perMember}
            onChange={(e) => set('perMember', e.target.checked)}
          />
          <label htmlFor={perMemberId}>Once for each person in the go-round</label>
        </span>
      </div>
      <Field
        label="Prompt"
        hint="What the screen tells everyone during this step."
        error={errors[`${at}.prompt`]}
      >
        {(control) => (
          <textarea
            {...control}
            rows={2}
            value={step.prompt}
            onChange={(e) => set('prompt', e.target.value)}
          />
        )}
      </Field>
      <div className="step-fields__buttons">
        <button
          aria-label={`Move up, ${label}`}
          type="button"
          className="button button--secondary button--small"
          data-control="up"
          disabled={index === 0}
          onClick={() => onMove(-1)}
        >
          Move up
        </button>
        <button
          aria-label={`Move down, ${label}`}
          type="button"
          className="button button--secondary button--small"
          data-control="down"
          disabled={index === count - 1}
          onClick={() => onMove(1)}
        >
          Move down
        </button>
        <button
          aria-label={`Remove, ${label}`}
          type="button"
          className="button button--quiet button--small"
          disabled={count === 1}
          onClick={onRemove}
        >
          Remove
        </button>
      </div>
    </fieldset>
  )
}

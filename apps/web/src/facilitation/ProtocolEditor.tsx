import { useEffect, useId, useRef, useState } from 'react'
import { flushSync } from 'react-dom'
import { messageOf } from '../api/client.ts'
import type { ProtocolBody } from '../protocols/protocol-types.ts'
import { LIMITS } from '../protocols/protocol-types.ts'
import { Field } from '../ui/Field.tsx'
import { moveItem } from './go-round.ts'
import { type DraftErrors, durationText, emptyStep, type ProtocolDraft, validate } from './protocol-form.ts'
import { StepFields } from './StepFields.tsx'

interface Props {
  title: string
  initial: ProtocolDraft
  saveLabel: string
  onSave: (body: ProtocolBody) => Promise<unknown>
  onCancel: () => void
}

type FocusWish = { key: number; selector: string } | null

/** Edits a protocol's name, purpose and steps; checks them as the server would, then saves. */
export function ProtocolEditor({ title, initial, saveLabel, onSave, onCancel }: Props) {
  const headingId = useId()
  const formRef = useRef<HTMLFormElement>(null)
  const headingRef = useRef<HTMLHeadingElement>(null)
  const [draft, setDraft] = useState(initial)
  const [errors, setErrors] = useState<DraftErrors>({})
  const [saving, setSaving] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const focusWish = useRef<FocusWish>(null)

  useEffect(() => headingRef.current?.focus(), [])
  useEffect(() => {
    const wish = focusWish.current
    if (!wish) return
    focusWish.current = null
    const step = formRef.current?.querySelector(`[data-step="${wish.key}"]`)
    const target =
      step?.querySelector<HTMLElement>(`${wish.selector}:not(:disabled)`) ??
      step?.querySelector<HTMLElement>('input')
    target?.focus()
  })

  const steps = draft.steps
  const setSteps = (next: typeof steps, focus: FocusWish = null) => {
    focusWish.current = focus
    setDraft({ ...draft, steps: next })
  }

  const save = async () => {
    const { body, errors: found } = validate(draft)
    flushSync(() => setErrors(found))
    if (!body) {
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
      return
    }
    setSaving(true)
    setFailure(null)
    try {
      await onSave(body)
    } catch (error) {
      setFailure(messageOf(error))
      setSaving(false)
    }
  }

  return (
    <section className="protocol-editor card" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {title}
      </h2>
      <form
        ref={formRef}
        className="stack-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          void save()
        }}
      >
        <Field label="Name" error={errors.name}>
          {(control) => (
            <input
              {...control}
              type="text"
              maxLength={LIMITS.name}
              value={draft.name}
              onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            />
          )}
        </Field>
        <Field label="Purpose" hint="One or two sentences: what this protocol is for." error={errors.purpose}>
          {(control) => (
            <textarea
              {...control}
              rows={2}
              value={draft.purpose}
              onChange={(e) => setDraft({ ...draft, purpose: e.target.value })}
            />
          )}
        </Field>
        <div className="protocol-editor__steps">
          <h3>
            Steps{' '}
            <span className="count">
              ({steps.length}, {durationText(draft)})
            </span>
          </h3>
          {errors.steps && <p className="field-error">{errors.steps}</p>}
          {steps.map((step, index) => (
            <StepFields
              key={step.key}
              step={step}
              index={index}
              count={steps.length}
              errors={errors}
              onChange={(next) => setSteps(steps.map((s) => (s.key === step.key ? next : s)))}
              onMove={(by) =>
                setSteps(moveItem(steps, index, by), {
                  key: step.key,
                  selector: `[data-control="${by < 0 ? 'up' : 'down'}"]`,
                })
              }
              onRemove={() => {
                const neighbour = steps[index + 1] ?? steps[index - 1]
                setSteps(
                  steps.filter((s) => s.key !== step.key),
                  neighbour ? { key: neighbour.key, selector: 'input' } : null,
                )
              }}
            />
          ))}
          {steps.length < LIMITS.maxSteps && (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                const added = emptyStep()
                setSteps([...steps, added], { key: added.key, selector: 'input' })
              }}
            >
              Add a step
            </button>
          )}
        </div>
        {failure && (
          <p className="error" role="alert">
            {failure}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={saving}>
            {saving ? 'Saving…' : saveLabel}
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  )
}

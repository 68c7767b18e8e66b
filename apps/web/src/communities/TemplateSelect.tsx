import type { AgendaTemplateView } from '@confer/api'
import { useId } from 'react'

interface Props {
  templates: AgendaTemplateView[] | undefined
  value: string
  onChange: (templateId: string) => void
  loadFailed: boolean
}

/** Which agenda a new meeting starts with: a built-in template, one the team saved, or one "Notes" item. */
export function TemplateSelect({ templates, value, onChange, loadFailed }: Props) {
  const id = useId()
  const builtIn = templates?.filter((t) => t.builtIn) ?? []
  const saved = templates?.filter((t) => !t.builtIn) ?? []
  const chosen = templates?.find((t) => t.id === value)
  const hint = chosen
    ? `${chosen.description ? `${chosen.description} ` : ''}${chosen.items.length} items, ${chosen.items.reduce((n, i) => n + (i.minutes ?? 0), 0)} min.`
    : loadFailed
      ? 'Templates could not be loaded; the meeting starts with one Notes item.'
      : 'One “Notes” item to start; add more on the meeting page.'
  return (
    <div className="field">
      <label htmlFor={id}>Agenda template</label>
      <select
        id={id}
        value={value}
        aria-describedby={`${id}-hint`}
        onChange={(event) => onChange(event.target.value)}
      >
        <option value="">Blank agenda</option>
        {builtIn.length > 0 && (
          <optgroup label="Built in">
            {builtIn.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </optgroup>
        )}
        {saved.length > 0 && (
          <optgroup label="Saved by your team">
            {saved.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </optgroup>
        )}
      </select>
      <p id={`${id}-hint`} className="hint">
        {hint}
      </p>
    </div>
  )
}

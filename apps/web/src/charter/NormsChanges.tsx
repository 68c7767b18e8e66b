import { DiffText } from '../history/DiffText.tsx'
import { normsChanges } from './norms-changes.ts'

/** The norms someone agreed to against the current ones, word by word (SPEC N3). */
export function NormsChanges({ agreed, current }: { agreed: string[] | null; current: string[] }) {
  if (agreed === null) {
    return <p className="notice">The wording you agreed to was not kept (it was before this feature).</p>
  }
  const changes = normsChanges(agreed, current)
  if (changes.length === 0) return <p className="notice">Only the order or spacing changed.</p>
  return (
    <ul className="norms-changes" aria-label="What changed in the norms">
      {changes.map((change) => (
        <li key={`${change.before}→${change.after}`}>
          <span className="norms-changes__kind">
            {change.before === '' ? 'Added' : change.after === '' ? 'Removed' : 'Reworded'}
          </span>
          <DiffText before={change.before} after={change.after} />
        </li>
      ))}
    </ul>
  )
}

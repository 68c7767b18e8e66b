import { diffWords } from './diff.ts'

/** `before` → `after` word by word: insertions in <ins>, deletions in <del> (underlined / struck). */
export function DiffText({ before, after }: { before: string; after: string }) {
  const parts = diffWords(before, after)
  if (parts.length === 0) return <p className="notice">(empty)</p>
  return (
    <p className="diff-text">
      {parts.map((part, index) => {
        const key = `${index}-${part.kind}`
        if (part.kind === 'ins') return <ins key={key}>{part.text}</ins>
        if (part.kind === 'del') return <del key={key}>{part.text}</del>
        return <span key={key}>{part.text}</span>
      })}
    </p>
  )
}

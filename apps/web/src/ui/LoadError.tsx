import type { ApiError } from '../api/client.ts'

/** A load that failed for a reason other than "not found": the message, and a way to try again. */
export function LoadError({ error, onRetry, what }: { error: ApiError; onRetry: () => void; what: string }) {
  return (
    <div className="load-error" role="alert">
      <p>
        <strong>Could not load {what}.</strong> {error.message}
      </p>
      <button type="button" className="button button--secondary" onClick={onRetry}>
        Try again
      </button>
    </div>
  )
}

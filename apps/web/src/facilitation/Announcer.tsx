/**
 * A polite live region for the moments worth hearing: a new step, a pause, time up. It sits in
 * the page from the start (regions added together with their text are often not read).
 */
export function Announcer({ message }: { message: string }) {
  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {message}
    </div>
  )
}

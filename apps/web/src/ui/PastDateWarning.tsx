import './meeting-status.css'

/**
 * A warning, never a block, when a meeting is put at a time already past (a typo in the year,
 * or a meeting recorded after it happened). A live region, so it is heard as it appears.
 */
export function PastDateWarning({ startsAt }: { startsAt: string | null }) {
  const past = startsAt !== null && Date.parse(startsAt) < Date.now()
  return (
    <p className="warning-note" role="status">
      {past &&
        'That date and time have already passed. Check them; you can still save a meeting in the past.'}
    </p>
  )
}

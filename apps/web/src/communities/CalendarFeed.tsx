import { useState } from 'react'
import { createCalendarKey, getCalendarKey } from '../api/endpoints.ts'
import { useApi } from '../api/useApi.ts'
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx'
import { CopyLinkField } from '../ui/CopyLinkField.tsx'
import { formatDate } from '../ui/format.ts'
import { useAction } from '../ui/useAction.ts'

/**
 * For facilitators (SPEC X3, X7): the address calendar apps subscribe to. The server keeps only
 * a hash of its key, so the address shows once, when it is made; making a new one ends the old.
 */
export function CalendarFeed({ communityId }: { communityId: string }) {
  const status = useApi(`calendar-key:${communityId}`, (signal) => getCalendarKey(communityId, signal))
  const [url, setUrl] = useState<string | null>(null)
  const [confirming, setConfirming] = useState(false)
  const action = useAction()
  const made = status.data?.feed ?? null

  const create = async () => {
    const outcome = await action.run(() => createCalendarKey(communityId))
    setConfirming(false)
    if (!outcome.ok) return
    setUrl(outcome.value.url)
    status.setData({ feed: { createdAt: new Date().toISOString() } })
  }

  return (
    <section className="calendar-feed" aria-labelledby="calendar-feed-title">
      <h3 id="calendar-feed-title">Calendar feed</h3>
      <p className="hint">
        Lets the team see its meetings in Google Calendar, Outlook or Apple Calendar (subscribe by address).
        Anyone with the address sees meeting titles and times.
      </p>
      {made && !url && (
        <p className="hint">
          A feed address was made on {formatDate(made.createdAt)}. It is shown only once: make a new one to
          see an address again (the old one then stops working).
        </p>
      )}
      {action.error && !confirming && (
        <p className="error" role="alert">
          {action.error.message}
        </p>
      )}
      <button
        type="button"
        className="button button--secondary"
        disabled={action.pending || status.data === undefined}
        onClick={() => (made ? setConfirming(true) : void create())}
      >
        {made ? 'Make a new feed address' : 'Make a feed address'}
      </button>
      {url && (
        <CopyLinkField
          key={url}
          label="Calendar feed address"
          url={url}
          hint="Paste it where your calendar app adds a calendar from a URL. It is shown only now."
        />
      )}
      <ConfirmDialog
        open={confirming}
        title="Make a new feed address?"
        confirmLabel="Make a new address"
        danger
        pending={action.pending}
        error={action.error?.message}
        onConfirm={() => void create()}
        onCancel={() => setConfirming(false)}
      >
        <p>Calendars subscribed to the current address stop getting the team's meetings.</p>
      </ConfirmDialog>
    </section>
  )
}

import { useState } from 'react'
import { anyUnconfirmedEdits } from '../collab/open-documents.ts'
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx'
import { useAction } from '../ui/useAction.ts'
import { logOut } from './logout.ts'

/**
 * Logs out and deletes this device's copies of notes. When notes typed here have not reached
 * the server yet, logging out would delete them for good: say so and let people stay.
 */
export function LogoutButton() {
  const [warning, setWarning] = useState(false)
  const action = useAction()

  const leave = () => action.run(logOut)
  const onClick = () => {
    if (anyUnconfirmedEdits()) setWarning(true)
    else void leave()
  }

  return (
    <>
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={onClick}
        disabled={action.pending}
      >
        Log out
      </button>
      {action.error && !warning && (
        <p className="account-nav__error" role="alert">
          Could not log out. {action.error.message}
        </p>
      )}
      <ConfirmDialog
        open={warning}
        title="Some notes have not been saved yet"
        confirmLabel="Log out and discard them"
        cancelLabel="Stay signed in"
        danger
        pending={action.pending}
        error={action.error?.message}
        onCancel={() => {
          setWarning(false)
          action.clearError()
        }}
        onConfirm={() => {
          void leave().then((outcome) => outcome.ok && setWarning(false))
        }}
      >
        <p>
          Notes you typed on this device have not reached Confer yet — usually because the connection dropped.
          Logging out deletes this device’s copy, so those words would be lost.
        </p>
        <p>Stay signed in until the badge on the meeting says “All changes saved”, then log out.</p>
      </ConfirmDialog>
    </>
  )
}

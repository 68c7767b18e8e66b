import { useState } from 'react'
import { anyUnconfirmedEdits } from '../collab/open-documents.ts'
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx'
import { useAction } from '../ui/useAction.ts'
import { logOutEverywhere } from './logout.ts'

/**
 * "Sign out everywhere": for a lost laptop or a shared computer left signed in. Ends every
 * session and API token of the account, this one included, after a confirmation that says so.
 */
export function SignOutEverywhereButton() {
  const [confirming, setConfirming] = useState(false)
  const [unsaved, setUnsaved] = useState(false)
  const action = useAction()

  return (
    <>
      <button
        type="button"
        className="button button--quiet button--small"
        onClick={() => {
          setUnsaved(anyUnconfirmedEdits())
          setConfirming(true)
        }}
        disabled={action.pending}
      >
        Sign out everywhere
      </button>
      <ConfirmDialog
        open={confirming}
        title="Sign out on every device?"
        confirmLabel="Sign out everywhere"
        cancelLabel="Stay signed in"
        danger
        pending={action.pending}
        error={action.error?.message}
        onCancel={() => {
          setConfirming(false)
          action.clearError()
        }}
        onConfirm={() => {
          void action.run(logOutEverywhere).then((outcome) => outcome.ok && setConfirming(false))
        }}
      >
        <p>
          This signs your account out in every browser and on every device, this one included, and stops every
          API token you made. Open meetings disconnect at once; you log in again to continue.
        </p>
        {unsaved && (
          <p>
            <strong>Some notes typed on this device have not reached Confer yet.</strong> Signing out deletes
            this device’s copy, so those words would be lost. Wait for “All changes saved” first.
          </p>
        )}
      </ConfirmDialog>
    </>
  )
}

import type { Community } from '@confer/api'
import { useState } from 'react'
import { listInvites } from '../api/endpoints.ts'
import { useApi } from '../api/useApi.ts'
import { Dialog } from '../ui/Dialog.tsx'
import { ActiveInvites } from './ActiveInvites.tsx'
import { InviteForm } from './InviteForm.tsx'

/** "Invite people": a dialog that makes invitation links and lists the ones still active. */
export function InvitePeople({ community }: { community: Community }) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button" className="button button--primary button--small" onClick={() => setOpen(true)}>
        Invite people
      </button>
      <Dialog
        open={open}
        title={`Invite people to ${community.name}`}
        onClose={() => setOpen(false)}
        className="dialog--wide"
      >
        <InviteDialogBody communityId={community.id} />
      </Dialog>
    </>
  )
}

function InviteDialogBody({ communityId }: { communityId: string }) {
  const invites = useApi(`invites:${communityId}`, (signal) =>
    listInvites(communityId, signal).then((answer) => answer.invites),
  )
  return (
    <div className="dialog__body invite-dialog">
      <InviteForm communityId={communityId} onCreated={invites.reload} />
      <ActiveInvites communityId={communityId} invites={invites} />
    </div>
  )
}

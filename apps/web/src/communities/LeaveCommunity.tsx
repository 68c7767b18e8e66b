import type { Community } from '@confer/api'
import { useState } from 'react'
import { removeMember } from '../api/endpoints.ts'
import { navigate } from '../routing/router.ts'
import { refreshSession } from '../session/session-store.ts'
import { useMe } from '../session/useSession.ts'
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx'
import { useAction } from '../ui/useAction.ts'

export function LeaveCommunity({ community }: { community: Community }) {
  const me = useMe()
  const [asking, setAsking] = useState(false)
  const action = useAction()

  const leave = async () => {
    const outcome = await action.run(async () => {
      await removeMember(community.id, me.user.id)
      await refreshSession()
    })
    if (outcome.ok) navigate('/')
  }

  return (
    <div className="leave-community">
      <button
        type="button"
        className="button button--quiet button--small"
        onClick={() => {
          action.clearError()
          setAsking(true)
        }}
      >
        Leave community
      </button>
      <ConfirmDialog
        open={asking}
        title={`Leave ${community.name}?`}
        confirmLabel="Leave community"
        danger
        pending={action.pending}
        error={action.error?.message}
        onConfirm={() => void leave()}
        onCancel={() => setAsking(false)}
      >
        <p>You will no longer see its meetings and notes. To come back, you will need a new invitation.</p>
      </ConfirmDialog>
    </div>
  )
}

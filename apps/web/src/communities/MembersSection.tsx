import type { Community, Member, Role } from '@confer/api'
import { useState } from 'react'
import { changeMemberRole, removeMember } from '../api/endpoints.ts'
import { refreshSession } from '../session/session-store.ts'
import { useMe } from '../session/useSession.ts'
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx'
import { ROLE_LABELS } from '../ui/format.ts'
import { useAction } from '../ui/useAction.ts'
import { InvitePeople } from './InvitePeople.tsx'
import { LeaveCommunity } from './LeaveCommunity.tsx'
import { MemberRow } from './MemberRow.tsx'

interface Props {
  community: Community
  onChange: (community: Community) => void
  onReload: () => void
}

/** Who is in the community; facilitators change roles, remove people and invite new ones. */
export function MembersSection({ community, onChange, onReload }: Props) {
  const me = useMe()
  const manage = community.role === 'facilitator'
  const roleChange = useAction()
  const removal = useAction()
  const [removing, setRemoving] = useState<Member | null>(null)
  const [done, setDone] = useState('')

  const changeRole = async (member: Member, role: Role) => {
    setDone('')
    const outcome = await roleChange.run(() => changeMemberRole(community.id, member.userId, role))
    if (!outcome.ok) return
    onChange(outcome.value.community)
    setDone(`${member.name} is now ${role === 'observer' ? 'an' : 'a'} ${role}.`)
    if (member.userId === me.user.id) await refreshSession()
  }

  const confirmRemoval = async () => {
    if (!removing) return
    const outcome = await removal.run(() => removeMember(community.id, removing.userId))
    if (!outcome.ok) return
    setDone(`${removing.name} was removed from ${community.name}.`)
    setRemoving(null)
    onReload()
  }

  return (
    <section className="card" aria-labelledby="members-title">
      <div className="section-head">
        <h2 id="members-title">
          Members <span className="count">({community.members.length})</span>
        </h2>
        {manage && <InvitePeople community={community} />}
      </div>
      {roleChange.error && (
        <p className="error" role="alert">
          {roleChange.error.message}
        </p>
      )}
      <p className="success-note" role="status">
        {done}
      </p>
      <ul className="member-list">
        {community.members.map((member) => (
          <MemberRow
            key={member.userId}
            member={member}
            isMe={member.userId === me.user.id}
            manage={manage}
            busy={roleChange.pending}
            onRoleChange={(role) => void changeRole(member, role)}
            onRemove={() => {
              removal.clearError()
              setRemoving(member)
            }}
          />
        ))}
      </ul>
      <LeaveCommunity community={community} />
      <ConfirmDialog
        open={removing !== null}
        title={`Remove ${removing?.name ?? ''}?`}
        confirmLabel="Remove"
        danger
        pending={removal.pending}
        error={removal.error?.message}
        onConfirm={() => void confirmRemoval()}
        onCancel={() => setRemoving(null)}
      >
        <p>
          {removing?.name} ({ROLE_LABELS[removing?.role ?? 'member'].toLowerCase()}) loses access to{' '}
          {community.name} and its meetings right away, including any meeting they have open. They can come
          back only with a new invitation.
        </p>
      </ConfirmDialog>
    </section>
  )
}

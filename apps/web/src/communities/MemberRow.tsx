import type { Member, Role } from '@confer/api'
import { useId } from 'react'
import { ROLE_LABELS, ROLES } from '../ui/format.ts'

interface Props {
  member: Member
  isMe: boolean
  manage: boolean
  busy: boolean
  onRoleChange: (role: Role) => void
  onRemove: () => void
}

export function MemberRow({ member, isMe, manage, busy, onRoleChange, onRemove }: Props) {
  const selectId = useId()
  return (
    <li className="member">
      <div className="member__who">
        <span className="member__name">
          {member.name}
          {isMe && <span className="muted"> (you)</span>}
        </span>
        <span className="member__email">{member.email}</span>
      </div>
      <div className="member__actions">
        {manage ? (
          <>
            <label htmlFor={selectId} className="visually-hidden">
              Role of {member.name}
            </label>
            <select
              id={selectId}
              value={member.role}
              disabled={busy}
              onChange={(event) => onRoleChange(event.target.value as Role)}
            >
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {ROLE_LABELS[role]}
                </option>
              ))}
            </select>
            {!isMe && (
              <button type="button" className="button button--quiet button--small" onClick={onRemove}>
                Remove<span className="visually-hidden"> {member.name}</span>
              </button>
            )}
          </>
        ) : (
          <span className="role-tag">{ROLE_LABELS[member.role]}</span>
        )}
      </div>
    </li>
  )
}

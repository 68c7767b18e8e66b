import { type ActionItem, updateAction } from '@confer/model'
import type * as Y from 'yjs'
import type { MeetingPeople } from '../meeting-data/useMeetingPeople.ts'
import type { EarlierMeeting } from '../meeting-data/useMeetingTitles.ts'
import { Link } from '../routing/Link.tsx'
import { formatDue, isOverdue } from '../ui/due-date.ts'
import { EditRemoveButtons } from '../ui/EditRemoveButtons.tsx'
import { formatDateTime } from '../ui/format.ts'

interface Props {
  doc: Y.Doc
  action: ActionItem
  editable: boolean
  people: MeetingPeople
  earlierMeeting: (meetingId: string) => EarlierMeeting | undefined
  onEdit: (action: ActionItem) => void
  onRemove: (action: ActionItem) => void
}

export const actionLabel = (action: ActionItem) => action.text.trim() || 'Untitled action item'

/** One action item: done box, what, who, when, where it came from; edit and remove for members. */
export function ActionRow({ doc, action, editable, people, earlierMeeting, onEdit, onRemove }: Props) {
  const label = actionLabel(action)
  const overdue = isOverdue(action.due, action.done)
  const from = action.fromMeetingId ? earlierMeeting(action.fromMeetingId) : undefined
  return (
    <li className="action-row" data-done={action.done || undefined}>
      <label className="action-row__main">
        <input
          type="checkbox"
          checked={action.done}
          disabled={!editable}
          onChange={(event) => updateAction(doc, action.id, { done: event.target.checked })}
        />
        <span className="action-row__text">{label}</span>
      </label>
      <p className="action-row__meta">
        <span>{action.ownerId ? people.nameOf(action.ownerId) : 'No owner'}</span>
        {action.due && (
          <span data-overdue={overdue || undefined}>
            due <time dateTime={action.due}>{formatDue(action.due)}</time>
            {overdue && ' (overdue)'}
          </span>
        )}
        {action.fromMeetingId && (
          <span>
            from{' '}
            <Link to={`/m/${action.fromMeetingId}`}>
              {from ? `${from.title}, ${formatDateTime(from.startsAt)}` : 'an earlier meeting'}
            </Link>
          </span>
        )}
      </p>
      {editable && (
        <EditRemoveButtons
          className="action-row__buttons"
          editLabel={`Edit ${label}`}
          removeLabel={`Remove ${label}`}
          onEdit={() => onEdit(action)}
          onRemove={() => onRemove(action)}
        />
      )}
    </li>
  )
}

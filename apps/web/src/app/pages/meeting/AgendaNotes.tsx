import type { AgendaItem } from '@confer/model'
import type { ReactNode } from 'react'
import type { CollabSession } from '../../../collab/session.ts'
import type { PresenceUser } from '../../../collab/useAwarenessUser.ts'
import type { StepHeading } from '../../../facilitation/useStepHeading.ts'
import { currentItemId } from '../../../meeting-data/current-item.ts'
import type { MeetingPeople } from '../../../meeting-data/useMeetingPeople.ts'
import { ItemNotes } from '../../../notes/ItemNotes.tsx'

interface AgendaNotesProps {
  session: CollabSession
  agenda: AgendaItem[]
  user: PresenceUser
  people: MeetingPeople
  /** The server's copy has arrived, so an empty agenda really is empty. */
  fromServer: boolean
  /** False for observers and network guests with read-only access. */
  editable: boolean
  /** The running round's step, offered as a heading in the notes of its item. */
  stepHeading: StepHeading | null
  /** Shown under an item's notes: its links to the plan. */
  itemTools?: (item: AgendaItem) => ReactNode
  /** The community pasted images are uploaded to; null where they are not taken (guests). */
  imagesTo?: string | null
}

/** The notes of every agenda item, in agenda order. */
export function AgendaNotes(props: AgendaNotesProps) {
  const { session, agenda, user, people, fromServer, editable, stepHeading, itemTools, imagesTo } = props
  if (agenda.length === 0) {
    return (
      <div className="empty-state">
        <h2>No agenda items yet</h2>
        <p>
          {fromServer
            ? editable
              ? 'Add an item to the agenda above to start taking notes under it.'
              : 'This meeting has no agenda items, so there is nowhere to take notes yet.'
            : 'Nothing is stored on this device for this meeting yet.'}
        </p>
      </div>
    )
  }
  const current = currentItemId(agenda)
  return (
    <div className="agenda">
      {agenda.map((item, index) => (
        <ItemNotes
          key={item.id}
          item={item}
          position={index + 1}
          current={item.id === current}
          ownerName={item.ownerId ? people.nameOf(item.ownerId) : null}
          session={session}
          user={user}
          editable={editable}
          stepTitle={stepHeading?.itemId === item.id ? stepHeading.title : null}
          imagesTo={imagesTo ?? null}
        >
          {itemTools?.(item)}
        </ItemNotes>
      ))}
    </div>
  )
}

import type { MeetingView } from '@confer/api'
import { useRef } from 'react'
import { ActionsPanel } from '../../../actions/ActionsPanel.tsx'
import { AgendaPanel } from '../../../agenda/AgendaPanel.tsx'
import { useAgenda } from '../../../agenda/useAgenda.ts'
import { PresenceList } from '../../../collab/PresenceList.tsx'
import type { CollabSession } from '../../../collab/session.ts'
import type { PresenceUser } from '../../../collab/useAwarenessUser.ts'
import type { Participant } from '../../../collab/usePresence.ts'
import { DecisionsPanel } from '../../../decisions/DecisionsPanel.tsx'
import { useStepHeading } from '../../../facilitation/useStepHeading.ts'
import { AttendancePanel } from '../../../meeting/AttendancePanel.tsx'
import { useMeetingPeople } from '../../../meeting-data/useMeetingPeople.ts'
import { useMeetingTitles } from '../../../meeting-data/useMeetingTitles.ts'
import { useDocumentReady } from '../../../notes/useDocumentReady.ts'
import { ItemPlanTools } from '../../../plan/ItemPlanTools.tsx'
import { MeetingPlanScope } from '../../../plan/MeetingPlanScope.tsx'
import { PageLoading } from '../../../ui/PageLoading.tsx'
import { AgendaNotes } from './AgendaNotes.tsx'
import { MeetingRail } from './MeetingRail.tsx'
import { useLastItemMemory, useSectionProps } from './meeting-layout.ts'

interface Props {
  session: CollabSession
  view: MeetingView
  user: PresenceUser
  present: Participant[]
  offline: boolean
  editable: boolean
}

/**
 * The meeting document laid out: agenda and notes in the main column, people and action items in
 * a rail that stays in view (tabs on a phone, see MeetingPage).
 */
export function MeetingWorkspace({ session, view, user, present, offline, editable }: Props) {
  const { ready, fromServer } = useDocumentReady(session)
  const agenda = useAgenda(session.doc)
  const people = useMeetingPeople(view, present)
  const earlierMeeting = useMeetingTitles(view)
  const stepHeading = useStepHeading(view.meeting.id, agenda)
  const titleOf = (itemId: string) => agenda.find((item) => item.id === itemId)?.title
  const body = useRef<HTMLDivElement>(null)
  useLastItemMemory(body, view.meeting.id)
  const agendaSection = useSectionProps('agenda')
  const peopleSection = useSectionProps('people')
  const actionsSection = useSectionProps('actions')

  return (
    <>
      <div
        className="notes-page__body"
        {...agendaSection}
        id={agendaSection.id ?? 'meeting-notes'}
        ref={body}
      >
        {ready ? (
          <>
            <AgendaPanel
              doc={session.doc}
              agenda={agenda}
              durationMinutes={view.meeting.durationMinutes}
              editable={editable}
              people={people}
              meetingId={view.meeting.id}
            />
            {/* The plan opens beside the notes for the community's own people, never for guests. */}
            <MeetingPlanScope communityId={view.meeting.communityId} enabled={!view.guest} agenda={agenda}>
              <AgendaNotes
                session={session}
                agenda={agenda}
                user={user}
                people={people}
                fromServer={fromServer}
                editable={editable}
                stepHeading={stepHeading}
                imagesTo={view.guest ? null : view.meeting.communityId}
                itemTools={(item) => (
                  <ItemPlanTools
                    item={item}
                    meetingDoc={session.doc}
                    meetingId={view.meeting.id}
                    communityId={view.meeting.communityId}
                    editable={editable}
                  />
                )}
              />
            </MeetingPlanScope>
          </>
        ) : (
          <PageLoading label={offline ? 'Waiting for a connection to load these notes…' : 'Loading notes…'} />
        )}
      </div>
      <MeetingRail>
        <div {...peopleSection}>
          <aside className="notes-page__aside" aria-label="People in this meeting">
            <PresenceList people={present} itemTitle={titleOf} />
            {!view.guest && (
              <AttendancePanel
                meetingId={view.meeting.id}
                canCorrect={view.role === 'facilitator'}
                present={present}
              />
            )}
          </aside>
        </div>
        {ready && (
          <div {...actionsSection}>
            <aside className="notes-page__actions" aria-label="Action items and decisions of this meeting">
              <ActionsPanel
                doc={session.doc}
                editable={editable}
                people={people}
                earlierMeeting={earlierMeeting}
              />
              <DecisionsPanel doc={session.doc} agenda={agenda} editable={editable} />
            </aside>
          </div>
        )}
      </MeetingRail>
    </>
  )
}

import type { MeetingView } from '@confer/api'
import { useCallback } from 'react'
import { listMeetings } from '../api/endpoints.ts'
import { useApi } from '../api/useApi.ts'

/** Where a carried-over action item came from. */
export interface EarlierMeeting {
  title: string
  startsAt: string
}

/**
 * Titles and dates of the community's meetings, to say where a carried-over action item came
 * from. Network guests cannot list them: they read "an earlier meeting".
 */
export function useMeetingTitles(view: MeetingView): (meetingId: string) => EarlierMeeting | undefined {
  const communityId = view.guest ? null : view.meeting.communityId
  const meetings = useApi(communityId && `meetings:${communityId}`, (signal) =>
    listMeetings(communityId ?? '', signal).then((answer) => answer.meetings),
  )
  const list = meetings.data
  return useCallback((meetingId: string) => list?.find((m) => m.id === meetingId), [list])
}

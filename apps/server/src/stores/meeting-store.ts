export interface MeetingRecord {
  id: string
  communityId: string
  title: string
  startsAt: number
  durationMinutes: number
  networkGuestRole: 'member' | 'observer' | null
  createdAt: number
  /** Meetings scheduled together as a weekly series share this id. */
  seriesId: string | null
}

export interface IndexedAction {
  meetingId: string
  actionId: string
  text: string
  ownerId: string | null
  due: string | null
  done: boolean
  fromMeetingId: string | null
}

export interface TemplateRecord {
  id: string
  communityId: string
  name: string
  /** JSON of NewAgendaItem[]. */
  items: string
  createdBy: string
  createdAt: number
}

export interface MeetingStore {
  insertMeeting(meeting: MeetingRecord): Promise<void>
  meetingById(id: string): Promise<MeetingRecord | null>
  /** Newest first. */
  meetingsOf(communityId: string): Promise<MeetingRecord[]>
  /** Upcoming meetings across the user's communities, soonest first. */
  upcomingFor(
    userId: string,
    from: number,
    limit: number,
  ): Promise<(MeetingRecord & { communityName: string })[]>
  setNetworkGuestRole(id: string, role: 'member' | 'observer' | null): Promise<void>
  /** The meeting of the community that starts last before `startsAt`, if any. */
  previousMeeting(communityId: string, startsAt: number, excludeId: string): Promise<MeetingRecord | null>

  /** Replaces the indexed action items of one meeting (the index is rebuilt from its document). */
  replaceActions(
    meetingId: string,
    communityId: string,
    actions: Omit<IndexedAction, 'meetingId'>[],
  ): Promise<void>
  /**
   * Open action items across the community: each item once, as it stands in the latest meeting
   * it appears in (carried-over items share their id), with that meeting's id and title.
   */
  openActions(
    communityId: string,
  ): Promise<(IndexedAction & { meetingTitle: string; meetingStartsAt: number })[]>

  /** Marks someone present because they opened the meeting; never overrides a manual correction. */
  recordPresence(meetingId: string, userId: string, at: number): Promise<void>
  /** A facilitator's correction: present or absent, whatever presence said. */
  setAttendance(meetingId: string, userId: string, present: boolean, at: number): Promise<void>
  attendance(
    meetingId: string,
  ): Promise<{ userId: string; present: boolean; source: 'presence' | 'manual' }[]>

  insertTemplate(template: TemplateRecord): Promise<void>
  templatesOf(communityId: string): Promise<TemplateRecord[]>
  templateById(id: string): Promise<TemplateRecord | null>
  deleteTemplate(communityId: string, id: string): Promise<boolean>
}

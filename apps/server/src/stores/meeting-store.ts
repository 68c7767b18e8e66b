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
  /** When a facilitator cancelled it (epoch ms); null while it is on. */
  cancelledAt: number | null
  /** Its network guests may read the community's plan (SPEC G5–G6). */
  sharesPlan: boolean
}

/** What a facilitator may change of a meeting (PATCH /api/meetings/:id); absent fields stay. */
export type MeetingChanges = Partial<
  Pick<MeetingRecord, 'title' | 'startsAt' | 'durationMinutes' | 'cancelledAt' | 'sharesPlan'>
>

export interface IndexedAction {
  meetingId: string
  actionId: string
  text: string
  ownerId: string | null
  due: string | null
  done: boolean
  fromMeetingId: string | null
  /**
   * When it was ticked done (its `done` stamp, the ticking device's epoch ms), for progress per
   * week (SPEC PR2); null while open or when unknown. Written by replaceActions, not read back.
   */
  doneAt?: number | null
}

/** An open item of mine, for the home page (GET /api/me/actions). */
export interface OwnedAction extends IndexedAction {
  communityId: string
  communityName: string
  meetingTitle: string
  meetingStartsAt: number
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
  /** Writes the given fields and returns the meeting as it now is, or null if it is unknown. */
  updateMeeting(id: string, changes: MeetingChanges): Promise<MeetingRecord | null>
  /** The meeting of the community that starts last before `startsAt`, if any. */
  previousMeeting(communityId: string, startsAt: number, excludeId: string): Promise<MeetingRecord | null>
  /**
   * The community's next meeting: the earliest that starts after `now` and is not cancelled
   * (where action items added to earlier meetings are carried, SPEC T2).
   */
  nextMeeting(communityId: string, now: number): Promise<MeetingRecord | null>

  /** Replaces the indexed action items of one meeting (the index is rebuilt from its document). */
  replaceActions(
    meetingId: string,
    communityId: string,
    actions: Omit<IndexedAction, 'meetingId'>[],
  ): Promise<void>
  /** One meeting's indexed items, as last extracted from its document. */
  actionsOf(meetingId: string): Promise<IndexedAction[]>
  /** Every indexed copy of these items in the community's meetings (carried copies share the id). */
  actionCopies(communityId: string, actionIds: readonly string[]): Promise<IndexedAction[]>
  /**
   * Open items owned by `userId` across the communities they belong to: each item once, as it
   * stands in the latest meeting it appears in; due first (undated last), then by text.
   */
  openActionsOwnedBy(userId: string): Promise<OwnedAction[]>
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

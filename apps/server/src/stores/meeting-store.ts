export interface MeetingRecord {
  id: string
  communityId: string
  title: string
  startsAt: number
  durationMinutes: number
  networkGuestRole: 'member' | 'observer' | null
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
}

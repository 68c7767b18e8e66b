/** Who affirmed which version of a community's norms, and the closing norms checks of meetings. */
export interface RatingRow {
  userId: string
  normId: string
  normText: string
  rating: number
  comment: string | null
}

export interface CharterStore {
  affirm(communityId: string, userId: string, version: string, at: number): Promise<void>
  affirmations(communityId: string): Promise<{ userId: string; version: string; affirmedAt: number }[]>
  /** Replaces one person's ratings for a meeting (a resubmission corrects the earlier one). */
  replaceRatings(
    meetingId: string,
    userId: string,
    ratings: Omit<RatingRow, 'userId'>[],
    at: number,
  ): Promise<void>
  ratings(meetingId: string): Promise<RatingRow[]>
  /** Average rating per norm per meeting of the community, oldest meeting first. */
  trend(communityId: string): Promise<
    {
      meetingId: string
      title: string
      startsAt: number
      normId: string
      normText: string
      average: number
      count: number
    }[]
  >
}

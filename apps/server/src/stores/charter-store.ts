/** Who affirmed which version of a community's norms, and the closing norms checks of meetings. */
export interface RatingRow {
  userId: string
  normId: string
  normText: string
  rating: number
  comment: string | null
}

/** One person's agreement: the version, and the norm texts it is made of (to show what changed). */
export interface AffirmationRow {
  userId: string
  version: string
  /** Null for agreements recorded before the texts were kept. */
  norms: string[] | null
  affirmedAt: number
}

export interface CharterStore {
  /** Records (or replaces) a person's agreement to `version`, whose texts are `norms`. */
  affirm(
    communityId: string,
    userId: string,
    version: string,
    norms: readonly string[],
    at: number,
  ): Promise<void>
  affirmations(communityId: string): Promise<AffirmationRow[]>
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

/** The stored texts of an agreement (a JSON array of strings, the same on both engines). */
export function parseTexts(stored: string | null): string[] | null {
  if (stored === null) return null
  try {
    const value: unknown = JSON.parse(stored)
    return Array.isArray(value) && value.every((t) => typeof t === 'string') ? value : null
  } catch {
    return null
  }
}

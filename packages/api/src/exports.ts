/** POST /api/communities/:id/calendar-key: the new feed's address, shown once (SPEC X3). */
export interface CalendarKeyCreated {
  url: string
}

/** GET /api/communities/:id/calendar-key: whether a feed address exists, and since when (ISO). */
export interface CalendarKeyStatus {
  feed: { createdAt: string } | null
}

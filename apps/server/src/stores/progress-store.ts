/**
 * What progress is counted from besides documents: each indexed copy of a community's action
 * items with the start of the meeting holding it (a carried item has one copy per meeting).
 */
export interface ActionCopyRow {
  actionId: string
  done: boolean
  /** When it was ticked done, as the index has it (null while open, or for items indexed before it was kept). */
  doneAt: number | null
  meetingStartsAt: number
}

export interface ProgressStore {
  /** Every copy of every action item of the community's meetings, in no particular order. */
  actionCopies(communityId: string): Promise<ActionCopyRow[]>
}

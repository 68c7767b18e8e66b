export interface VersionRecord {
  id: string
  name: string
  state: Uint8Array
  editors: string[]
  reason: 'edits' | 'session-ended' | 'before-restore'
  createdAt: number
}

export type VersionSummary = Omit<VersionRecord, 'state'> & { size: number }

/** Snapshots of documents people can look back at and restore. */
export interface VersionStore {
  insert(version: VersionRecord): Promise<void>
  list(name: string): Promise<VersionSummary[]>
  get(name: string, id: string): Promise<VersionRecord | null>
  /** Keeps the newest `keep` versions and at most `maxBytes` of them; returns how many went. */
  prune(name: string, keep: number, maxBytes: number): Promise<number>
}

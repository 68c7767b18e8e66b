/**
 * Durable storage of Yjs documents as a snapshot plus an append-only update log.
 * Every implementation must pass `test/stores/document-store.contract.ts`.
 */
export interface StoredDocument {
  /** Snapshot first (if any), then every logged update after it, in append order. */
  updates: Uint8Array[]
  /** Sequence number of the newest logged update, or 0 when the log is empty. */
  lastSeq: number
}

export interface DocumentStore {
  load(name: string): Promise<StoredDocument>
  /**
   * Appends one update and returns its sequence number. The update is committed when this
   * returns: callers rely on that to acknowledge an edit only after it is durable.
   */
  append(name: string, update: Uint8Array): number
  /**
   * Replaces the snapshot with `state` and drops every logged update with seq ≤ `throughSeq`
   * (they are merged into `state`), in one transaction. Later updates stay in the log.
   */
  compact(name: string, state: Uint8Array, throughSeq: number): Promise<void>
  close(): Promise<void>
}

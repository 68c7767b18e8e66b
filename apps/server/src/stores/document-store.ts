/**
 * Durable storage of Yjs documents as a snapshot plus an append-only update log.
 * Every implementation must pass `test/stores/document-store.contract.ts`.
 */
export interface StoredDocument {
  /** Snapshot first (if any), then every logged update after it, in append order. */
  updates: Uint8Array[]
  /** Sequence number of the newest logged update (the snapshot's when the log is empty, 0 for a new document). */
  lastSeq: number
}

/** One update for the log of document `name`. */
export interface LogEntry {
  name: string
  update: Uint8Array
}

export interface DocumentStore {
  load(name: string): Promise<StoredDocument>
  /**
   * Appends the updates, in order, in one transaction, and returns their sequence numbers
   * (increasing within each document's log, never reusing one a snapshot has merged).
   * They are committed when this returns (all of them, or none if it throws): callers rely on
   * that to acknowledge an edit only after it is durable.
   */
  append(entries: readonly LogEntry[]): number[]
  /**
   * Replaces the snapshot with `state` and drops every logged update with seq ≤ `throughSeq`
   * (they are merged into `state`), in one transaction. Later updates stay in the log.
   */
  compact(name: string, state: Uint8Array, throughSeq: number): Promise<void>
  close(): Promise<void>
}

/**
 * Durable storage of Yjs documents as a snapshot plus an append-only update log.
 * Every implementation must pass `test/stores/document-store.contract.ts`.
 */
export interface StoredDocument {
  /** Snapshot first (if any), then every logged update not merged into it, in append order. */
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
   * Appends the updates, in order, in one transaction, and resolves with their sequence numbers
   * (increasing within each document's log, never reusing one a snapshot has merged).
   * They are committed when this resolves (all of them, or none if it rejects): callers rely on
   * that to acknowledge an edit only after it is durable.
   */
  append(entries: readonly LogEntry[]): Promise<number[]>
  /**
   * The same as `append`, for a store that commits before returning (SQLite): the update log
   * then commits and acknowledges within the event-loop turn, with no promise in between.
   */
  appendNow?(entries: readonly LogEntry[]): number[]
  /**
   * Replaces the snapshot with `state` and drops every logged update with seq ≤ `throughSeq`
   * (they are merged into `state`), in one transaction. Later updates stay in the log. A store
   * several processes write to cannot trust `state` to hold another process's updates: it
   * merges into the snapshot the old snapshot and every row it drops.
   */
  compact(name: string, state: Uint8Array, throughSeq: number): Promise<void>
  close(): Promise<void>
}

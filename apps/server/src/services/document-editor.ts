import type * as Y from 'yjs'

/**
 * Server-side changes to live documents (seeding, carry-over) and reads of them (summaries,
 * templates). Changes go through the collaboration engine, so connected clients see them at
 * once and the durable store logs them like any other edit.
 */
export interface DocumentEditor {
  edit(documentName: string, change: (doc: Y.Doc) => void, options?: EditorOptions): Promise<void>
  read<T>(documentName: string, read: (doc: Y.Doc) => T, options?: EditorOptions): Promise<T>
}

export interface EditorOptions {
  /**
   * The person a change is made for (a restore, a starter charter): version history names them
   * as its editor (SPEC V3). Reads and the server's own changes leave it out.
   */
  by?: string
  /**
   * Bring the live document up to everything committed to the store first, other processes'
   * changes included: their live copies reach this one through Redis, which may lag. For a
   * read-modify-write under a lock across processes (SPEC R7).
   */
  latest?: boolean
}

import type * as Y from 'yjs'

/**
 * Server-side changes to live documents (seeding, carry-over) and reads of them (summaries,
 * templates). Changes go through the collaboration engine, so connected clients see them at
 * once and the durable store logs them like any other edit.
 */
export interface DocumentEditor {
  edit(documentName: string, change: (doc: Y.Doc) => void): Promise<void>
  read<T>(documentName: string, read: (doc: Y.Doc) => T): Promise<T>
}

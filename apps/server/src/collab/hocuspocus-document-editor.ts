import type { Hocuspocus } from '@hocuspocus/server'
import type * as Y from 'yjs'
import type { DocumentEditor } from '../services/document-editor.ts'

/**
 * DocumentEditor over Hocuspocus direct connections (loads, changes, stores, unloads if idle).
 * An edit resolves once its change is committed to the update log, so a request that changed a
 * document answers only after the change is durable, as a client's edit is acknowledged.
 */
export class HocuspocusDocumentEditor implements DocumentEditor {
  readonly #hocuspocus: () => Hocuspocus
  readonly #committed: () => Promise<void>

  constructor(hocuspocus: () => Hocuspocus, committed: () => Promise<void>) {
    this.#hocuspocus = hocuspocus
    this.#committed = committed
  }

  async edit(documentName: string, change: (doc: Y.Doc) => void): Promise<void> {
    const connection = await this.#hocuspocus().openDirectConnection(documentName, { server: true })
    try {
      await connection.transact(change)
      await this.#committed()
    } finally {
      await connection.disconnect()
    }
  }

  async read<T>(documentName: string, read: (doc: Y.Doc) => T): Promise<T> {
    const connection = await this.#hocuspocus().openDirectConnection(documentName, { server: true })
    try {
      if (!connection.document) throw new Error(`could not open ${documentName}`)
      return read(connection.document)
    } finally {
      await connection.disconnect()
    }
  }
}

import type { Hocuspocus } from '@hocuspocus/server'
import type * as Y from 'yjs'
import type { DocumentEditor } from '../services/document-editor.ts'

/** DocumentEditor over Hocuspocus direct connections (loads, changes, stores, unloads if idle). */
export class HocuspocusDocumentEditor implements DocumentEditor {
  readonly #hocuspocus: () => Hocuspocus

  constructor(hocuspocus: () => Hocuspocus) {
    this.#hocuspocus = hocuspocus
  }

  async edit(documentName: string, change: (doc: Y.Doc) => void): Promise<void> {
    const connection = await this.#hocuspocus().openDirectConnection(documentName, { server: true })
    try {
      await connection.transact(change)
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

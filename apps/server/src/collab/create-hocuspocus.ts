import { Hocuspocus } from '@hocuspocus/server'
import type { Config } from '../config.ts'
import type { DocumentStore } from '../stores/document-store.ts'
import { DocumentNames } from './extensions/document-names.ts'
import { DurablePersistence, type PersistenceLogger } from './extensions/durable-persistence.ts'
import { MeetingSeed } from './extensions/meeting-seed.ts'

export interface CollabDeps {
  config: Config
  documents: DocumentStore
  logger: PersistenceLogger
}

/** The collaboration engine: Hocuspocus without a listener of its own, one extension per concern. */
export function createHocuspocus({ config, documents, logger }: CollabDeps): Hocuspocus {
  return new Hocuspocus({
    quiet: true,
    debounce: config.compactionDebounceMs,
    maxDebounce: config.compactionMaxDebounceMs,
    extensions: [new DocumentNames(), new DurablePersistence(documents, logger), new MeetingSeed()],
  })
}

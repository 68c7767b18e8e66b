import { Hocuspocus } from '@hocuspocus/server'
import type { Config } from '../config.ts'
import type { Services } from '../services/index.ts'
import { AccessRevocation } from './extensions/access-revocation.ts'
import { ActionIndex } from './extensions/action-index.ts'
import { Attendance } from './extensions/attendance.ts'
import { Authentication } from './extensions/authentication.ts'
import { AwarenessGuard } from './extensions/awareness-guard.ts'
import { DocumentNames } from './extensions/document-names.ts'
import { DurablePersistence, type PersistenceLogger } from './extensions/durable-persistence.ts'
import { VersionHistory } from './extensions/version-history.ts'
import type { UpdateLog } from './update-log.ts'

export interface CollabDeps {
  config: Config
  services: Services
  logger: PersistenceLogger
  updateLog: UpdateLog
}

/** The collaboration engine: Hocuspocus without a listener of its own, one extension per concern. */
export function createHocuspocus({ config, services, logger, updateLog }: CollabDeps): Hocuspocus {
  const hocuspocus: Hocuspocus = new Hocuspocus({
    quiet: true,
    debounce: config.compactionDebounceMs,
    maxDebounce: config.compactionMaxDebounceMs,
    extensions: [
      new DocumentNames(),
      new Authentication(config, services.auth, services.documentAccess),
      new AwarenessGuard(),
      new AccessRevocation(services.events, () => hocuspocus),
      new DurablePersistence(services.documents, updateLog, logger),
      new ActionIndex(services.meetings, logger),
      new Attendance(services.meetings, logger),
      new VersionHistory(services.versions, logger, config.versionIntervalMs),
    ],
  })
  return hocuspocus
}

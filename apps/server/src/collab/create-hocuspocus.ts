import { Hocuspocus } from '@hocuspocus/server'
import type { Config } from '../config.ts'
import type { RedisLink } from '../scale-out/redis-link.ts'
import type { Services } from '../services/index.ts'
import { AccessRevocation } from './extensions/access-revocation.ts'
import { ActionIndex } from './extensions/action-index.ts'
import { Attendance } from './extensions/attendance.ts'
import { Authentication } from './extensions/authentication.ts'
import { AwarenessGuard } from './extensions/awareness-guard.ts'
import { CredentialExpiry } from './extensions/credential-expiry.ts'
import { DocumentNames } from './extensions/document-names.ts'
import { DurablePersistence, type PersistenceLogger } from './extensions/durable-persistence.ts'
import { MalformedMessages } from './extensions/malformed-messages.ts'
import { PlanGuard } from './extensions/plan-guard.ts'
import { RedisSync } from './extensions/redis-sync.ts'
import { SearchIndex } from './extensions/search-index.ts'
import { SocketHandover } from './extensions/socket-handover.ts'
import { SocketLimits } from './extensions/socket-limits.ts'
import { UpdateGuard } from './extensions/update-guard.ts'
import { VersionHistory } from './extensions/version-history.ts'
import { hocuspocusQueueLimits } from './socket-limits/hocuspocus-limits.ts'
import type { UpdateLog } from './update-log.ts'

export interface CollabDeps {
  config: Config
  services: Services
  logger: PersistenceLogger
  updateLog: UpdateLog
  /** The other processes' documents, through Redis; null for a lone process. */
  redis?: RedisLink | null
}

/** The collaboration engine: Hocuspocus without a listener of its own, one extension per concern. */
export function createHocuspocus({ config, services, logger, updateLog, redis }: CollabDeps): Hocuspocus {
  const hocuspocus: Hocuspocus = new Hocuspocus({
    quiet: true,
    debounce: config.compactionDebounceMs,
    maxDebounce: config.compactionMaxDebounceMs,
    // Hocuspocus' own bounds on what waits for authentication, just above SocketBudget's (H4).
    ...hocuspocusQueueLimits(config.limits),
    extensions: [
      new DocumentNames(),
      new Authentication(config, services.auth, services.documentAccess),
      new AwarenessGuard(),
      new MalformedMessages(),
      new UpdateGuard(config.limits),
      new PlanGuard(),
      new AccessRevocation(services.events, services.documentAccess, () => hocuspocus),
      new CredentialExpiry(),
      new DurablePersistence(services.documents, updateLog, logger),
      new ActionIndex(services.actions, logger),
      new SearchIndex(services.search, logger),
      new Attendance(services.meetings, logger),
      new VersionHistory(services.versions, logger, config.versionIntervalMs),
      new SocketLimits(),
      new SocketHandover(),
      ...(redis ? [new RedisSync(redis, services.documents)] : []),
    ],
  })
  return hocuspocus
}

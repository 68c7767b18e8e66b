import type { Config } from '../../config.ts'
import type { Services } from '../../services/index.ts'
import type { AttemptLimiter } from '../rate-limit.ts'

export interface RouteDeps {
  config: Config
  services: Services
  /** Sign-up and log-in attempts per client address. */
  authLimiter: AttemptLimiter
  /** Failed log-ins per account (SPEC W3). */
  accountLimiter: AttemptLimiter
  /** Calendar feed requests per client address (SPEC X4). */
  calendarFeedLimiter: AttemptLimiter
}

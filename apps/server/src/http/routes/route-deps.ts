import type { Config } from '../../config.ts'
import type { Services } from '../../services/index.ts'
import type { RateLimiter } from '../rate-limit.ts'

export interface RouteDeps {
  config: Config
  services: Services
  authLimiter: RateLimiter
}

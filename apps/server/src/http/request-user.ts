import type { User } from '@confer/api'
import type { FastifyRequest } from 'fastify'
import type { Config } from '../config.ts'
import type { AuthService } from '../services/auth-service.ts'
import { ServiceError } from '../services/service-error.ts'
import { originAllowed } from './origin.ts'
import { isSecure, readCookie, SESSION_COOKIE } from './session-cookie.ts'

export interface Authenticated {
  user: User
  /** The secret the request authenticated with, so logout and revoke can target it. */
  secret: string
  via: 'session' | 'bearer'
  /** When that credential expires: whatever it mints expires no later (SPEC A9). */
  expiresAt: number
}

const resolved = new WeakMap<FastifyRequest, Promise<Authenticated | null>>()

function bearer(req: FastifyRequest): string | null {
  const header = req.headers.authorization
  if (!header?.startsWith('Bearer ')) return null
  return header.slice('Bearer '.length).trim()
}

/** Who sent the request: a bearer token wins over the session cookie. Memoised per request. */
export function authenticate(req: FastifyRequest, auth: AuthService): Promise<Authenticated | null> {
  let pending = resolved.get(req)
  if (!pending) {
    pending = (async () => {
      const token = bearer(req)
      if (token !== null) {
        const found = await auth.credential(token, 'bearer')
        return found ? { ...found, secret: token, via: 'bearer' as const } : null
      }
      const cookie = readCookie(req.headers.cookie, SESSION_COOKIE)
      if (cookie === null) return null
      const found = await auth.credential(cookie, 'session')
      return found ? { ...found, secret: cookie, via: 'session' as const } : null
    })()
    resolved.set(req, pending)
  }
  return pending
}

/**
 * The signed-in caller, or a 401. A cookie-authenticated request that changes something must
 * come from our own pages (Origin check), the second line of defence behind SameSite=Lax.
 */
export async function requireUser(
  req: FastifyRequest,
  auth: AuthService,
  config: Config,
): Promise<Authenticated> {
  const who = await authenticate(req, auth)
  if (!who) throw new ServiceError(401, 'unauthenticated', 'Log in to continue.')
  if (who.via === 'session' && req.method !== 'GET') requireOwnPage(req, config)
  return who
}

/** A 403 unless the request comes from our own pages, or from no page at all (no Origin). */
export function requireOwnPage(req: FastifyRequest, config: Config): void {
  if (!originAllowed(config, req.headers, isSecure(req.protocol, config))) {
    throw new ServiceError(403, 'forbidden', 'This request did not come from a Confer page.')
  }
}

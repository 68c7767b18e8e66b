import { CreateTokenBody, LoginBody, type LogoutEverywhereResponse, SignupBody } from '@confer/api'
import type { FastifyInstance } from 'fastify'
import { DEFAULT_TOKEN_TTL_MS, SESSION_TTL_MS } from '../../services/auth-service.ts'
import { authenticate, requireOwnPage, requireUser } from '../request-user.ts'
import {
  clearSessionCookie,
  isSecure,
  readCookie,
  SESSION_COOKIE,
  setSessionCookie,
} from '../session-cookie.ts'
import { parse } from '../validation.ts'
import type { RouteDeps } from './route-deps.ts'

export function registerAuthRoutes(
  app: FastifyInstance,
  { config, services, authLimiter, accountLimiter }: RouteDeps,
): void {
  const { auth, events } = services
  // Per account as well as per address (SPEC W3): one guesser behind a school's NAT is stopped
  // on the account it guesses without using up the address's allowance for everyone else.

  /** Live sockets opened with a revoked credential close (AccessRevocation listens). */
  const announce = (revoked: readonly string[]) => {
    for (const tokenHash of revoked) events.emit('credentialRevoked', { tokenHash })
  }

  app.post('/api/auth/signup', async (req, reply) => {
    await authLimiter.hit(req.ip)
    const body = parse(SignupBody, req.body)
    const user = await auth.signup(body)
    const session = await auth.issue(user.id, 'session', SESSION_TTL_MS)
    setSessionCookie(reply, session.secret, session.expiresAt, isSecure(req.protocol, config))
    return reply.status(201).send({ user })
  })

  app.post('/api/auth/login', async (req, reply) => {
    const body = parse(LoginBody, req.body)
    // Refused by the account's limit first, so those attempts cost the address nothing.
    await accountLimiter.hit(body.email)
    try {
      await authLimiter.hit(req.ip)
    } catch (error) {
      await accountLimiter.release(body.email)
      throw error
    }
    const user = await auth.login(body.email, body.password)
    // Only failed guesses count against the account: its owner may log in on many devices.
    await accountLimiter.release(body.email)
    const session = await auth.issue(user.id, 'session', SESSION_TTL_MS)
    setSessionCookie(reply, session.secret, session.expiresAt, isSecure(req.protocol, config))
    return { user }
  })

  app.post('/api/auth/logout', async (req, reply) => {
    // Like every cookie-authenticated change (A5, W2): a foreign page cannot sign someone out.
    if (readCookie(req.headers.cookie, SESSION_COOKIE) !== null) requireOwnPage(req, config)
    const who = await authenticate(req, auth)
    if (who) announce(await auth.revoke(who.secret))
    clearSessionCookie(reply, isSecure(req.protocol, config))
    return reply.status(204).send()
  })

  /** Revokes every session and token of the account, on every device (SPEC A9). */
  app.post('/api/auth/logout-everywhere', async (req, reply) => {
    const who = await requireUser(req, auth, config)
    const revoked = await auth.revokeAll(who.user.id)
    announce(revoked)
    clearSessionCookie(reply, isSecure(req.protocol, config))
    const response: LogoutEverywhereResponse = { revoked: revoked.length }
    return response
  })

  app.post('/api/auth/tokens', async (req, reply) => {
    const who = await requireUser(req, auth, config)
    const body = parse(CreateTokenBody, req.body ?? {})
    const ttl = body.ttlSeconds !== undefined ? body.ttlSeconds * 1000 : DEFAULT_TOKEN_TTL_MS
    // The new token is the caller's credential's child: it expires no later and dies with it (A9).
    const token = await auth.issue(who.user.id, 'bearer', ttl, who)
    return reply.status(201).send({ token: token.secret, expiresAt: new Date(token.expiresAt).toISOString() })
  })

  /** Revokes the bearer token the request carries (API clients log themselves out this way). */
  app.delete('/api/auth/tokens/current', async (req, reply) => {
    const who = await requireUser(req, auth, config)
    if (who.via === 'bearer') announce(await auth.revoke(who.secret))
    return reply.status(204).send()
  })
}

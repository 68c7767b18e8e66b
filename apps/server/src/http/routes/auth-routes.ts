import { CreateTokenBody, LoginBody, SignupBody } from '@confer/api'
import type { FastifyInstance } from 'fastify'
import { DEFAULT_TOKEN_TTL_MS, SESSION_TTL_MS } from '../../services/auth-service.ts'
import { hashSecret } from '../../services/secrets.ts'
import { authenticate, requireUser } from '../request-user.ts'
import { clearSessionCookie, isSecure, setSessionCookie } from '../session-cookie.ts'
import { parse } from '../validation.ts'
import type { RouteDeps } from './route-deps.ts'

export function registerAuthRoutes(app: FastifyInstance, { config, services, authLimiter }: RouteDeps): void {
  const { auth, events } = services

  app.post('/api/auth/signup', async (req, reply) => {
    authLimiter.hit(req.ip)
    const body = parse(SignupBody, req.body)
    const user = await auth.signup(body)
    const session = await auth.issue(user.id, 'session', SESSION_TTL_MS)
    setSessionCookie(reply, session.secret, session.expiresAt, isSecure(req.protocol, config))
    return reply.status(201).send({ user })
  })

  app.post('/api/auth/login', async (req, reply) => {
    authLimiter.hit(req.ip)
    const body = parse(LoginBody, req.body)
    const user = await auth.login(body.email, body.password)
    const session = await auth.issue(user.id, 'session', SESSION_TTL_MS)
    setSessionCookie(reply, session.secret, session.expiresAt, isSecure(req.protocol, config))
    return { user }
  })

  app.post('/api/auth/logout', async (req, reply) => {
    const who = await authenticate(req, auth)
    if (who) {
      await auth.revoke(who.secret)
      events.emit('credentialRevoked', { tokenHash: hashSecret(who.secret) })
    }
    clearSessionCookie(reply, isSecure(req.protocol, config))
    return reply.status(204).send()
  })

  app.post('/api/auth/tokens', async (req, reply) => {
    const who = await requireUser(req, auth, config)
    const body = parse(CreateTokenBody, req.body ?? {})
    const ttl = body.ttlSeconds !== undefined ? body.ttlSeconds * 1000 : DEFAULT_TOKEN_TTL_MS
    const token = await auth.issue(who.user.id, 'bearer', ttl)
    return reply.status(201).send({ token: token.secret, expiresAt: new Date(token.expiresAt).toISOString() })
  })

  /** Revokes the bearer token the request carries (API clients log themselves out this way). */
  app.delete('/api/auth/tokens/current', async (req, reply) => {
    const who = await requireUser(req, auth, config)
    if (who.via === 'bearer') {
      await auth.revoke(who.secret)
      events.emit('credentialRevoked', { tokenHash: hashSecret(who.secret) })
    }
    return reply.status(204).send()
  })
}

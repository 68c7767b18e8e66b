import type { IncomingMessage } from 'node:http'

/**
 * The client address of a WebSocket handshake, as Fastify's `request.ip` derives it for requests
 * that never become Fastify requests: with TRUST_PROXY (every hop trusted) the first entry of
 * X-Forwarded-For, the client the first proxy saw; without it the socket's peer, whatever the
 * header claims. Per-address limits then count the same address the sign-in limit does.
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers['x-forwarded-for']
  if (trustProxy && typeof forwarded === 'string') {
    for (const entry of forwarded.split(',')) {
      const address = entry.trim()
      if (address !== '') return address
    }
  }
  return req.socket.remoteAddress ?? 'unknown'
}

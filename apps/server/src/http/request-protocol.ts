import type { IncomingMessage } from 'node:http'

/**
 * The protocol a raw request came over, as Fastify's `request.protocol` derives it for requests
 * that never become Fastify requests (the WebSocket upgrade): the last X-Forwarded-Proto entry
 * when the proxy is trusted, else whether the socket itself is TLS.
 */
export function upgradeProtocol(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers['x-forwarded-proto']
  if (trustProxy && typeof forwarded === 'string' && forwarded !== '') {
    return forwarded.slice(forwarded.lastIndexOf(',') + 1).trim()
  }
  return 'encrypted' in req.socket && req.socket.encrypted === true ? 'https' : 'http'
}

import type { Config } from '../config.ts'

/**
 * Whether a browser request comes from our own pages. Browsers always send Origin on WebSocket
 * handshakes and cross-site requests; it must be PUBLIC_ORIGIN, or, when that is not set, the
 * origin of the Host the request was sent to. Non-browser clients send no Origin and
 * authenticate with a bearer token instead.
 */
export function originAllowed(
  config: Config,
  headers: { origin?: string | undefined; host?: string | undefined },
  secure: boolean,
): boolean {
  const origin = headers.origin
  if (origin === undefined) return true
  if (config.publicOrigin) return origin === config.publicOrigin
  if (!headers.host) return false
  return origin === `${secure ? 'https' : 'http'}://${headers.host}`
}

import type { FastifyRequest } from 'fastify'
import type { Config } from '../config.ts'
import { isSecure } from './session-cookie.ts'

/** A Host header fit to build an address from: a name or address and a port, nothing else. */
const PLAIN_HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/

/**
 * The web app's origin, for addresses the server hands out (a calendar feed, links in calendar
 * events): PUBLIC_ORIGIN when set, else the host the request was sent to.
 */
export function siteOrigin(config: Config, req: FastifyRequest): string {
  if (config.publicOrigin) return config.publicOrigin
  const scheme = isSecure(req.protocol, config) ? 'https' : 'http'
  const host = req.headers.host
  if (host && PLAIN_HOST.test(host)) return `${scheme}://${host}`
  const name = config.host.includes(':') ? `[${config.host}]` : config.host
  return `${scheme}://${name}:${config.port}`
}

/** RFC 5987 attr-char: what may stay unencoded in `filename*`. */
const encodeAttr = (text: string) =>
  encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

/**
 * A Content-Disposition naming a download after something a person typed: a plain ASCII
 * `filename` for old clients and the full name as UTF-8 in `filename*` (RFC 6266).
 */
export function contentDisposition(
  kind: 'inline' | 'attachment',
  name: string,
  extension: string,
  fallback: string,
): string {
  const clean =
    name
      .replace(/[\p{Cc}/\\:*?"<>|]+/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 80) || fallback
  const ascii = clean.replace(/[^\w .-]+/g, '').trim() || fallback
  return `${kind}; filename="${ascii}${extension}"; filename*=UTF-8''${encodeAttr(clean + extension)}`
}

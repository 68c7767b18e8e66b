import type { FastifyReply } from 'fastify'
import type { Config } from '../config.ts'

export const SESSION_COOKIE = 'confer_session'

/** Reads one cookie from a raw Cookie header (for /collab, where Fastify's parser is not in play). */
export function readCookie(header: string | null | undefined, name: string): string | null {
  if (!header) return null
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq === -1) continue
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim())
      } catch {
        return null
      }
    }
  }
  return null
}

export function setSessionCookie(
  reply: FastifyReply,
  secret: string,
  expiresAt: number,
  secure: boolean,
): void {
  const parts = [
    `${SESSION_COOKIE}=${encodeURIComponent(secret)}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Expires=${new Date(expiresAt).toUTCString()}`,
  ]
  if (secure) parts.push('Secure')
  reply.header('set-cookie', parts.join('; '))
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  const parts = [`${SESSION_COOKIE}=`, 'Path=/', 'HttpOnly', 'SameSite=Lax', 'Max-Age=0']
  if (secure) parts.push('Secure')
  reply.header('set-cookie', parts.join('; '))
}

/** Whether the browser reached us over https: directly, through a trusted proxy, or per PUBLIC_ORIGIN. */
export function isSecure(protocol: string, config: Config): boolean {
  return protocol === 'https' || config.publicOrigin?.startsWith('https:') === true
}

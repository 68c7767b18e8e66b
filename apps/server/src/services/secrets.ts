import { createHash, randomBytes } from 'node:crypto'

/** A 256-bit random secret, URL-safe: session cookies, bearer tokens, invite codes. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url')
}

/** Secrets are stored only as their SHA-256, so a leaked database holds no usable credential. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url')
}

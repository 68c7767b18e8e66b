/**
 * Where to go after logging in or signing up. Only paths on this site are followed: a crafted
 * link must not send someone elsewhere (an open redirect) or back to the log-in form itself.
 */
export function safeNext(raw: string | null): string {
  if (!raw?.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/'
  if (/^\/(login|signup)(\/|\?|$)/.test(raw)) return '/'
  return raw
}

const withNext = (base: string, next: string) =>
  next === '/' ? base : `${base}?next=${encodeURIComponent(next)}`

export const loginPath = (next: string): string => withNext('/login', safeNext(next))
export const signupPath = (next: string): string => withNext('/signup', safeNext(next))

import { z } from 'zod'

/**
 * Characters no name may hold: C0/C1 controls (NUL, line breaks, escapes: they break one-line
 * layouts, logs and exports) and the bidi embeddings, overrides and isolates U+202A–U+202E and
 * U+2066–U+2069, which make a name display as something other than what it says
 * ("Grade 4 ‮fdp.exe"). Ordinary right-to-left text needs none of them.
 */
const UNSAFE_IN_NAMES = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u

export function isSafeName(text: string): boolean {
  return !UNSAFE_IN_NAMES.test(text)
}

/**
 * The one rule for text a person gives as a name (their own, a community's, a network's, a
 * meeting's or a template's): trimmed, `min`–`max` characters, nothing from UNSAFE_IN_NAMES.
 */
export function nameSchema(what: string, messages: { empty: string; max: number; tooLong?: string }) {
  return z
    .string()
    .trim()
    .min(1, messages.empty)
    .max(messages.max, messages.tooLong ?? `Use at most ${messages.max} characters for the ${what}.`)
    .refine(isSafeName, {
      message: `The ${what} cannot contain control characters (such as line breaks) or text-direction override characters.`,
    })
}

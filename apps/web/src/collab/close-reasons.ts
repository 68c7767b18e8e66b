import { CloseCode } from '@confer/model'

/** Why the server refused this tab's change to a document (SPEC H1, H2): no retry can save it. */
export type RefusalCause = 'too-large' | 'document-full' | 'too-deep' | 'unreadable'

/** Why the server closed the socket for what it costs (SPEC H4): the provider's next try may well pass. */
export type RetryCause = 'too-many-connections' | 'rate-limited' | 'sign-in-timeout'

export type CloseMeaning =
  | { kind: 'refused'; cause: RefusalCause }
  /** The server discarded the document after an update failed to apply: maybe ours, maybe not. */
  | { kind: 'discarded' }
  | { kind: 'retry'; cause: RetryCause }
  | null

/*
 * The reasons the server closes with (apps/server/src/collab/update-limits.ts,
 * socket-limits/socket-budget.ts, extensions/durable-persistence.ts). The code decides what
 * happens; a reason only picks the words, so a reworded reason still stops the retries.
 */
const DOCUMENT_FULL = 'document over the size limit'
const NESTED_TOO_DEEP = 'update nested too deep'
const NOT_APPLIED = 'update could not be applied'
const TOO_MUCH_BEFORE_AUTH = 'too much sent before authenticating'

/** What a close of a /collab socket means for the document on it. */
export function closeMeaning({ code, reason }: { code: number; reason: string }): CloseMeaning {
  switch (code) {
    case CloseCode.payloadTooLarge:
      // About the socket, not the document: what was typed before signing in goes out again after.
      if (reason === TOO_MUCH_BEFORE_AUTH) return null
      return { kind: 'refused', cause: reason === DOCUMENT_FULL ? 'document-full' : 'too-large' }
    case CloseCode.updateRejected:
      if (reason === NOT_APPLIED) return { kind: 'discarded' }
      return { kind: 'refused', cause: reason === NESTED_TOO_DEEP ? 'too-deep' : 'unreadable' }
    case CloseCode.tooManyConnections:
      return { kind: 'retry', cause: 'too-many-connections' }
    case CloseCode.rateLimited:
      return { kind: 'retry', cause: 'rate-limited' }
    case CloseCode.authenticationTimeout:
      return { kind: 'retry', cause: 'sign-in-timeout' }
    default:
      return null
  }
}

import type { RetryCause } from './close-reasons.ts'

/** What the connection badge tells people; also its `data-state` attribute. */
export type ConnectionState =
  | 'connecting'
  | 'live'
  | 'saving'
  | 'saved'
  | 'offline'
  | 'failing'
  /** The server refused a change of this tab's; no more tries (the page says what to do). */
  | 'refused'
  /** The server closed the connection for what it costs; the provider is trying again. */
  | RetryCause

export interface ConnectionFacts {
  socket: 'connecting' | 'connected' | 'disconnected'
  /**
   * The browser says it has a network (`navigator.onLine`). When it says not, nothing sent
   * arrives, whatever the socket's state: an open socket is only found dead much later.
   */
  online: boolean
  /**
   * The socket counts as open, but local changes have waited a while and nothing at all came
   * from the server meanwhile: the link is gone without a word (SPEC P3).
   */
  stalled: boolean
  /** The provider finished its sync handshake on the current connection. */
  synced: boolean
  /** The connection failed or dropped at least once since the page opened. */
  hasDropped: boolean
  /** Local edits have waited for the server's acknowledgement long enough to mention it. */
  slowSave: boolean
  /**
   * Local edits were made and the server acknowledged them. Stays true while later edits wait
   * briefly for their acknowledgement (`slowSave` covers the long waits), so typing does not
   * make the badge flicker.
   */
  saved: boolean
  /**
   * The server closed the connection because it could not store what it was sent (close code
   * 1011, e.g. a full disk: SPEC H3), and has acknowledged nothing since.
   */
  storageFailing: boolean
  /** The server refused a change of this tab's to the document (SPEC H1): nothing more is sent. */
  refused: boolean
  /** Why the server last closed the connection, when it was over a limit (SPEC H4); null once synced again. */
  retryCause: RetryCause | null
}

export function connectionState(facts: ConnectionFacts): ConnectionState {
  if (facts.refused) return 'refused'
  // Said until the server stores again, through the reconnects in between.
  if (facts.storageFailing) return 'failing'
  // Said at once, not after the socket times out: "Saving…" would promise what cannot happen.
  if (!facts.online || facts.stalled) return 'offline'
  if (facts.socket === 'connected' && facts.synced) {
    if (facts.slowSave) return 'saving'
    return facts.saved ? 'saved' : 'live'
  }
  if (facts.retryCause) return facts.retryCause
  // A reconnect attempt is not a connection yet: stay "offline" until the handshake completes.
  return facts.hasDropped ? 'offline' : 'connecting'
}

const changes = (n: number) => (n === 1 ? '1 change' : `${n} changes`)

/**
 * The badge's words. `unsynced` is how many local changes wait for the server's confirmation
 * (the provider's count); it is said when there are some, so nobody thinks they are saved.
 */
export function connectionLabel(state: ConnectionState, unsynced = 0): string {
  switch (state) {
    case 'connecting':
      return 'Connecting…'
    case 'live':
      return 'Live'
    case 'saving':
      return unsynced > 0 ? `Saving ${changes(unsynced)}…` : 'Saving…'
    case 'saved':
      return 'All changes saved'
    case 'offline':
      return unsynced > 0
        ? `Offline — ${unsynced} unsynced ${unsynced === 1 ? 'change' : 'changes'} kept on this device`
        : 'Offline — changes kept on this device'
    case 'failing':
      return 'Saving is failing — your changes are kept on this device and will be sent when the server can store them'
    case 'refused':
      return 'Not saving — your last change was refused'
    case 'too-many-connections':
      return 'Too many connections from this browser or school — retrying'
    case 'rate-limited':
      return 'Too many messages — retrying'
    case 'sign-in-timeout':
      return 'Connecting took too long — retrying'
  }
}

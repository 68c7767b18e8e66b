/** What the connection badge tells people; also its `data-state` attribute. */
export type ConnectionState = 'connecting' | 'live' | 'saving' | 'saved' | 'offline'

export interface ConnectionFacts {
  socket: 'connecting' | 'connected' | 'disconnected'
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
}

export function connectionState(facts: ConnectionFacts): ConnectionState {
  if (facts.socket === 'connected' && facts.synced) {
    if (facts.slowSave) return 'saving'
    return facts.saved ? 'saved' : 'live'
  }
  // A reconnect attempt is not a connection yet: stay "offline" until the handshake completes.
  return facts.hasDropped ? 'offline' : 'connecting'
}

export const CONNECTION_LABELS: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  saving: 'Saving…',
  saved: 'All changes saved',
  offline: 'Offline — changes kept on this device',
}

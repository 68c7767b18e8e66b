import type { LiveEvent, LiveEventType } from '@confer/api'

/**
 * The tab's one connection to GET /api/events (Server-Sent Events): opened when a page first
 * listens, closed a little after the last one stops (so moving between pages keeps it), and
 * reconnected after any failure. Events say what changed (ids only); listeners fetch again.
 * Events are not replayed, so after a reconnect every listener gets a `resync`: fetch again too.
 *
 * A tab left in the background lets go of its connection after a while and takes it up again
 * (with a resync) when it is shown: over plain HTTP/1.1 a browser keeps at most six connections
 * to one server, and a dozen forgotten Confer tabs each holding a stream would leave none for
 * the tab in use.
 */

export interface LiveEventFilter {
  types: readonly LiveEventType[]
  /** Only events of this community. */
  communityId?: string | undefined
  /** Only events about this meeting. */
  meetingId?: string | undefined
}

/** An event, or word that some may have been missed (the connection was down meanwhile). */
export type LiveNotice = LiveEvent | { type: 'resync' }

type Listener = (notice: LiveNotice) => void

const EVENTS_PATH = '/api/events'
/** The connection outlives its last listener this long: a page change re-subscribes at once. */
const IDLE_CLOSE_MS = 5_000
/** A hidden tab keeps its connection this long: switching tabs back and forth does not churn. */
const HIDDEN_CLOSE_MS = 10_000
const FIRST_RETRY_MS = 1_000
const LONGEST_RETRY_MS = 30_000

const listeners = new Map<Listener, LiveEventFilter>()
let source: EventSource | null = null
/** Whether a connection was open before: the next open is a reconnect, after which we resync. */
let wasOpen = false
let retryMs = FIRST_RETRY_MS
let retryTimer: ReturnType<typeof setTimeout> | null = null
let idleTimer: ReturnType<typeof setTimeout> | null = null
let hiddenTimer: ReturnType<typeof setTimeout> | null = null
let watchingVisibility = false

export function matches(filter: LiveEventFilter, event: LiveEvent): boolean {
  if (!filter.types.includes(event.type)) return false
  if (filter.communityId !== undefined && filter.communityId !== event.communityId) return false
  if (filter.meetingId !== undefined && filter.meetingId !== event.meetingId) return false
  return true
}

/** Calls `listener` with each event matching `filter` (and each resync); returns the unsubscribe. */
export function subscribeLiveEvents(filter: LiveEventFilter, listener: Listener): () => void {
  listeners.set(listener, filter)
  if (idleTimer !== null) {
    clearTimeout(idleTimer)
    idleTimer = null
  }
  watchVisibility()
  if (source === null && retryTimer === null && !hidden()) connect()
  return () => {
    listeners.delete(listener)
    if (listeners.size === 0 && idleTimer === null) idleTimer = setTimeout(disconnect, IDLE_CLOSE_MS)
  }
}

function connect(): void {
  if (typeof EventSource === 'undefined') return
  const next = new EventSource(EVENTS_PATH)
  source = next
  next.onopen = () => {
    retryMs = FIRST_RETRY_MS
    if (wasOpen) broadcast({ type: 'resync' })
    wasOpen = true
  }
  next.onmessage = (message: MessageEvent<string>) => {
    const event = parse(message.data)
    if (event) broadcast(event)
  }
  next.onerror = () => {
    // CONNECTING: the browser reconnects by itself (the server ended the stream, or the network
    // dropped). CLOSED: it gave up (a 401 after logging out, a 429): try again later ourselves.
    if (next.readyState !== EventSource.CLOSED) return
    next.close()
    source = null
    if (listeners.size === 0) return
    retryTimer = setTimeout(
      () => {
        retryTimer = null
        if (listeners.size > 0 && !hidden()) connect()
      },
      retryMs * (0.75 + Math.random() / 2),
    )
    retryMs = Math.min(retryMs * 2, LONGEST_RETRY_MS)
  }
}

function disconnect(): void {
  idleTimer = null
  if (listeners.size > 0) return
  close()
  // The next connection is a fresh start: whoever listens then fetches on mount anyway.
  wasOpen = false
}

function close(): void {
  source?.close()
  source = null
  if (retryTimer !== null) clearTimeout(retryTimer)
  retryTimer = null
}

const hidden = () => typeof document !== 'undefined' && document.visibilityState === 'hidden'

function watchVisibility(): void {
  if (watchingVisibility || typeof document === 'undefined') return
  watchingVisibility = true
  document.addEventListener('visibilitychange', () => {
    if (hiddenTimer !== null) clearTimeout(hiddenTimer)
    hiddenTimer = null
    if (hidden()) {
      // wasOpen stays: the connection made when it is shown again is a reconnect (resync).
      hiddenTimer = setTimeout(() => {
        hiddenTimer = null
        if (hidden()) close()
      }, HIDDEN_CLOSE_MS)
    } else if (listeners.size > 0 && source === null && retryTimer === null) {
      connect()
    }
  })
}

function broadcast(notice: LiveNotice): void {
  for (const [listener, filter] of [...listeners]) {
    if (notice.type === 'resync' || matches(filter, notice)) listener(notice)
  }
}

function parse(data: string): LiveEvent | null {
  try {
    const value = JSON.parse(data) as Partial<LiveEvent>
    return typeof value.type === 'string' && typeof value.communityId === 'string'
      ? (value as LiveEvent)
      : null
  } catch {
    return null
  }
}

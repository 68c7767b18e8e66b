/**
 * A reader of GET /api/events as a browser tab holds it: the stream's events, its comments
 * (heartbeats), and when it ends. Tests await what they expect (no sleeps); to show that an event
 * did NOT reach a stream, wait for a later event that does and look at what came before it.
 */
import type { ApiClient } from './api-client.ts'

/** An event as the stream carries it (@confer/api's LiveEvent; this package does not depend on it). */
export interface LiveEvent {
  type: string
  communityId: string
  meetingId?: string
}

export interface EventStreamReader {
  /** The HTTP status; a refused stream (401, 429) has its JSON error in `error`. */
  status: number
  error: { error: string; message: string } | null
  headers: Headers
  /** Every event received so far, in order. */
  events: LiveEvent[]
  /** Every comment line so far (`connected`, `heartbeat`, `closed: …`). */
  comments: string[]
  /** Resolves with the first event (received so far or later) that `match` accepts. */
  next(match: (event: LiveEvent) => boolean, timeoutMs?: number): Promise<LiveEvent>
  /** Resolves with the first comment that `match` accepts. */
  nextComment(match: (comment: string) => boolean, timeoutMs?: number): Promise<string>
  /** Resolves when the server ends the stream (or the reader is closed). */
  ended: Promise<void>
  close(): void
}

interface Waiter {
  check(): boolean
}

/** Opens the stream with the client's cookie or bearer token, as its web page would. */
export async function openEventStream(api: ApiClient): Promise<EventStreamReader> {
  const headers: Record<string, string> = { accept: 'text/event-stream' }
  if (api.cookie) headers.cookie = api.cookie
  if (api.bearer) headers.authorization = `Bearer ${api.bearer}`
  const controller = new AbortController()
  const response = await fetch(`${api.baseUrl}/api/events`, { headers, signal: controller.signal })
  const events: LiveEvent[] = []
  const comments: string[] = []
  const waiters = new Set<Waiter>()
  const settle = () => {
    for (const waiter of [...waiters]) if (waiter.check()) waiters.delete(waiter)
  }

  let error: EventStreamReader['error'] = null
  let ended: Promise<void>
  if (response.ok && response.body) {
    ended = read(response.body, (block) => {
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) comments.push(line.slice(1).trim())
        else if (line.startsWith('data:')) events.push(JSON.parse(line.slice('data:'.length)) as LiveEvent)
      }
      settle()
    }).finally(settle)
  } else {
    error = (await response.json()) as EventStreamReader['error']
    ended = Promise.resolve()
  }
  let done = false
  void ended.then(() => {
    done = true
    settle()
  })

  function waitFor<T>(find: () => T | undefined, what: string, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(waiter)
        reject(new Error(`no ${what} within ${timeoutMs} ms; events: ${JSON.stringify(events)}`))
      }, timeoutMs)
      const waiter: Waiter = {
        check() {
          const found = find()
          if (found !== undefined) {
            clearTimeout(timer)
            resolve(found)
            return true
          }
          if (done) {
            clearTimeout(timer)
            reject(new Error(`the stream ended before the ${what}; events: ${JSON.stringify(events)}`))
            return true
          }
          return false
        },
      }
      if (!waiter.check()) waiters.add(waiter)
    })
  }

  return {
    status: response.status,
    error,
    headers: response.headers,
    events,
    comments,
    next: (match, timeoutMs = 5_000) => waitFor(() => events.find(match), 'matching event', timeoutMs),
    nextComment: (match, timeoutMs = 5_000) =>
      waitFor(() => comments.find(match), 'matching comment', timeoutMs),
    ended,
    close: () => controller.abort(),
  }
}

async function read(body: ReadableStream<Uint8Array>, onBlock: (block: string) => void): Promise<void> {
  const decoder = new TextDecoder()
  let buffer = ''
  try {
    for await (const chunk of body) {
      buffer += decoder.decode(chunk, { stream: true })
      let end = buffer.indexOf('\n\n')
      while (end !== -1) {
        onBlock(buffer.slice(0, end))
        buffer = buffer.slice(end + 2)
        end = buffer.indexOf('\n\n')
      }
    }
  } catch {
    // Aborted by close(), or the connection dropped: either way the stream is over.
  }
}

import { TokenBucket } from './token-bucket.ts'

/**
 * Whole-document sync requests (SyncStep1) one socket may make at once, before any document
 * opens: a provider sends one per document when it (re)attaches, and a few providers may share
 * a socket and attach together before any is authenticated.
 */
export const SYNC_REQUEST_BURST = 4

/**
 * More at once for each document the socket has had open (the most at one time, so closing
 * and reopening one never earns more): its first request, and one for a re-attach.
 */
export const SYNC_REQUESTS_PER_DOCUMENT = 2

/**
 * One request back every 5 s. An honest provider asks once per (re)connect per document, and a
 * reconnect is a new socket with a new budget (@hocuspocus/provider 4.8 asks on `open` only;
 * its `forceSyncInterval` is off by default and Confer's web app never sets it); a socket asks
 * again only when a provider re-attaches to it, which a person does every few seconds at most.
 * A script asking 40 times a second gets about one whole-document answer every 5 s instead.
 */
export const SYNC_REQUESTS_PER_SECOND = 0.2

/**
 * How often a socket may ask the server for a sync (SPEC H4). A SyncStep1 is a few bytes, but its
 * answer is everything the asker lacks: all of the document for an empty state vector, encoded
 * and queued for a socket that may never read it (bench S7's slow readers asked 320 times a
 * second and held the event loop ~100 ms at a time). Counted per socket, not per account: every
 * honest reconnect asks again, and must never be refused.
 */
export class SyncRequests {
  readonly #bucket: TokenBucket
  #documents = 0

  constructor(now = performance.now()) {
    this.#bucket = new TokenBucket(SYNC_REQUESTS_PER_SECOND, SYNC_REQUEST_BURST, now)
  }

  /** One request, on a socket that has had `documents` open at once at most; false when over. */
  take(documents: number, now = performance.now()): boolean {
    if (documents > this.#documents) {
      this.#bucket.grow((documents - this.#documents) * SYNC_REQUESTS_PER_DOCUMENT, now)
      this.#documents = documents
    }
    return this.#bucket.take(now)
  }
}

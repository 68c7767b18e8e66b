import * as Y from 'yjs'

interface Usage {
  /** The document's encoded size (Y.encodeStateAsUpdate) when last measured. */
  measured: number
  /** Bytes of the updates applied to it since (its `update` events, whatever their origin). */
  since: number
  /** When it was measured (the clock's milliseconds). */
  at: number
}

/** How often a document over its limit by the estimate may be measured again, whatever arrived. */
const REMEASURE_INTERVAL_MS = 1_000

/**
 * The size a document would have after an update, estimated cheaply: its encoded size when
 * last measured plus the bytes of every update applied since plus this one. That over-counts
 * (typing merges, deletes shrink) and never under-counts by more than a few bytes per update,
 * so only an estimate over the limit is checked against a fresh measurement (an encode of the
 * whole document), and only once 1/64 of the limit has arrived since the last one or a second
 * has passed: a document kept near its limit cannot make every keystroke re-encode it, and one
 * that people emptied to make room is measured again soon. A document is measured when it
 * first receives an update, so loading one (for a read-only viewer, say) costs nothing.
 */
export class DocumentQuota {
  readonly #limit: number
  readonly #remeasureAfter: number
  readonly #usage = new WeakMap<Y.Doc, Usage>()
  readonly #now: () => number

  constructor(limitBytes: number, now: () => number = () => performance.now()) {
    this.#limit = limitBytes
    this.#remeasureAfter = Math.ceil(limitBytes / 64)
    this.#now = now
  }

  /** Whether applying `updateBytes` more would leave `doc` over the limit. */
  wouldExceed(doc: Y.Doc, updateBytes: number): boolean {
    let usage = this.#usage.get(doc)
    if (!usage) {
      const fresh: Usage = { measured: Y.encodeStateAsUpdate(doc).length, since: 0, at: this.#now() }
      doc.on('update', (update: Uint8Array) => {
        fresh.since += update.length
      })
      this.#usage.set(doc, fresh)
      usage = fresh
    }
    if (usage.measured + usage.since + updateBytes <= this.#limit) return false
    const now = this.#now()
    if (usage.since < this.#remeasureAfter && now - usage.at < REMEASURE_INTERVAL_MS) return true
    usage.measured = Y.encodeStateAsUpdate(doc).length
    usage.since = 0
    usage.at = now
    return usage.measured + updateBytes > this.#limit
  }
}

import { CloseCode } from '@confer/model'
import { isTransactionOrigin } from '@hocuspocus/server'
import type { DocumentStore, LogEntry } from '../stores/document-store.ts'
import type { SendGate } from './send-gate.ts'

/** The close reason of a socket whose update could not be committed. */
export const STORAGE_UNAVAILABLE = 'storage unavailable'

export interface UpdateLogger {
  error(details: object, message: string): void
}

/** Runs the commit later in this event-loop turn; tests substitute one they can hold. */
export type CommitScheduler = (commit: () => void) => void

/**
 * The commit runs at the end of the turn, not later to gather more updates into it: spacing
 * commits 5 or 10 ms apart cost 1.04× and 1.11× the server CPU per update in bench S3, and
 * the load generator's CPU rose with it (test/bench/BASELINE.md), though a commit alone costs
 * only ~12 µs more than the updates in it.
 */
const endOfTurn: CommitScheduler = (commit) => {
  setImmediate(commit)
}

/** Told how each commit went (the metrics): once per commit, never per update. */
export interface CommitObserver {
  committed(updates: number, seconds: number): void
  failed(): void
}

/** What changed: a loaded document that can send its buffered broadcasts now (Hocuspocus' Document). */
export interface Broadcaster {
  flush(): void
}

interface Pending extends LogEntry {
  origin: unknown
  document: Broadcaster
}

interface Waiter {
  resolve(): void
  reject(error: unknown): void
}

/**
 * Writes document updates to the store's update log: every update that arrives in one
 * event-loop turn, from any client of any document, goes into one transaction committed at the
 * end of that turn (one commit instead of one per keystroke). From the first update of a turn
 * until its commit the send gate holds every acknowledgement, so no client is acknowledged
 * before its update is committed.
 *
 * On a store whose commits take a round trip (PostgreSQL), one commit is in flight at a time,
 * and whatever arrives meanwhile waits to go into the next, which starts as soon as the first
 * ends (group commit): the slower the commits, the more each carries. The acknowledgements held
 * when a commit begins are its own and are released when it ends; those queued later wait for
 * the next. A store that commits before returning (SQLite's `appendNow`) never has a commit in
 * flight: its commit and its acknowledgements stay within the turn, with no promise between.
 *
 * Just before committing, the changed documents broadcast what this turn brought (Hocuspocus
 * would do so in its own end-of-turn callback): the other clients get it at once, and whatever
 * a sender is sent waits, corked, to leave in one write with its acknowledgement.
 *
 * A failed commit closes each sender's socket before the gate opens: the held acknowledgements
 * are dropped, and the providers keep their changes as unsynced and send them again on
 * reconnect. The documents of the batch hold changes the store does not, so the failure
 * listener discards them (SPEC H3): were they kept, a provider's next sync would find its
 * change already there and be acknowledged for something never committed.
 */
export class UpdateLog {
  readonly #store: DocumentStore
  readonly #appendNow: ((entries: readonly LogEntry[]) => number[]) | null
  readonly #gate: SendGate
  readonly #logger: UpdateLogger
  readonly #schedule: CommitScheduler
  #pending: Pending[] = []
  #scheduled = false
  #waiters: Waiter[] = []
  /** The waiters of the commit in flight on an asynchronous store; null when none is. */
  #inFlight: Waiter[] | null = null
  /**
   * Newest committed sequence number per loaded document. Keyed by the document, not its name:
   * a commit ending after its document was discarded must not speak for the one loaded since.
   */
  readonly #committedSeq = new WeakMap<Broadcaster, number>()
  #onFailure: (documents: Broadcaster[]) => void = () => {}
  #observer: CommitObserver | null = null

  constructor(
    store: DocumentStore,
    gate: SendGate,
    logger: UpdateLogger,
    schedule: CommitScheduler = endOfTurn,
  ) {
    this.#store = store
    this.#appendNow = store.appendNow ? store.appendNow.bind(store) : null
    this.#gate = gate
    this.#logger = logger
    this.#schedule = schedule
  }

  add(name: string, update: Uint8Array, origin: unknown, document: Broadcaster): void {
    if (this.#pending.length === 0) this.#gate.hold()
    this.#pending.push({ name, update, origin, document })
    this.reserveCommit()
  }

  /**
   * Schedules this turn's commit now, if it is not scheduled yet. A document calls this as a
   * change begins to apply, before Hocuspocus schedules its own end-of-turn broadcast: the
   * commit then runs first and broadcasts, corked, and Hocuspocus' callback finds nothing left.
   * A reserved commit with nothing to write costs nothing.
   */
  reserveCommit(): void {
    if (this.#scheduled) return
    this.#scheduled = true
    this.#schedule(() => {
      this.#scheduled = false
      this.#commitNow()
    })
  }

  /**
   * Commits what is pending now (the end of the turn will find nothing left), or after the
   * commit in flight. Resolves once that is committed or has failed: a failure is handled here
   * (see onCommitFailure), so callers look at their document, not at an error.
   */
  commit(): Promise<void> {
    const settled = this.committed().catch(() => {})
    this.#commitNow()
    return settled
  }

  #commitNow(): void {
    // Hocuspocus' own end-of-turn callback broadcasts this turn's updates meanwhile.
    if (this.#inFlight !== null) return
    const batch = this.#pending
    const waiters = this.#waiters
    this.#pending = []
    this.#waiters = []
    if (batch.length === 0) {
      for (const w of waiters) w.resolve()
      return
    }
    if (this.#appendNow) {
      this.#broadcast(batch)
      const started = performance.now()
      let seqs: number[] | null = null
      let failure: unknown = null
      try {
        seqs = this.#appendNow(batch)
      } catch (error) {
        failure = error
      }
      this.#settle(batch, waiters, seqs, failure, started, null)
      return
    }
    // The acknowledgements come a round trip later: the senders' sockets are not kept corked
    // for them, so what else they are sent meanwhile does not wait for the commit.
    this.#flush(batch)
    // Every acknowledgement held now belongs to this batch: a message is acknowledged in the
    // same turn it is applied and added.
    const owned = this.#gate.heldCount()
    this.#inFlight = waiters
    const started = performance.now()
    let appended: Promise<number[]>
    try {
      appended = this.#store.append(batch)
    } catch (error) {
      appended = Promise.reject(error)
    }
    appended
      .then(
        (seqs) => this.#settle(batch, waiters, seqs, null, started, owned),
        (error: unknown) => this.#settle(batch, waiters, null, error, started, owned),
      )
      .catch((error: unknown) => this.#logger.error({ err: error }, 'could not finish a commit'))
  }

  /**
   * A commit ended: records its sequence numbers, or closes its senders and discards its
   * documents, then releases its acknowledgements and answers its waiters. `owned` is the
   * number of held acknowledgements it may release, null for all (a synchronous commit).
   */
  #settle(
    batch: readonly Pending[],
    waiters: readonly Waiter[],
    seqs: readonly number[] | null,
    failure: unknown,
    started: number,
    owned: number | null,
  ): void {
    const seconds = (performance.now() - started) / 1000
    try {
      try {
        if (seqs) {
          batch.forEach((entry, i) => {
            const seq = seqs[i]
            if (seq !== undefined) this.#committedSeq.set(entry.document, seq)
          })
        } else {
          this.#failed(batch, failure)
        }
      } finally {
        if (owned === null || this.#pending.length === 0) this.#gate.release()
        else this.#gate.releaseFirst(owned)
      }
      if (seqs) this.#observer?.committed(batch.length, seconds)
      for (const w of waiters) {
        if (seqs) w.resolve()
        else w.reject(failure)
      }
    } finally {
      if (owned !== null) {
        this.#inFlight = null
        // What arrived meanwhile goes now, not at the end of a turn that may be far off.
        if (this.#pending.length > 0) this.#commitNow()
      }
    }
  }

  #failed(batch: readonly Pending[], error: unknown): void {
    this.#observer?.failed()
    this.#logger.error(
      { err: error, documents: [...new Set(batch.map((e) => e.name))] },
      'could not log document updates',
    )
    for (const entry of batch) closeSender(entry.origin)
    try {
      this.#onFailure([...new Set(batch.map((entry) => entry.document))])
    } catch (listenerError) {
      this.#logger.error({ err: listenerError }, 'could not discard the documents of a failed commit')
    }
  }

  #broadcast(batch: readonly Pending[]): void {
    this.#gate.cork()
    this.#flush(batch)
    this.#gate.uncorkUnheld()
  }

  #flush(batch: readonly Pending[]): void {
    for (const document of new Set(batch.map((entry) => entry.document))) {
      try {
        document.flush()
      } catch (error) {
        // Not fatal to the commit: the clients catch up on their next sync.
        this.#logger.error({ err: error }, 'could not broadcast document updates')
      }
    }
  }

  /**
   * Called, before any held acknowledgement is released, with the documents whose updates a
   * commit failed to write: their memory now holds changes the store does not.
   */
  onCommitFailure(listener: (documents: Broadcaster[]) => void): void {
    this.#onFailure = listener
  }

  observeCommits(observer: CommitObserver): void {
    this.#observer = observer
  }

  /** Resolves once every update added so far is committed; rejects if that commit failed. */
  committed(): Promise<void> {
    const waiters = this.#pending.length > 0 ? this.#waiters : this.#inFlight
    if (waiters === null) return Promise.resolve()
    return new Promise((resolve, reject) => waiters.push({ resolve, reject }))
  }

  /**
   * Resolves once every update added so far is committed or has failed. At once on a store that
   * commits synchronously: nothing of an earlier turn can still be on its way there.
   */
  settled(): Promise<void> {
    if (this.#appendNow) return Promise.resolve()
    return this.committed().catch(() => {})
  }

  /** The newest committed sequence number of a loaded document (0 for none); `loaded` seeds it from the store. */
  committedSeq(document: Broadcaster): number {
    return this.#committedSeq.get(document) ?? 0
  }

  loaded(document: Broadcaster, lastSeq: number): void {
    this.#committedSeq.set(document, lastSeq)
  }
}

function closeSender(origin: unknown): void {
  const connection = isTransactionOrigin(origin) && origin.source === 'connection' ? origin.connection : null
  connection?.webSocket.close(CloseCode.storageUnavailable, STORAGE_UNAVAILABLE)
}

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

/**
 * Writes document updates to the store's update log: every update that arrives in one
 * event-loop turn, from any client of any document, goes into one transaction committed at the
 * end of that turn (one commit instead of one per keystroke). From the first update of a turn
 * until its commit the send gate holds every acknowledgement, so no client is acknowledged
 * before its update is committed.
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
  readonly #gate: SendGate
  readonly #logger: UpdateLogger
  readonly #schedule: CommitScheduler
  #pending: Pending[] = []
  #scheduled = false
  #waiters: { resolve: () => void; reject: (error: unknown) => void }[] = []
  /** Newest committed sequence number per document. */
  readonly #committedSeq = new Map<string, number>()
  #onFailure: (documents: Broadcaster[]) => void = () => {}
  #observer: CommitObserver | null = null

  constructor(
    store: DocumentStore,
    gate: SendGate,
    logger: UpdateLogger,
    schedule: CommitScheduler = endOfTurn,
  ) {
    this.#store = store
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
      this.commit()
    })
  }

  /** Commits what is pending now (the end of the turn will find nothing left). */
  commit(): void {
    const batch = this.#pending
    const waiters = this.#waiters
    this.#pending = []
    this.#waiters = []
    if (batch.length === 0) {
      for (const w of waiters) w.resolve()
      return
    }
    this.#broadcast(batch)
    let failure: unknown = null
    const started = performance.now()
    let seconds = 0
    try {
      const seqs = this.#store.append(batch)
      seconds = (performance.now() - started) / 1000
      batch.forEach((entry, i) => {
        const seq = seqs[i]
        if (seq !== undefined) this.#committedSeq.set(entry.name, seq)
      })
    } catch (error) {
      failure = error
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
    } finally {
      this.#gate.release()
    }
    if (failure === null) this.#observer?.committed(batch.length, seconds)
    for (const w of waiters) {
      if (failure === null) w.resolve()
      else w.reject(failure)
    }
  }

  #broadcast(batch: readonly Pending[]): void {
    this.#gate.cork()
    for (const document of new Set(batch.map((entry) => entry.document))) {
      try {
        document.flush()
      } catch (error) {
        // Not fatal to the commit: the clients catch up on their next sync.
        this.#logger.error({ err: error }, 'could not broadcast document updates')
      }
    }
    this.#gate.uncorkUnheld()
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
    if (this.#pending.length === 0) return Promise.resolve()
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }))
  }

  /** The newest committed sequence number of `name` (0 for none); `loaded` seeds it from the store. */
  committedSeq(name: string): number {
    return this.#committedSeq.get(name) ?? 0
  }

  loaded(name: string, lastSeq: number): void {
    this.#committedSeq.set(name, lastSeq)
  }

  forget(name: string): void {
    this.#committedSeq.delete(name)
  }
}

function closeSender(origin: unknown): void {
  const connection = isTransactionOrigin(origin) && origin.source === 'connection' ? origin.connection : null
  connection?.webSocket.close(CloseCode.storageUnavailable, STORAGE_UNAVAILABLE)
}

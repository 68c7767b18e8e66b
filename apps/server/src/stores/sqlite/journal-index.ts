interface Row {
  seq: number
  id: number
}

/** A snapshot about to be written, and the journal rows it makes droppable. */
export interface PlannedSnapshot {
  /** Every journal row with a smaller id is merged into some snapshot. */
  oldestNeededId: number
  /** Call once the snapshot is committed. */
  apply(): void
}

/**
 * In memory, which rows of the update journal each document still needs: those newer than its
 * snapshot, oldest first. The journal has no index by document; this is it.
 */
export class JournalIndex {
  readonly #rows = new Map<string, Row[]>()
  readonly #lastSeq = new Map<string, number>()
  #newestId = 0

  /** A committed journal row (rows of one document arrive in increasing seq). */
  appended(name: string, seq: number, id: number): void {
    const rows = this.#rows.get(name)
    if (rows) rows.push({ seq, id })
    else this.#rows.set(name, [{ seq, id }])
    this.#newestId = Math.max(this.#newestId, id)
    this.#lastSeq.set(name, Math.max(seq, this.#lastSeq.get(name) ?? 0))
  }

  /** The journal ids `name` still needs, oldest first. */
  rowsOf(name: string): number[] {
    return (this.#rows.get(name) ?? []).map((row) => row.id)
  }

  /** The newest sequence number of `name`, if known (a snapshot's may need to be looked up). */
  lastSeq(name: string): number | undefined {
    return this.#lastSeq.get(name)
  }

  /** Records that `name` has a snapshot through `throughSeq`: its rows up to there are merged. */
  snapshotted(name: string, throughSeq: number): void {
    this.#keepAfter(name, throughSeq)()
  }

  plan(name: string, throughSeq: number): PlannedSnapshot {
    const firstKept = this.#rows.get(name)?.find((row) => row.seq > throughSeq)
    let oldestNeededId = this.#newestId + 1
    for (const [other, otherRows] of this.#rows) {
      const first = other === name ? firstKept : otherRows[0]
      if (first && first.id < oldestNeededId) oldestNeededId = first.id
    }
    return { oldestNeededId, apply: this.#keepAfter(name, throughSeq) }
  }

  /** What recording the snapshot does, to run once it is committed. */
  #keepAfter(name: string, throughSeq: number): () => void {
    return () => {
      const kept = (this.#rows.get(name) ?? []).filter((row) => row.seq > throughSeq)
      if (kept.length > 0) this.#rows.set(name, kept)
      else this.#rows.delete(name)
      this.#lastSeq.set(name, Math.max(throughSeq, this.#lastSeq.get(name) ?? 0))
    }
  }
}

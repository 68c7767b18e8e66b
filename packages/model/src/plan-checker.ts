import * as Y from 'yjs'
import { entryLabel, type PlanList, planLists, stageEntryProblems } from './plan-check.ts'
import { cycleMap } from './plan-shape.ts'

/**
 * Follows a plan document and says which problems each change added (SPEC PL2): the server
 * tries a client's update on a copy a PlanChecker follows, and refuses it when it adds one.
 * Only what a change touched is looked at, so an edit in a plan of 2,000 entries costs the
 * check of one entry, not of all of them. What was already wrong (a document written before
 * this check existed) is remembered per entry and does not count again.
 */
export class PlanChecker {
  readonly #lists: PlanList[]
  readonly #cycle: Y.Map<unknown>
  /** The problems each entry had when last looked at. */
  readonly #known = new WeakMap<Y.AbstractType<unknown>, string[]>()
  readonly #lengths = new Map<PlanList, number>()
  #cycleKnown: string[]
  /** What changes touched since the last `takeAdded`, per list: entries, and values that are not. */
  readonly #touched = new Map<PlanList, Set<unknown>>()
  #cycleTouched = false
  readonly #stops: (() => void)[] = []

  constructor(doc: Y.Doc) {
    this.#lists = planLists(doc)
    this.#cycle = cycleMap(doc)
    for (const part of this.#lists) {
      this.#lengths.set(part, part.list.length)
      for (const value of part.list)
        if (value instanceof Y.AbstractType) this.#known.set(value, part.check(value))
      const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => this.#collect(part, events)
      part.list.observeDeep(observer)
      this.#stops.push(() => part.list.unobserveDeep(observer))
    }
    this.#cycleKnown = stageEntryProblems(this.#cycle, true)
    const touchCycle = () => {
      this.#cycleTouched = true
    }
    this.#cycle.observeDeep(touchCycle)
    this.#stops.push(() => this.#cycle.unobserveDeep(touchCycle))
  }

  // Runs inside the transaction's cleanup: `changes` can only be read here.
  #collect(part: PlanList, events: Y.YEvent<Y.AbstractType<unknown>>[]): void {
    let touched = this.#touched.get(part)
    if (!touched) {
      touched = new Set()
      this.#touched.set(part, touched)
    }
    for (const event of events) {
      if (event.target === part.list) {
        for (const item of event.changes.added)
          for (const value of item.content.getContent()) touched.add(value)
        continue
      }
      const entry = entryOf(event.target, part.list)
      if (entry) touched.add(entry)
    }
  }

  /** The problems the changes since the last call added (`goal <id>: …`); from now on they are known. */
  takeAdded(): string[] {
    const added: string[] = []
    for (const [part, touched] of this.#touched) {
      const length = part.list.length
      if (length > part.limit && length > (this.#lengths.get(part) ?? 0))
        added.push(`${part.name === 'goal' ? 'goals' : part.name}: more than ${part.limit}`)
      this.#lengths.set(part, length)
      for (const value of touched) {
        const type = value instanceof Y.AbstractType ? value : null
        // Removed again since (in the same update): nothing of it is left to be wrong.
        if (type && (type._item === null || type._item.deleted)) continue
        const now = part.check(value)
        const before = (type && this.#known.get(type)) ?? []
        for (const problem of now)
          if (!before.includes(problem)) added.push(`${entryLabel(part.name, value)}: ${problem}`)
        if (type) this.#known.set(type, now)
      }
    }
    this.#touched.clear()
    if (this.#cycleTouched) {
      const now = stageEntryProblems(this.#cycle, true)
      for (const problem of now) if (!this.#cycleKnown.includes(problem)) added.push(`cycle: ${problem}`)
      this.#cycleKnown = now
      this.#cycleTouched = false
    }
    return added
  }

  destroy(): void {
    for (const stop of this.#stops.splice(0)) stop()
  }
}

/** The entry of `list` that holds `type` (a change deep inside an entry is a change to it). */
function entryOf(type: Y.AbstractType<unknown>, list: Y.Array<unknown>): Y.AbstractType<unknown> | null {
  let current = type
  while (current.parent !== null && current.parent !== list) current = current.parent
  return current.parent === list ? current : null
}

import * as Y from 'yjs'
import { MalformedUpdate, ParentRef, StructKind, StructTable, scanUpdate } from './update-scan.ts'

/**
 * How deep an update would nest types once applied, worked out before it is applied: Yjs
 * garbage-collects a deleted type recursively, so a type nested a few thousand levels deep
 * overflows the stack when it is deleted, inside the transaction that applies the delete.
 *
 * Depth counts types from the root: a type directly in a root type is at 1, its children at 2
 * (a meeting's notes fragment is at 2, a paragraph in it at 3). An item that names its parent
 * is one deeper than that parent's item; one that names a neighbour (origin, else right origin)
 * is as deep as the neighbour, since Yjs gives it the neighbour's parent. Neighbours and parents
 * are looked up in the document (walking its parents up to the limit), in the update itself,
 * or in the structs the document keeps pending until what they depend on arrives.
 */

/** Yjs will garbage-collect the item as it applies it (its parent or neighbour was collected). */
const DEAD = -1
/** Its parent is nowhere to be found: Yjs would keep it pending, at a depth no one can know yet. */
const MISSING = -2
const UNKNOWN = 0
const RESOLVING = -3

export type NestingVerdict = 'ok' | 'too-deep' | 'unknown-parent'

const UPDATE = 0
const PENDING = 1

/** Parsed pending structs, per pending update (Yjs replaces the array whenever they change). */
const pendingTables = new WeakMap<Uint8Array, StructTable | null>()

function pendingTable(doc: Y.Doc): StructTable | null {
  const pending = doc.store.pendingStructs?.update
  if (!pending) return null
  let table = pendingTables.get(pending)
  if (table === undefined) {
    table = new StructTable()
    try {
      scanUpdate(Y.convertUpdateFormatV2ToV1(pending), Number.POSITIVE_INFINITY, table)
    } catch (error) {
      if (!(error instanceof MalformedUpdate)) throw error
      table = null
    }
    pendingTables.set(pending, table)
  }
  return table
}

class DepthResolver {
  readonly #doc: Y.Doc
  readonly #cap: number
  readonly #tables: (StructTable | null)[]
  readonly #memo: (Int32Array | null)[]
  #pendingLoaded = false
  /** Rows being resolved, as (table, row) pairs; kept between calls. */
  readonly #stack: number[] = []
  // Where `locate` found an id: a row of a table, or else a depth already known.
  #hitTable = 0
  #hitRow = -1
  #hitDepth = 0
  #hitIsType = false

  constructor(doc: Y.Doc, update: StructTable, cap: number) {
    this.#doc = doc
    this.#cap = cap
    this.#tables = [update, null]
    this.#memo = [new Int32Array(update.count), null]
  }

  /** Depth of the item in row `row` of the update's table. */
  depthOfUpdateRow(row: number): number {
    return this.#resolve(UPDATE, row)
  }

  // Iterative: an update may chain tens of thousands of items, each naming the one before.
  #resolve(startTable: number, startRow: number): number {
    const stack = this.#stack
    stack.push(startTable, startRow)
    while (stack.length > 0) {
      const row = stack[stack.length - 1] as number
      const t = stack[stack.length - 2] as number
      const table = this.#tables[t] as StructTable
      const memo = this.#memo[t] as Int32Array
      const known = memo[row] as number
      if (known !== UNKNOWN && known !== RESOLVING) {
        stack.length -= 2
        continue
      }
      if (table.kind[row] === StructKind.gc) {
        memo[row] = DEAD
        stack.length -= 2
        continue
      }
      const ref = table.parentRef[row]
      if (ref === ParentRef.root) {
        memo[row] = 1
        stack.length -= 2
        continue
      }
      let depth: number
      let isType: boolean
      if (this.#locate(table.refClient[row] as number, table.refClock[row] as number)) {
        const targetMemo = this.#memo[this.#hitTable] as Int32Array
        const target = targetMemo[this.#hitRow] as number
        if (target === UNKNOWN) {
          memo[row] = RESOLVING
          stack.push(this.#hitTable, this.#hitRow)
          continue
        }
        // A row that depends on itself: Yjs could never integrate it.
        depth = target === RESOLVING ? MISSING : target
        isType = (this.#tables[this.#hitTable] as StructTable).kind[this.#hitRow] === StructKind.type
      } else {
        depth = this.#hitDepth
        isType = this.#hitIsType
      }
      if (depth === DEAD || depth === MISSING) memo[row] = depth
      else if (ref === ParentRef.sibling) memo[row] = depth
      else memo[row] = isType ? Math.min(depth + 1, this.#cap) : DEAD
      stack.length -= 2
    }
    return (this.#memo[startTable] as Int32Array)[startRow] as number
  }

  /** Finds the struct holding an id: true for a table row (#hitTable/#hitRow), else #hitDepth. */
  #locate(client: number, clock: number): boolean {
    const store = this.#doc.store
    if (clock < Y.getState(store, client)) {
      const struct = Y.getItem(store, Y.createID(client, clock)) as Y.Item | Y.GC
      if (struct instanceof Y.GC) {
        this.#hitDepth = DEAD
        this.#hitIsType = false
      } else {
        this.#hitDepth = this.#documentDepth(struct)
        this.#hitIsType = struct.content instanceof Y.ContentType
      }
      return false
    }
    const updateRow = this.#findRow(UPDATE, client, clock)
    if (updateRow >= 0) return this.#hit(UPDATE, updateRow)
    if (!this.#pendingLoaded) {
      this.#pendingLoaded = true
      const pending = pendingTable(this.#doc)
      if (pending) {
        this.#tables[PENDING] = pending
        this.#memo[PENDING] = new Int32Array(pending.count)
      }
    }
    const pendingRow = this.#findRow(PENDING, client, clock)
    if (pendingRow >= 0) return this.#hit(PENDING, pendingRow)
    this.#hitDepth = MISSING
    this.#hitIsType = false
    return false
  }

  #findRow(t: number, client: number, clock: number): number {
    const table = this.#tables[t]
    if (!table) return -1
    const row = table.find(client, clock)
    // A Skip marks a gap in the update: the id is not in it.
    return row >= 0 && table.kind[row] !== StructKind.skip ? row : -1
  }

  #hit(t: number, row: number): true {
    this.#hitTable = t
    this.#hitRow = row
    return true
  }

  /** Depth of an item already in the document, counted up to the cap (its parents are walked). */
  #documentDepth(item: Y.Item): number {
    let depth = 1
    let parent = item.parent
    while (parent instanceof Y.AbstractType && parent._item !== null && depth < this.#cap) {
      depth += 1
      parent = parent._item.parent
    }
    return depth
  }
}

/**
 * Whether applying `update` (a v1 update that inserts types) to `doc` would nest a type deeper
 * than `maxDepth`, or under a parent that is nowhere to be found. `entries`: its entries, if a
 * scan counted them already. Throws MalformedUpdate as scanUpdate does.
 */
export function nestingOf(
  update: Uint8Array,
  doc: Y.Doc,
  maxDepth: number,
  entries?: number,
): NestingVerdict {
  const table = new StructTable(entries)
  scanUpdate(update, Number.POSITIVE_INFINITY, table)
  const resolver = new DepthResolver(doc, table, maxDepth + 1)
  const store = doc.store
  let missing = false
  for (let row = 0; row < table.count; row++) {
    if (table.kind[row] !== StructKind.type) continue
    // Already in the document: Yjs skips it.
    if ((table.clock[row] as number) < Y.getState(store, table.client[row] as number)) continue
    const depth = resolver.depthOfUpdateRow(row)
    // The other rows may still be too deep: keep looking.
    if (depth === MISSING) missing = true
    else if (depth > maxDepth) return 'too-deep'
  }
  return missing ? 'unknown-parent' : 'ok'
}

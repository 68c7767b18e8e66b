/**
 * Reads a Yjs (v1) update without applying it, the way Yjs' own readUpdate would, but without
 * building its structs: how many entries it has (structs plus delete ranges), whether it inserts
 * types (the only structs that nest), and, when asked, where each struct sits and what its
 * parent is, for the nesting-depth check. Bytes Yjs could not read are refused here, before
 * Yjs reads the first half of them into the document (it integrates the structs before it
 * reads the delete set).
 */

/** The update is not one Yjs could read in full: no client sends such an update. */
export class MalformedUpdate extends Error {
  constructor() {
    super('malformed update')
  }
}

/** Content refs of an Item (Yjs' contentRefs); 0 is a GC struct, 10 a Skip. */
const GC = 0
const SKIP = 10
const CONTENT_DELETED = 1
const CONTENT_JSON = 2
const CONTENT_BINARY = 3
const CONTENT_STRING = 4
const CONTENT_EMBED = 5
const CONTENT_FORMAT = 6
const CONTENT_TYPE = 7
const CONTENT_ANY = 8
const CONTENT_DOC = 9
/** Yjs' typeRefs: XmlElement (3) and XmlHook (5) carry a name; beyond 6 Yjs has no reader. */
const TYPE_XML_ELEMENT = 3
const TYPE_XML_HOOK = 5
const LAST_TYPE_REF = 6
/** lib0's readAny tags. */
const ANY_UNDEFINED = 127
const ANY_NULL = 126
const ANY_FALSE = 121
const ANY_TRUE = 120
const ANY_VAR_INT = 125
const ANY_FLOAT32 = 124
const ANY_FLOAT64 = 123
const ANY_BIGINT = 122
const ANY_STRING = 119
const ANY_OBJECT = 118
const ANY_ARRAY = 117
const ANY_BYTES = 116

/** What kind of struct a row of the table is. */
export const StructKind = { gc: 0, skip: 1, item: 2, type: 3 } as const
/** How an Item names its parent: a root type, a parent type's item, or a sibling to take it from. */
export const ParentRef = { root: 0, parentItem: 1, sibling: 2 } as const

/** Every struct of an update in columns (typed, grown by doubling); filled only when a depth check needs it. */
export class StructTable {
  count = 0
  client: Float64Array
  clock: Float64Array
  length: Float64Array
  kind: Uint8Array
  parentRef: Uint8Array
  refClient: Float64Array
  refClock: Float64Array
  /** Per client, its rows [first, end): a client's structs are consecutive and ordered by clock. */
  readonly rowsOf = new Map<number, [number, number]>()

  /** `capacity`: the rows expected (an update's entries, from a first scan), so it rarely grows. */
  constructor(capacity = 64) {
    const size = Math.max(capacity, 1)
    this.client = new Float64Array(size)
    this.clock = new Float64Array(size)
    this.length = new Float64Array(size)
    this.kind = new Uint8Array(size)
    this.parentRef = new Uint8Array(size)
    this.refClient = new Float64Array(size)
    this.refClock = new Float64Array(size)
  }

  add(
    client: number,
    clock: number,
    length: number,
    kind: number,
    ref: number,
    refClient: number,
    refClock: number,
  ): void {
    const row = this.count
    if (row === this.client.length) this.#grow()
    this.client[row] = client
    this.clock[row] = clock
    this.length[row] = length
    this.kind[row] = kind
    this.parentRef[row] = ref
    this.refClient[row] = refClient
    this.refClock[row] = refClock
    this.count = row + 1
  }

  #grow(): void {
    const size = this.client.length * 2
    const grown = <T extends Float64Array | Uint8Array>(from: T, to: T): T => {
      to.set(from)
      return to
    }
    this.client = grown(this.client, new Float64Array(size))
    this.clock = grown(this.clock, new Float64Array(size))
    this.length = grown(this.length, new Float64Array(size))
    this.kind = grown(this.kind, new Uint8Array(size))
    this.parentRef = grown(this.parentRef, new Uint8Array(size))
    this.refClient = grown(this.refClient, new Float64Array(size))
    this.refClock = grown(this.refClock, new Float64Array(size))
  }

  /** The row holding `clock` of `client`, or -1. */
  find(client: number, clock: number): number {
    const rows = this.rowsOf.get(client)
    if (!rows) return -1
    let low = rows[0]
    let high = rows[1] - 1
    while (low <= high) {
      const mid = (low + high) >>> 1
      const start = this.clock[mid] as number
      if (clock < start) high = mid - 1
      else if (clock >= start + (this.length[mid] as number)) low = mid + 1
      else return mid
    }
    return -1
  }
}

export interface UpdateShape {
  /** Structs plus delete-set ranges, counted up to one past the limit. */
  entries: number
  /** Items whose content is a type (Y.Map, Y.XmlElement, ...). */
  types: number
  /** The deepest nesting of a plain value (ContentAny arrays and objects), counted up to one past the limit. */
  valueDepth: number
}

// Strings are decoded exactly as lib0 decodes them for Yjs, so an invalid one is refused here.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

class Reader {
  pos = 0
  readonly arr: Uint8Array

  constructor(arr: Uint8Array) {
    this.arr = arr
  }

  u8(): number {
    if (this.pos >= this.arr.length) throw new MalformedUpdate()
    return this.arr[this.pos++] as number
  }

  /** lib0's readVarUint, to the same 53 bits. */
  varUint(): number {
    const { arr } = this
    let num = 0
    let mult = 1
    while (this.pos < arr.length) {
      const r = arr[this.pos++] as number
      num += (r & 0x7f) * mult
      mult *= 128
      if (r < 0x80) return num
      if (num > Number.MAX_SAFE_INTEGER) throw new MalformedUpdate()
    }
    throw new MalformedUpdate()
  }

  /** lib0's readVarInt, skipped. */
  skipVarInt(): void {
    if ((this.u8() & 0x80) === 0) return
    this.varUint()
  }

  skip(bytes: number): void {
    if (bytes > this.arr.length - this.pos) throw new MalformedUpdate()
    this.pos += bytes
  }

  /** Skips a string; returns its length in UTF-16 code units, as Yjs counts a ContentString. */
  string(): number {
    const bytes = this.varUint()
    const start = this.pos
    this.skip(bytes)
    const { arr } = this
    for (let i = start; i < start + bytes; i++) {
      if ((arr[i] as number) >= 0x80) return this.#decode(start, bytes).length
    }
    return bytes
  }

  /** A string Yjs parses as JSON (ContentJSON, ContentEmbed, ContentFormat). */
  json(): void {
    const bytes = this.varUint()
    const start = this.pos
    this.skip(bytes)
    const text = this.#decode(start, bytes)
    if (text === 'undefined') return
    try {
      JSON.parse(text)
    } catch {
      throw new MalformedUpdate()
    }
  }

  #decode(start: number, bytes: number): string {
    try {
      return utf8.decode(this.arr.subarray(start, start + bytes))
    } catch {
      throw new MalformedUpdate()
    }
  }

  /** Skips one lib0 `any`, without recursion; returns how deep its arrays and objects nest. */
  any(): number {
    const first = this.u8()
    if (this.#skipScalar(first)) return 0
    // Each frame counts what is left to read at one level; an object's count is two per entry
    // (a key, then a value), and an odd count left means a key comes next.
    const left: number[] = []
    const isObject: boolean[] = []
    let depth = this.#open(first, left, isObject)
    while (left.length > 0) {
      const top = left.length - 1
      if (left[top] === 0) {
        left.pop()
        isObject.pop()
        continue
      }
      const remaining = (left[top] as number) - 1
      left[top] = remaining
      if (isObject[top] && remaining % 2 === 1) {
        this.string()
        continue
      }
      const tag = this.u8()
      if (!this.#skipScalar(tag)) depth = Math.max(depth, this.#open(tag, left, isObject))
    }
    return depth
  }

  /** Skips a value that is not an array or object; false if it is one (its tag is read). */
  #skipScalar(tag: number): boolean {
    switch (tag) {
      case ANY_UNDEFINED:
      case ANY_NULL:
      case ANY_FALSE:
      case ANY_TRUE:
        return true
      case ANY_VAR_INT:
        this.skipVarInt()
        return true
      case ANY_FLOAT32:
        this.skip(4)
        return true
      case ANY_FLOAT64:
      case ANY_BIGINT:
        this.skip(8)
        return true
      case ANY_STRING:
        this.string()
        return true
      case ANY_BYTES:
        this.skip(this.varUint())
        return true
      case ANY_OBJECT:
      case ANY_ARRAY:
        return false
      default:
        throw new MalformedUpdate()
    }
  }

  /** Pushes the frame of an array or object whose tag was read; returns the depth it is at. */
  #open(tag: number, left: number[], isObject: boolean[]): number {
    const count = this.varUint()
    // Every value takes at least a byte: a larger count cannot be read, and must not be looped over.
    if (count > this.arr.length - this.pos) throw new MalformedUpdate()
    left.push(tag === ANY_OBJECT ? count * 2 : count)
    isObject.push(tag === ANY_OBJECT)
    return left.length
  }
}

/**
 * Reads `update` through, counting its entries up to `maxEntries + 1` (then it stops: the
 * update is refused anyway) and, with a table, recording every struct in it.
 * Throws MalformedUpdate for bytes Yjs could not read.
 */
export function scanUpdate(update: Uint8Array, maxEntries: number, table?: StructTable): UpdateShape {
  const r = new Reader(update)
  const shape: UpdateShape = { entries: 0, types: 0, valueDepth: 0 }
  const clients = r.varUint()
  for (let c = 0; c < clients; c++) {
    const structs = r.varUint()
    const client = r.varUint()
    let clock = r.varUint()
    const first = table?.count ?? 0
    for (let s = 0; s < structs; s++) {
      if (++shape.entries > maxEntries) return shape
      const info = r.u8()
      const ref = info & 0x1f
      if (ref === GC || ref === SKIP) {
        const length = r.varUint()
        table?.add(client, clock, length, ref === GC ? StructKind.gc : StructKind.skip, 0, 0, 0)
        clock += length
        continue
      }
      // An item names a neighbour (its parent is the neighbour's), or else its parent.
      let parentRef: number = ParentRef.sibling
      let refClient = 0
      let refClock = 0
      if ((info & 0x80) !== 0) {
        refClient = r.varUint()
        refClock = r.varUint()
      }
      if ((info & 0x40) !== 0) {
        const rightClient = r.varUint()
        const rightClock = r.varUint()
        if ((info & 0x80) === 0) {
          refClient = rightClient
          refClock = rightClock
        }
      }
      if ((info & 0xc0) === 0) {
        if (r.varUint() === 1) {
          r.string()
          parentRef = ParentRef.root
        } else {
          refClient = r.varUint()
          refClock = r.varUint()
          parentRef = ParentRef.parentItem
        }
        if ((info & 0x20) !== 0) r.string()
      }
      let length = 1
      let kind: number = StructKind.item
      switch (ref) {
        case CONTENT_DELETED:
          length = r.varUint()
          break
        case CONTENT_JSON:
          length = r.varUint()
          for (let i = 0; i < length; i++) r.json()
          break
        case CONTENT_BINARY:
          r.skip(r.varUint())
          break
        case CONTENT_STRING:
          length = r.string()
          break
        case CONTENT_EMBED:
          r.json()
          break
        case CONTENT_FORMAT:
          r.string()
          r.json()
          break
        case CONTENT_TYPE: {
          const typeRef = r.varUint()
          if (typeRef > LAST_TYPE_REF) throw new MalformedUpdate()
          if (typeRef === TYPE_XML_ELEMENT || typeRef === TYPE_XML_HOOK) r.string()
          kind = StructKind.type
          shape.types += 1
          break
        }
        case CONTENT_ANY:
          length = r.varUint()
          for (let i = 0; i < length; i++) shape.valueDepth = Math.max(shape.valueDepth, r.any())
          break
        case CONTENT_DOC:
          r.string()
          shape.valueDepth = Math.max(shape.valueDepth, r.any())
          break
        default:
          throw new MalformedUpdate()
      }
      table?.add(client, clock, length, kind, parentRef, refClient, refClock)
      clock += length
    }
    // As in Yjs, a client listed twice keeps only its last run of structs.
    if (table) table.rowsOf.set(client, [first, table.count])
  }
  const deleteClients = r.varUint()
  for (let c = 0; c < deleteClients; c++) {
    r.varUint() // client
    const ranges = r.varUint()
    for (let i = 0; i < ranges; i++) {
      if (++shape.entries > maxEntries) return shape
      r.varUint() // clock
      r.varUint() // length
    }
  }
  return shape
}

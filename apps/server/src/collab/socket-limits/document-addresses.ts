import { MessageType } from '@hocuspocus/server'
import { messageYjsSyncStep1 } from 'y-protocols/sync'
import { readableAuth } from './auth-frame.ts'

/** As lib0 decodes (and so Hocuspocus): invalid UTF-8 throws, and a leading BOM stays in the name. */
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/**
 * The least a frame waiting for its document's authentication is charged, in bytes: Hocuspocus
 * holds each one as an object of its own, so a flood of 3-byte frames must not be nearly free.
 * 64 KiB (PREAUTH_MAX_BYTES' default) then holds at most 1,024 of them.
 */
export const MIN_WAITING_FRAME_COST = 64

/**
 * A frame the door lets through: a SyncStep1 (type Sync, then sync type SyncStep1, each a
 * one-byte varuint) is told apart, since its answer may be the whole document.
 */
function passing(message: Uint8Array, end: number, type: number): Admission {
  return type === MessageType.Sync && message[end + 1] === messageYjsSyncStep1
    ? Admission.syncRequest
    : Admission.pass
}

/** An address whose document connection is set up: its frames are Hocuspocus' to handle. */
const CONNECTED = -1

/** What the door makes of a frame. */
export const Admission = {
  pass: 0,
  /** Not a frame Hocuspocus can read (4400). */
  malformed: 1,
  /** It would open one document more than the socket may have (4429). */
  tooManyDocuments: 2,
  /** Too much would wait for authentication (4413). */
  tooMuchWaiting: 3,
  /** It may pass, and asks for a sync (a SyncStep1): the socket's sync budget decides (4430). */
  syncRequest: 4,
} as const
export type Admission = (typeof Admission)[keyof typeof Admission]

/**
 * The document addresses one socket has open, read from each frame before Hocuspocus decodes it.
 * Hocuspocus multiplexes documents over a socket, each message starting with its address
 * (`name`, or `name\0sessionId`), and every new address is a document connection of its own:
 * authenticated, synced and sent every broadcast.
 *
 * It mirrors how Hocuspocus counts, so that our limits (with their documented codes) always trip
 * before Hocuspocus' own (hocuspocus-limits.ts), which close with an undocumented 4205:
 * - an address waits from its first frame until its connection is set up (`connected`), and
 *   keeps its place until that connection closes. Hocuspocus keeps waiting for an address that
 *   sent a Close before it authenticated (the Close is queued too), and forgets one whose
 *   authentication it refused; we keep both (never fewer places than Hocuspocus).
 * - every frame to a waiting address is charged (at least MIN_WAITING_FRAME_COST), and the
 *   charge is given back when the address connects: Hocuspocus queues those frames until then.
 * - the head of each frame is checked as Hocuspocus reads it before any hook runs: the address
 *   (UTF-8), a one-byte type, and for an authentication its token (auth-frame.ts).
 *
 * A socket talks to one connected document most of the time, so the last address's bytes are
 * kept and compared first (as Hocuspocus does); such a frame, unless an Auth or a Close, passes
 * with no lookup and no decoding: two byte compares more tell a SyncStep1 (syncRequest).
 */
export class DocumentAddresses {
  /** Per open address: the bytes it has waiting, or CONNECTED. */
  readonly #open = new Map<string, number>()
  readonly #limit: number
  readonly #waitingLimit: number
  #waiting = 0
  #mostOpen = 0
  #last: Uint8Array | null = null
  #lastAddress = ''
  #lastConnected = false

  constructor(limit: number, waitingLimit: number) {
    this.#limit = limit
    this.#waitingLimit = waitingLimit
  }

  admit(message: Uint8Array): Admission {
    let length = 0
    let pos = 0
    for (let shift = 0; ; shift += 7) {
      if (pos >= message.length || shift > 28) return Admission.malformed
      const byte = message[pos++] as number
      length += (byte & 0x7f) * 2 ** shift
      if (byte < 0x80) break
    }
    const end = pos + length
    // No type after the address, or one of several bytes: no Hocuspocus message type is.
    if (end >= message.length) return Admission.malformed
    const type = message[end] as number
    if (type >= 0x80) return Admission.malformed
    const same = this.#isLast(message, pos, length)
    if (same && this.#lastConnected && type !== MessageType.Auth && type !== MessageType.CLOSE) {
      return passing(message, end, type)
    }

    if (!same) {
      const bytes = message.subarray(pos, end)
      try {
        this.#lastAddress = decoder.decode(bytes)
      } catch {
        this.#last = null
        return Admission.malformed
      }
      // A copy: a view would keep the whole message alive.
      this.#last = new Uint8Array(bytes)
    }
    if (type === MessageType.Auth && !readableAuth(message, end + 1)) return Admission.malformed
    const address = this.#lastAddress
    const waiting = this.#open.get(address)
    this.#lastConnected = waiting === CONNECTED
    if (waiting === CONNECTED) {
      // A provider detached from a shared socket: the place is free again.
      if (type === MessageType.CLOSE) this.#forget(address)
      return passing(message, end, type)
    }
    if (waiting === undefined && this.#open.size >= this.#limit) return Admission.tooManyDocuments
    const cost = Math.max(message.byteLength, MIN_WAITING_FRAME_COST)
    if (this.#waiting + cost > this.#waitingLimit) return Admission.tooMuchWaiting
    this.#waiting += cost
    this.#open.set(address, (waiting ?? 0) + cost)
    if (this.#open.size > this.#mostOpen) this.#mostOpen = this.#open.size
    return passing(message, end, type)
  }

  /** The most addresses this socket has had open at once: what its sync budget grows with. */
  get mostOpen(): number {
    return this.#mostOpen
  }

  /** Hocuspocus set up the connection of `address`: what waited for it has been handed over. */
  connected(address: string): void {
    const waiting = this.#open.get(address)
    if (waiting === undefined || waiting === CONNECTED) return
    this.#waiting -= waiting
    this.#open.set(address, CONNECTED)
    if (address === this.#lastAddress) this.#lastConnected = true
  }

  /** The connection of `address` closed (a Close frame, a revocation, a malformed message). */
  closed(address: string): void {
    // One that already waits again (a frame came after its Close) keeps its place.
    if (this.#open.get(address) === CONNECTED) this.#forget(address)
  }

  #forget(address: string): void {
    this.#open.delete(address)
    if (address === this.#lastAddress) this.#lastConnected = false
  }

  #isLast(message: Uint8Array, pos: number, length: number): boolean {
    const last = this.#last
    if (last === null || last.length !== length) return false
    for (let i = 0; i < length; i++) if (message[pos + i] !== last[i]) return false
    return true
  }
}

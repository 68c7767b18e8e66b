import { MessageType } from '@hocuspocus/server'

const decoder = new TextDecoder()

/**
 * The document addresses one socket has open. Hocuspocus multiplexes documents over a socket,
 * each message starting with its address (`name`, or `name\0sessionId`), and every new address
 * is a document connection of its own: authenticated, synced and sent every broadcast. Pending
 * ones (not yet authenticated) count too. A provider detached from a shared socket sends a
 * Close for its address, which gives the place back.
 *
 * Read straight from the message bytes, before Hocuspocus decodes them: the address is a varuint
 * length and UTF-8 bytes, then the message type. A socket talks to one document most of the
 * time, so the last address's bytes are kept and compared first (as Hocuspocus itself does).
 */
export class DocumentAddresses {
  readonly #open = new Set<string>()
  readonly #limit: number
  #last: Uint8Array | null = null

  constructor(limit: number) {
    this.#limit = limit
  }

  /** False when the message would open one address more than the limit. */
  admit(message: Uint8Array): boolean {
    let length = 0
    let pos = 0
    for (let shift = 0; ; shift += 7) {
      // Not a message Hocuspocus can decode either: it closes the socket itself.
      if (pos >= message.length || shift > 28) return true
      const byte = message[pos++] as number
      length += (byte & 0x7f) * 2 ** shift
      if (byte < 0x80) break
    }
    const end = pos + length
    if (end >= message.length) return true
    const closes = message[end] === MessageType.CLOSE
    if (!closes && this.#isLast(message, pos, length)) return true

    const bytes = message.subarray(pos, end)
    const address = decoder.decode(bytes)
    if (closes) {
      this.#open.delete(address)
      this.#last = null
      return true
    }
    if (!this.#open.has(address)) {
      if (this.#open.size >= this.#limit) return false
      this.#open.add(address)
    }
    // A copy: a view would keep the whole message alive.
    this.#last = new Uint8Array(bytes)
    return true
  }

  #isLast(message: Uint8Array, pos: number, length: number): boolean {
    const last = this.#last
    if (last === null || last.length !== length) return false
    for (let i = 0; i < length; i++) if (message[pos + i] !== last[i]) return false
    return true
  }
}

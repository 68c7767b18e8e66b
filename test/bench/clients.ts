import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'

/**
 * Raw protocol clients for the load generator: no provider, no editor, just the wire protocol
 * of the server under test (Hocuspocus framing with a token) or of the reference y-websocket
 * server (one socket per room, no document name on the wire).
 */
export type Framing = 'hocuspocus' | 'y-websocket'

const SYNC = 0
const AWARENESS = 1
const AUTH = 2
const SYNC_REPLY = 4
const SYNC_STATUS = 8
const STEP1 = 0
const STEP2 = 1
const UPDATE = 2

export interface ClientOptions {
  framing: Framing
  /** ws://host:port/collab (Hocuspocus) or ws://host:port (y-websocket; the room is appended). */
  url: string
  room: string
  token?: string
  /** Called for every document update received from the server, echoes of our own included. */
  onRemoteUpdate?: (update: Uint8Array, receivedAt: number) => void
  onAck?: (receivedAt: number) => void
  /**
   * A participant's name: the client publishes presence as it connects and renews it as every
   * provider does (y-protocols' Awareness re-sends a local state 15 to 18 s old). Clients made
   * together renew together, the burst that stalls the reference server (issue 7, S4).
   */
  presence?: string
}

interface AwarenessChanges {
  added: number[]
  updated: number[]
  removed: number[]
}

type Handler = (data: Uint8Array, receivedAt: number) => void

/**
 * Messages are stamped as their socket delivers them and handled once every socket that was
 * readable in this poll phase has been read. Handling one (applying it to the client's
 * document) takes far longer than reading it, so with 200 clients receiving one broadcast,
 * stamping on handling would charge the last client the generator's own work for the 199
 * before it: latency no server could cause, and the same for both servers under test.
 * Order is kept: one queue for all clients, handled first in, first out.
 */
const inbox: { handle: Handler; data: Uint8Array; at: number }[] = []

function receive(handle: Handler, data: Uint8Array): void {
  if (inbox.length === 0) setImmediate(handleInbox)
  inbox.push({ handle, data, at: performance.now() })
}

function handleInbox(): void {
  for (const { handle, data, at } of inbox.splice(0)) handle(data, at)
}

export class BenchClient {
  readonly doc = new Y.Doc()
  readonly awareness: Awareness
  readonly synced: Promise<void>
  readonly #socket: WebSocket
  readonly #options: ClientOptions
  #resolveSynced: () => void = () => {}
  #rejectSynced: (error: Error) => void = () => {}
  closed = false

  constructor(options: ClientOptions) {
    this.#options = options
    this.awareness = new Awareness(this.doc)
    this.awareness.setLocalState(null)
    // What a provider does: every change of our own presence, renewals included, goes out.
    this.awareness.on('update', (changes: AwarenessChanges, origin: unknown) => {
      if (origin !== 'local') return
      const clients = [...changes.added, ...changes.updated, ...changes.removed]
      const update = encodeAwarenessUpdate(this.awareness, clients)
      this.#send(AWARENESS, (e) => encoding.writeVarUint8Array(e, update))
    })
    this.synced = new Promise((resolve, reject) => {
      this.#resolveSynced = resolve
      this.#rejectSynced = reject
    })
    const url = options.framing === 'hocuspocus' ? options.url : `${options.url}/${options.room}`
    this.#socket = new WebSocket(url, { perMessageDeflate: false })
    this.#socket.binaryType = 'nodebuffer'
    this.#socket.on('open', () => this.#onOpen())
    this.#socket.on('message', (data: Buffer) =>
      receive(this.#handle, new Uint8Array(data.buffer, data.byteOffset, data.byteLength)),
    )
    this.#socket.on('error', (error) => this.#rejectSynced(error))
    this.#socket.on('close', (code: number, reason: Buffer) => {
      this.closed = true
      this.#rejectSynced(new Error(`closed before sync (${code} ${reason.toString()})`))
    })
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== this)
        this.#send(SYNC, (e) => {
          encoding.writeVarUint(e, UPDATE)
          encoding.writeVarUint8Array(e, update)
        })
    })
  }

  #send(type: number, write: (e: encoding.Encoder) => void): void {
    if (this.#socket.readyState !== WebSocket.OPEN) return
    const e = encoding.createEncoder()
    if (this.#options.framing === 'hocuspocus') encoding.writeVarString(e, this.#options.room)
    encoding.writeVarUint(e, type)
    write(e)
    this.#socket.send(encoding.toUint8Array(e))
  }

  #onOpen(): void {
    if (this.#options.framing === 'hocuspocus') {
      this.#send(AUTH, (e) => {
        encoding.writeVarUint(e, 0)
        encoding.writeVarString(e, this.#options.token ?? '')
      })
    }
    this.#send(SYNC, (e) => {
      encoding.writeVarUint(e, STEP1)
      encoding.writeVarUint8Array(e, Y.encodeStateVector(this.doc))
    })
    if (this.#options.presence !== undefined) {
      this.awareness.setLocalState({ user: { name: this.#options.presence, color: '#336699' } })
    }
  }

  readonly #handle = (data: Uint8Array, receivedAt: number): void => this.#onMessage(data, receivedAt)

  #onMessage(data: Uint8Array, receivedAt: number): void {
    const d = decoding.createDecoder(data)
    if (this.#options.framing === 'hocuspocus') decoding.readVarString(d)
    const type = decoding.readVarUint(d)
    if (type === AUTH) {
      if (decoding.readVarUint(d) === 1)
        this.#rejectSynced(new Error(`refused: ${decoding.readVarString(d)}`))
      return
    }
    if (type === SYNC_STATUS) {
      this.#options.onAck?.(receivedAt)
      return
    }
    if (type !== SYNC && type !== SYNC_REPLY) return
    const sub = decoding.readVarUint(d)
    const payload = decoding.readVarUint8Array(d)
    if (sub === STEP1) {
      this.#send(SYNC, (e) => {
        encoding.writeVarUint(e, STEP2)
        encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(this.doc, payload))
      })
    } else if (sub === STEP2) {
      Y.applyUpdate(this.doc, payload, this)
      this.#resolveSynced()
    } else if (sub === UPDATE) {
      Y.applyUpdate(this.doc, payload, this)
      this.#options.onRemoteUpdate?.(payload, receivedAt)
    }
  }

  /** Moves our caret to `offset` in our presence (what an editor does as the caret moves). */
  moveCaret(offset: number): void {
    const text = this.doc.getText('t')
    const at = Y.createRelativePositionFromTypeIndex(text, Math.min(offset, text.length))
    const json = Y.relativePositionToJSON(at)
    this.awareness.setLocalStateField('cursor', { anchor: json, head: json })
  }

  close(): void {
    this.closed = true
    this.awareness.destroy()
    this.#socket.terminate()
    this.doc.destroy()
  }
}

/** The key of an edit: who made it and the clock of its first character. */
export const editKey = (client: number, clock: number): string => `${client}:${clock}`

/**
 * Keys of every inserted item in an update that `receiver` did not make itself, to match a
 * received edit with its send time. A server may echo a client's own edit back to it; that is
 * not an edit reaching a remote participant, so it is neither a delivery nor a latency sample.
 */
export function remoteEditKeys(update: Uint8Array, receiver: number): string[] {
  return Y.decodeUpdate(update)
    .structs.filter((s): s is Y.Item => s instanceof Y.Item && s.id.client !== receiver)
    .map((s) => editKey(s.id.client, s.id.clock))
}

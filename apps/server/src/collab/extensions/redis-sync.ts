import { Redis as HocuspocusRedis } from '@hocuspocus/extension-redis'
import {
  type afterLoadDocumentPayload,
  type afterStoreDocumentPayload,
  isTransactionOrigin,
  MessageType,
  OutgoingMessage,
  type onAwarenessUpdatePayload,
  type onChangePayload,
} from '@hocuspocus/server'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { RedisLink } from '../../scale-out/redis-link.ts'
import type { DocumentStore } from '../../stores/document-store.ts'

/** How long a store waits, at most, for another process' lock on the same document. */
const LOCK_TIMEOUT_MS = 5_000
/** How long a document being loaded waits for a process that has it open to send its state. */
const INITIAL_SYNC_TIMEOUT_MS = 1_000

type IncomingHandler = (channel: Buffer, data: Buffer) => Promise<void>

/**
 * Documents shared between processes through Redis: @hocuspocus/extension-redis, with what
 * Confer needs changed.
 *
 * - An update is published itself, not announced by a state vector that every other process
 *   answers with a diff it computes from the whole document: the cost of an edit follows the
 *   edit, not the document, and it reaches the others in one hop. A process that missed some
 *   (Redis was away) asks for what it lacks when its connection is back: the upstream exchange
 *   of state vectors, per loaded document.
 * - No second of delay after a server-side edit or before an unload (upstream waits for the
 *   others to ask for its changes; ours are already on their way). Instead, a document being
 *   loaded reads the store once more after it has subscribed: an update another process
 *   committed between our read and our subscription is then in the one or the other.
 * - Presence: a client that left one process leaves the others' at once. Upstream publishes a
 *   removal only while the document still has a connection there, and drops any removal it
 *   receives (its awareness messages keep only live states); here removals are published
 *   whatever is left, and applied on receipt.
 * - Relayed awareness is not published again: every process hears the original.
 * - Its hooks run after DurablePersistence's (priority 850 < 900): an update from another
 *   process is logged here too, so a client of this process is never acknowledged for a change
 *   this process holds in memory but no commit holds (SPEC D1, H3), even if its origin died
 *   before committing it.
 */
export class RedisSync extends HocuspocusRedis {
  readonly extensionName = 'confer-redis-sync'
  override priority = 850

  readonly #link: RedisLink
  readonly #store: DocumentStore
  readonly #channelPrefix: string

  constructor(link: RedisLink, store: DocumentStore) {
    const prefix = `${link.prefix}collab`
    super({
      createClient: () => link.connect('collab'),
      prefix,
      identifier: link.processId,
      lockTimeout: LOCK_TIMEOUT_MS,
      awaitInitialSyncTimeout: INITIAL_SYNC_TIMEOUT_MS,
    })
    this.#link = link
    this.#store = store
    this.#channelPrefix = `${prefix}:`
    // Upstream's listener lets a rejected apply become an unhandled rejection (the process
    // would exit): ours catches it, and applies the awareness removals upstream drops.
    const upstream = (this as unknown as { handleIncomingMessage: IncomingHandler }).handleIncomingMessage
    this.sub.off('messageBuffer', upstream)
    this.sub.on('messageBuffer', (channel: Buffer, data: Buffer) => {
      try {
        this.#applyRemovals(data)
      } catch (error) {
        link.failed(error, 'reading a presence message')
      }
      upstream(channel, data).catch((error: unknown) =>
        link.failed(error, 'applying a message from another process'),
      )
    })
    for (const client of [this.pub, this.sub]) {
      let connectedBefore = false
      client.on('ready', () => {
        if (connectedBefore) this.#resyncAll()
        connectedBefore = true
      })
    }
  }

  override async afterLoadDocument(payload: afterLoadDocumentPayload): Promise<void> {
    await super.afterLoadDocument(payload)
    const stored = await this.#store.load(payload.documentName)
    if (stored.updates.length > 0) {
      Y.applyUpdate(payload.document, Y.mergeUpdates(stored.updates), this.redisTransactionOrigin)
    }
  }

  /** Publishes the update itself (upstream publishes a state vector and waits to be asked). */
  override async onChange({ documentName, update, transactionOrigin }: onChangePayload): Promise<void> {
    if (fromRedis(transactionOrigin)) return
    const message = new OutgoingMessage(documentName).createSyncMessage().writeUpdate(update)
    this.#publish(documentName, message.toUint8Array())
  }

  override async onAwarenessUpdate(payload: onAwarenessUpdatePayload): Promise<void> {
    if (fromRedis(payload.transactionOrigin)) return
    const { added, updated, removed, awareness, documentName } = payload
    if (added.length > 0 || updated.length > 0) await super.onAwarenessUpdate({ ...payload, removed: [] })
    if (removed.length === 0) return
    // Written now, while the meta still holds the clock the removal happened at.
    const encoder = encoding.createEncoder()
    encoding.writeVarString(encoder, documentName)
    encoding.writeVarUint(encoder, MessageType.Awareness)
    encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(awareness, removed))
    this.#publish(documentName, encoding.toUint8Array(encoder))
  }

  /** Releases the lock; upstream then waits a second for the others to ask for our changes. */
  override async afterStoreDocument({ documentName }: afterStoreDocumentPayload): Promise<void> {
    const key = `${this.#channelPrefix}${documentName}:lock`
    const held = this.locks.get(key)
    if (!held) return
    this.locks.delete(key)
    // A lock not released expires by itself.
    await held.lock.release().catch(() => {})
  }

  /** Upstream waits a second here for the same reason. */
  override async beforeUnloadDocument(): Promise<void> {}

  #publish(documentName: string, message: Uint8Array): void {
    const prefix = Buffer.from(this.#link.processId)
    const data = Buffer.concat([Buffer.from([prefix.length]), prefix, message])
    this.pub.publish(`${this.#channelPrefix}${documentName}`, data).catch((error: unknown) => {
      this.#link.failed(error, 'publishing a document change')
    })
  }

  /** Asks the other processes for whatever this one missed while its Redis link was down. */
  #resyncAll(): void {
    if (!this.instance) return
    for (const [name, document] of this.instance.documents) {
      const message = new OutgoingMessage(name).createSyncMessage().writeFirstSyncStepFor(document)
      this.#publish(name, message.toUint8Array())
    }
  }

  /** Applies the removals (null states) of another process' awareness message. */
  #applyRemovals(data: Buffer): void {
    const idLength = data[0] ?? 0
    if (data.toString('utf8', 1, idLength + 1) === this.#link.processId) return
    const decoder = decoding.createDecoder(data.subarray(idLength + 1))
    const name = decoding.readVarString(decoder)
    if (decoding.readVarUint(decoder) !== MessageType.Awareness) return
    const removals = onlyRemovals(decoding.readVarUint8Array(decoder))
    const document = removals && this.instance?.documents.get(name)
    if (removals && document) applyAwarenessUpdate(document.awareness, removals, this.redisTransactionOrigin)
  }
}

function fromRedis(origin: unknown): boolean {
  return isTransactionOrigin(origin) && origin.source === 'redis'
}

/** The entries of an awareness update that remove a client, as an update of their own; null if none. */
function onlyRemovals(update: Uint8Array): Uint8Array | null {
  const decoder = decoding.createDecoder(update)
  const removals: [clientId: number, clock: number][] = []
  const count = decoding.readVarUint(decoder)
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    if (decoding.readVarString(decoder) === 'null') removals.push([clientId, clock])
  }
  if (removals.length === 0) return null
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, removals.length)
  for (const [clientId, clock] of removals) {
    encoding.writeVarUint(encoder, clientId)
    encoding.writeVarUint(encoder, clock)
    encoding.writeVarString(encoder, 'null')
  }
  return encoding.toUint8Array(encoder)
}

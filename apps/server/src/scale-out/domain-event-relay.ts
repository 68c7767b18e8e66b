import type { Redis } from 'ioredis'
import type { DomainEventMap, DomainEvents } from '../services/domain-events.ts'
import type { RedisLink } from './redis-link.ts'

/**
 * The events whose listeners act on this process' own sockets or state: an access change must
 * close the sockets on every process, attendance and the action index are read by every one, and
 * every process' live event streams (GET /api/events) pass on what changed on any process.
 * A version is taken by the process that stored the document, so `versionTaken` stays local.
 */
const RELAYED = [
  'membershipChanged',
  'meetingAccessChanged',
  'networkChanged',
  'credentialRevoked',
  'attendanceChanged',
  'actionsIndexed',
  'meetingChanged',
  'charterAffirmed',
  'resourcesChanged',
] as const satisfies readonly (keyof DomainEventMap)[]

type Relayed = (typeof RELAYED)[number]

interface Envelope {
  from: string
  name: Relayed
  payload: Record<string, string>
}

/**
 * Makes the domain events of every process one stream: an event emitted here is published on
 * Redis, and one another process published is emitted here, so services and extensions listen
 * as they would on a lone process. An event is not echoed back to the process it came from.
 * Pub/sub delivers to the processes connected at that moment; a process that was cut off from
 * Redis misses what happened meanwhile; its sockets then keep their access until they reconnect
 * (or their credential expires), as with any event lost.
 */
export class DomainEventRelay {
  readonly #events: DomainEvents
  readonly #link: RedisLink
  readonly #channel: string
  readonly #subscriber: Redis
  readonly #subscribed: Promise<unknown>
  /** Set while emitting an event that came from Redis, so it is not published again. */
  #relaying = false

  constructor(events: DomainEvents, link: RedisLink) {
    this.#events = events
    this.#link = link
    this.#channel = `${link.prefix}events`
    this.#subscriber = link.connect('events')
    this.#subscriber.on('message', (_channel: string, message: string) => this.#receive(message))
    this.#subscribed = this.#subscriber.subscribe(this.#channel)
    this.#subscribed.catch((error: unknown) => link.failed(error, 'subscribing to domain events'))
    for (const name of RELAYED) {
      events.on(name, (payload: DomainEventMap[Relayed][0]) => this.#publish(name, payload))
    }
  }

  /** Resolves once events from other processes are received. */
  async ready(): Promise<void> {
    await this.#subscribed
  }

  #publish(name: Relayed, payload: DomainEventMap[Relayed][0]): void {
    if (this.#relaying) return
    const envelope: Envelope = { from: this.#link.processId, name, payload: { ...payload } }
    this.#link.commands.publish(this.#channel, JSON.stringify(envelope)).catch((error: unknown) => {
      this.#link.failed(error, `publishing ${name}`)
    })
  }

  #receive(message: string): void {
    const envelope = parse(message)
    if (!envelope) {
      this.#link.failed(new Error('unreadable domain event'), 'receiving a domain event')
      return
    }
    if (envelope.from === this.#link.processId) return
    this.#relaying = true
    try {
      // Each payload is an object of strings; the name says which.
      ;(this.#events.emit as (name: Relayed, payload: Record<string, string>) => boolean)(
        envelope.name,
        envelope.payload,
      )
    } finally {
      this.#relaying = false
    }
  }
}

function parse(message: string): Envelope | null {
  try {
    const value = JSON.parse(message) as Partial<Envelope>
    if (typeof value.from !== 'string' || !RELAYED.includes(value.name as Relayed)) return null
    const payload = value.payload
    if (typeof payload !== 'object' || payload === null) return null
    if (!Object.values(payload).every((v) => typeof v === 'string')) return null
    return value as Envelope
  } catch {
    return null
  }
}

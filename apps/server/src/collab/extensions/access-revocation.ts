import { CloseCode } from '@confer/model'
import type { Connection, connectedPayload, Extension, Hocuspocus } from '@hocuspocus/server'
import type { DocumentAccess, DocumentAccessService } from '../../services/document-access.ts'
import type { DomainEvents } from '../../services/domain-events.ts'
import type { CollabContext } from '../context.ts'

/**
 * How long a revoked credential is remembered for connections that authenticated with it just
 * before and are still being set up (loading their document); far longer than a load takes.
 */
const REVOKED_MEMORY_MS = 5 * 60_000

/**
 * Closes live sockets whose access just changed (role lowered, member removed, a network guest
 * removed from their home community, guest access withdrawn, a network shrunk, session or token
 * revoked). Access changes are re-checked against the store for the sockets they may touch,
 * not guessed from the event: a guest's access comes from another community than the meeting's.
 * A connection still being set up when a change comes is checked once it is. The provider
 * reconnects by itself and is then authenticated again against the new access: refused, or
 * read-only.
 */
export class AccessRevocation implements Extension {
  readonly extensionName = 'confer-access-revocation'

  readonly #access: DocumentAccessService
  readonly #hocuspocus: () => Hocuspocus
  readonly #now: () => number
  #changes = 0
  /** Hash → the change count and time it was revoked at, oldest first. */
  readonly #revoked = new Map<string, { change: number; at: number }>()

  constructor(
    events: DomainEvents,
    access: DocumentAccessService,
    hocuspocus: () => Hocuspocus,
    now: () => number = Date.now,
  ) {
    this.#access = access
    this.#hocuspocus = hocuspocus
    this.#now = now
    events.on('membershipChanged', ({ userId }) => {
      this.#changes++
      void this.#recheck(this.#connections((c) => c.userId === userId))
    })
    events.on('meetingAccessChanged', ({ meetingId }) => {
      this.#changes++
      // A guest's plan connection has no meeting: whichever meeting shared the plan may have
      // stopped (SPEC G7), and another may still share it.
      void this.#recheck(
        this.#connections((c) => c.guest === true && (c.meetingId === meetingId || c.meetingId === null)),
      )
    })
    events.on('networkChanged', () => {
      this.#changes++
      void this.#recheck(this.#connections((c) => c.guest === true))
    })
    events.on('credentialRevoked', ({ tokenHash }) => {
      this.#changes++
      this.#remember(tokenHash)
      for (const connection of this.#connections((c) => c.credentialHash === tokenHash)) close(connection)
    })
  }

  /** Stamps the socket before it authenticates, to tell later whether a change came meanwhile. */
  async onConnect(): Promise<Partial<CollabContext>> {
    return { accessChangesSeen: this.#changes }
  }

  /** A change between authentication and now missed this connection (it was not live yet). */
  async connected({ connection, context }: connectedPayload<CollabContext>): Promise<void> {
    const seen = context.accessChangesSeen
    if (seen === undefined || seen === this.#changes) return
    const revoked =
      context.credentialHash === undefined ? undefined : this.#revoked.get(context.credentialHash)
    if (revoked !== undefined && revoked.change > seen) return close(connection)
    await this.#recheck([connection])
  }

  /** Resolves each connection's access again and closes those it no longer matches. */
  async #recheck(connections: readonly Connection[]): Promise<void> {
    await Promise.all(
      connections.map(async (connection) => {
        const context = connection.context as CollabContext
        if (context.userId === undefined) return
        const access = await this.#access.resolve(context.userId, connection.document.name).catch(
          // Failing closed costs a reconnection; failing open would keep a removed person in.
          () => null,
        )
        if (!same(access, context)) close(connection)
      }),
    )
  }

  #connections(affected: (context: CollabContext) => boolean): Connection[] {
    const found: Connection[] = []
    for (const document of this.#hocuspocus().documents.values()) {
      for (const connection of document.getConnections()) {
        if (affected(connection.context as CollabContext)) found.push(connection)
      }
    }
    return found
  }

  #remember(tokenHash: string): void {
    const now = this.#now()
    for (const [hash, { at }] of this.#revoked) {
      if (at > now - REVOKED_MEMORY_MS) break
      this.#revoked.delete(hash)
    }
    this.#revoked.set(tokenHash, { change: this.#changes, at: now })
  }
}

function close(connection: Connection): void {
  connection.webSocket.close(CloseCode.accessChanged, 'access changed')
}

function same(access: DocumentAccess | null, context: CollabContext): boolean {
  return (
    access !== null &&
    access.communityId === context.communityId &&
    access.role === context.role &&
    access.guest === context.guest &&
    access.readOnly === context.readOnly
  )
}

import { CloseCode } from '@confer/model'
import type { Extension, Hocuspocus } from '@hocuspocus/server'
import type { DomainEvents } from '../../services/domain-events.ts'
import type { CollabContext } from '../context.ts'

/**
 * Closes live sockets whose access just changed (role lowered, member removed, guest access
 * withdrawn, session or token revoked). The provider reconnects by itself and is then
 * authenticated again against the new access: refused, or read-only.
 */
export class AccessRevocation implements Extension {
  readonly extensionName = 'confer-access-revocation'

  readonly #hocuspocus: () => Hocuspocus

  constructor(events: DomainEvents, hocuspocus: () => Hocuspocus) {
    this.#hocuspocus = hocuspocus
    events.on('membershipChanged', ({ communityId, userId }) =>
      this.#close((c) => c.userId === userId && c.communityId === communityId),
    )
    events.on('meetingAccessChanged', ({ meetingId }) =>
      this.#close((c) => c.guest === true && c.meetingId === meetingId),
    )
    events.on('credentialRevoked', ({ tokenHash }) => this.#close((c) => c.credentialHash === tokenHash))
  }

  #close(affected: (context: CollabContext) => boolean): void {
    for (const document of this.#hocuspocus().documents.values()) {
      for (const connection of document.getConnections()) {
        if (affected(connection.context as CollabContext)) {
          connection.webSocket.close(CloseCode.accessChanged, 'access changed')
        }
      }
    }
  }
}

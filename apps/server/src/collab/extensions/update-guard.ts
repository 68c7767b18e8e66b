import type { Limits } from '@confer/model'
import type { beforeSyncPayload, Extension } from '@hocuspocus/server'
import { messageYjsSyncStep1 } from 'y-protocols/sync'
import { DocumentQuota } from '../document-quota.ts'
import { checkUpdate, type UpdateLimits, type UpdateRefusal, UpdateRefusals } from '../update-limits.ts'

/** Thrown from the hook so Hocuspocus drops the message (and the socket's queue) unapplied. */
class UpdateRefused extends Error {
  readonly code: number
  readonly reason: string

  constructor({ code, reason }: UpdateRefusal) {
    super(reason)
    this.code = code
    this.reason = reason
  }
}

const DONE = Promise.resolve()

/**
 * Every update a client sends (SyncStep2 and Update messages alike) is checked before it is
 * applied (SPEC H1): its size, its entries, the depth it would nest types to, and the size it
 * would leave the document at. One over a limit closes the whole socket with 4413 or 4422 and
 * a reason naming the limit; the hook then throws, so Hocuspocus applies nothing of the message,
 * acknowledges nothing and broadcasts nothing, and drops what the socket had queued behind it.
 *
 * `beforeSync` rather than `beforeHandleMessage`: it runs for sync messages only, with the
 * update already cut out of the message, and its payload costs no parse of the request URL.
 */
export class UpdateGuard implements Extension {
  readonly extensionName = 'confer-update-guard'
  // Before any other extension sees a sync message.
  readonly priority = 1_000

  readonly #limits: UpdateLimits
  readonly #quota: DocumentQuota

  constructor(limits: Limits) {
    this.#limits = limits
    this.#quota = new DocumentQuota(limits.documentBytes)
  }

  // Not async: the common case (a keystroke) should not cost another promise.
  beforeSync({ connection, document, type, payload }: beforeSyncPayload): Promise<void> {
    // A read-only connection's updates are never applied; a SyncStep1 carries none.
    if (type === messageYjsSyncStep1 || connection.readOnly) return DONE
    let refusal = checkUpdate(payload, document, this.#limits)
    if (!refusal && this.#quota.wouldExceed(document, payload.length)) refusal = UpdateRefusals.documentFull
    if (!refusal) return DONE
    connection.webSocket.close(refusal.code, refusal.reason)
    throw new UpdateRefused(refusal)
  }
}

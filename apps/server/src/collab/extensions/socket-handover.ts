import type { connectedPayload, Extension } from '@hocuspocus/server'
import type { BudgetedContext } from '../socket-limits/socket-budget.ts'

/**
 * Tells a socket's budget (collab/socket-limits) that a document connection of it is set up,
 * which hands over what waited for it, and for which account, which counts the socket against
 * that account's sockets and its rate.
 *
 * First of all extensions: Hocuspocus routes the socket's frames to the new connection before it
 * runs the `connected` hooks, one after another, highest priority first. Run after a hook that
 * awaits (Attendance writes to the database), the budget would count what the socket sends
 * meanwhile as waiting for authentication, and close a client that comes back with more than
 * PREAUTH_MAX_BYTES of offline edits with 4413; and it would never run if such a hook threw.
 * The first hook runs in the same turn as the routing, so no frame comes in between.
 */
export class SocketHandover implements Extension {
  readonly extensionName = 'confer-socket-handover'
  /** Above every other extension's (the highest is 1000). */
  readonly priority = 10_000

  async connected({ context, connection }: connectedPayload<BudgetedContext>): Promise<void> {
    const budget = context.socketBudget
    if (!budget) return
    budget.connected(connection)
    if (context.userId) budget.claimUser(context.userId)
  }
}

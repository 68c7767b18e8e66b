import type { connectedPayload, Extension, onAuthenticatePayload } from '@hocuspocus/server'
import type { BudgetedContext } from '../socket-limits/socket-budget.ts'

/**
 * Tells a socket's budget (collab/socket-limits) what authentication decided: that a document
 * was granted, which ends the socket's time before authentication; that its connection is set
 * up, which hands over what waited for it; and for which account, which counts the socket
 * against that account's sockets and its rate. Connections the server opens itself carry no
 * budget.
 */
export class SocketLimits implements Extension {
  readonly extensionName = 'confer-socket-limits'
  /**
   * Last: its onAuthenticate runs only when every extension before it let the document through.
   * The account is only known at `connected`: an onAuthenticate hook sees the context as it was
   * before the Authentication extension added the user to it.
   */
  readonly priority = 1

  async onAuthenticate({ context }: onAuthenticatePayload<BudgetedContext>): Promise<void> {
    context.socketBudget?.authenticated()
  }

  async connected({ context, connection }: connectedPayload<BudgetedContext>): Promise<void> {
    const budget = context.socketBudget
    if (!budget) return
    budget.connected(connection)
    if (context.userId) budget.claimUser(context.userId)
  }
}

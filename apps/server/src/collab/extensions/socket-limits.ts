import type { Extension, onAuthenticatePayload } from '@hocuspocus/server'
import type { BudgetedContext } from '../socket-limits/socket-budget.ts'

/**
 * Tells a socket's budget (collab/socket-limits) that authentication granted a document, which
 * ends the socket's time before authentication. What follows, the connection set up and for
 * which account, SocketHandover tells it. Connections the server opens itself carry no budget.
 */
export class SocketLimits implements Extension {
  readonly extensionName = 'confer-socket-limits'
  /** Last: its onAuthenticate runs only when every extension before it let the document through. */
  readonly priority = 1

  async onAuthenticate({ context }: onAuthenticatePayload<BudgetedContext>): Promise<void> {
    context.socketBudget?.authenticated()
  }
}

import type { BrowserContext, Page, WebSocketRoute } from '@playwright/test'

type ServerSide = ReturnType<WebSocketRoute['connectToServer']>

/**
 * A switchable collaboration connection for a page or a whole browser profile. `context.setOffline` leaves open sockets
 * open, so a real drop is simulated here: every /collab socket goes through a route that can
 * close both of its ends and refuse new sockets until the link is restored.
 */
export class CollabLink {
  private down = false
  private readonly open = new Map<WebSocketRoute, ServerSide>()

  /** For one page, or for every tab of a browser profile when given its context. */
  static async install(target: Page | BrowserContext): Promise<CollabLink> {
    const link = new CollabLink()
    await target.routeWebSocket(/\/collab/, (ws) => link.handle(ws))
    return link
  }

  private handle(ws: WebSocketRoute): void {
    if (this.down) {
      // Never reaches the server: the page sees its connection fail at once.
      void ws.close()
      return
    }
    this.open.set(ws, ws.connectToServer())
  }

  /** Cuts every open socket, page side and server side, and refuses reconnects. */
  async drop(): Promise<void> {
    this.down = true
    const sockets = [...this.open]
    this.open.clear()
    await Promise.all(sockets.flatMap(([page, server]) => [page.close(), server.close()]))
  }

  /** Lets the provider's own retries through again. */
  restore(): void {
    this.down = false
  }
}

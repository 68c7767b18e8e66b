import type { WebSocket, WebSocketServer } from 'ws'

export interface SocketHeartbeat {
  /** Starts counting the socket's silence from now. */
  watch(socket: WebSocket): void
  stop(): void
}

/**
 * Drops sockets that have gone silent: a peer whose link was cut without a FIN or RST (a laptop
 * lid closed, a Wi-Fi hand-over, a NAT that forgot the flow) leaves a half-open socket that
 * never errors, and its presence would linger for the others. A socket quiet for half of
 * `idleTimeoutMs` is pinged; a peer that is there answers with a pong at the protocol level
 * (browsers do it themselves, even in a throttled background tab, so this does not rely on the
 * provider's 15 s awareness renewal). One that sends nothing, pong included, for `idleTimeoutMs`
 * is terminated, at most a quarter of `idleTimeoutMs` later; its close then removes its presence
 * for everyone. One timer for all sockets: a busy socket costs nothing but a timestamp.
 */
export function startSocketHeartbeat(sockets: WebSocketServer, idleTimeoutMs: number): SocketHeartbeat {
  const lastHeard = new WeakMap<WebSocket, number>()
  // One listener for every socket: EventEmitter calls it with the socket as `this`.
  function heard(this: WebSocket): void {
    lastHeard.set(this, Date.now())
  }
  const timer = setInterval(
    () => {
      const now = Date.now()
      for (const socket of sockets.clients) {
        const at = lastHeard.get(socket)
        if (at === undefined) continue
        // Closing counts too: a close frame sent to a half-open peer is never answered.
        if (now - at >= idleTimeoutMs) socket.terminate()
        else if (now - at >= idleTimeoutMs / 2 && socket.readyState === socket.OPEN) socket.ping()
      }
    },
    Math.max(Math.floor(idleTimeoutMs / 4), 10),
  )
  timer.unref()
  return {
    watch(socket) {
      lastHeard.set(socket, Date.now())
      socket.on('message', heard)
      socket.on('pong', heard)
    },
    stop() {
      clearInterval(timer)
    },
  }
}

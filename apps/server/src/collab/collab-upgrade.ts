import type { IncomingHttpHeaders, IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { CloseCode, COLLAB_PATH } from '@confer/model'
import type { Hocuspocus } from '@hocuspocus/server'
import type { FastifyBaseLogger } from 'fastify'
import { type WebSocket, WebSocketServer } from 'ws'
import type { Config } from '../config.ts'
import { requestId } from '../http/request-id.ts'
import { upgradeProtocol } from '../http/request-protocol.ts'
import { isSecure } from '../http/session-cookie.ts'
import type { CollabContext } from './context.ts'
import { HandshakeHeaders } from './handshake-headers.ts'
import type { SendGate } from './send-gate.ts'
import { startSocketHeartbeat } from './socket-heartbeat.ts'
import { AccountRates } from './socket-limits/account-rates.ts'
import { clientAddress } from './socket-limits/client-address.ts'
import { KeyedCounter } from './socket-limits/keyed-counter.ts'
import {
  type BudgetedContext,
  type ConnectionCounts,
  closeOverLimit,
  SocketBudget,
} from './socket-limits/socket-budget.ts'

/**
 * What Hocuspocus reads of the upgrade request: its headers and its URL (for query parameters,
 * parsed again on every message). A full WHATWG Request would need an absolute URL — which
 * Hocuspocus then re-parses with `new URL` per message — plus a body and an AbortSignal per
 * connection; the path alone is split instead.
 */
function upgradeRequest(url: string, headers: IncomingHttpHeaders): Request {
  const request: Pick<Request, 'url' | 'headers'> = { url, headers: new HandshakeHeaders(headers) }
  return request as Request
}

/** Answers a handshake that is not for us, and closes its socket. */
function refuseUpgrade(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
}

export interface CollabUpgrade {
  /** Closes every socket with "server restarting", so providers reconnect at once, and stops taking handshakes. */
  close(): void
  /** Open sockets, for the metrics. */
  connections(): number
}

/**
 * The WebSocket door to Hocuspocus, on the HTTP server's `upgrade` event rather than a Fastify
 * route: a socket lives for the whole meeting, and a route would keep the handshake's Fastify
 * request and reply (and Node's request, response and header copies) reachable from it all that
 * time: bench S3 (800 sockets) measured 3 MiB more RSS that way. Only the headers the hooks
 * read are kept (HandshakeHeaders).
 * Listeners are attached synchronously because the provider sends its first frames immediately;
 * handleClose is always called so documents unload.
 */
export function attachCollabUpgrade(
  server: Server,
  hocuspocus: Hocuspocus,
  gate: SendGate,
  config: Config,
  log: FastifyBaseLogger,
): CollabUpgrade {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: config.maxMessageBytes })
  const heartbeat = startSocketHeartbeat(sockets, config.socketIdleTimeoutMs)
  const { limits } = config
  const counts: ConnectionCounts = {
    addresses: new KeyedCounter(limits.connectionsPerAddress),
    users: new KeyedCounter(limits.connectionsPerUser),
    rates: new AccountRates(limits.messagesPerSecond, limits.messageBurst),
  }

  const connect = (
    socket: WebSocket,
    request: Request,
    context: BudgetedContext,
    address: string,
    socketLog: FastifyBaseLogger,
  ) => {
    const budget = new SocketBudget(socket, address, limits, counts, socketLog)
    context.socketBudget = budget
    const connection = hocuspocus.handleConnection(
      gate.wrap(socket, () => budget.slowReader()),
      request,
      context,
    )
    heartbeat.watch(socket)
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      // Counted and its head checked before Hocuspocus decodes it; nothing more is handled once
      // the budget closed the socket.
      if (!budget.admit(data, isBinary)) return
      try {
        connection.handleMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
      } catch (error) {
        socketLog.warn({ err: error }, 'undecodable collaboration frame')
        socket.close(CloseCode.malformedMessage, 'malformed message')
      }
    })
    socket.on('close', (code: number, reason: Buffer) => {
      budget.release()
      connection.handleClose(budget.closedWith ?? { code, reason: reason.toString() })
    })
    socket.on('error', (error) => socketLog.warn({ err: error }, 'collaboration socket error'))
  }

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = req.url ?? '/'
    const queryAt = url.indexOf('?')
    if ((queryAt === -1 ? url : url.slice(0, queryAt)) !== COLLAB_PATH) {
      // A client that resets before reading the refusal must not crash the process.
      socket.on('error', () => socket.destroy())
      refuseUpgrade(socket, '404 Not Found')
      return
    }
    const request = upgradeRequest(url, req.headers)
    const context: CollabContext = { secure: isSecure(upgradeProtocol(req, config.trustProxy), config) }
    const address = clientAddress(req, config.trustProxy)
    // Every line about this socket names it, as a request's lines name the request.
    const socketLog = log.child({ socketId: requestId(req.headers, config.trustProxy) })
    // ws answers a bad handshake itself (400) and guards the socket against errors meanwhile.
    sockets.handleUpgrade(req, socket, head, (ws) => {
      if (counts.addresses.claim(address)) {
        connect(ws, request, context, address, socketLog)
        return
      }
      // Accepted only to be told why, in a close code the provider reports; never handed to Hocuspocus.
      ws.on('error', () => {})
      socketLog.warn(
        { address, code: CloseCode.tooManyConnections },
        'refused a socket: too many from this address',
      )
      closeOverLimit(ws, CloseCode.tooManyConnections, 'too many connections from this address')
    })
  }
  server.on('upgrade', onUpgrade)

  return {
    close() {
      server.off('upgrade', onUpgrade)
      heartbeat.stop()
      for (const client of sockets.clients) client.close(CloseCode.serverRestart, 'server restarting')
      sockets.close()
    },
    connections: () => sockets.clients.size,
  }
}

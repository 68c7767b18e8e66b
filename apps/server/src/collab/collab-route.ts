import type { IncomingHttpHeaders } from 'node:http'
import { CloseCode, COLLAB_PATH } from '@confer/model'
import type { Hocuspocus } from '@hocuspocus/server'
import type { FastifyInstance } from 'fastify'
import type { Config } from '../config.ts'
import { isSecure } from '../http/session-cookie.ts'
import type { CollabContext } from './context.ts'
import type { SendGate } from './send-gate.ts'

/** Copies Node's header object into a WHATWG Headers, keeping repeated headers. */
function toHeaders(source: IncomingHttpHeaders): Headers {
  const headers = new Headers()
  for (const [key, value] of Object.entries(source)) {
    if (Array.isArray(value)) for (const v of value) headers.append(key, v)
    else if (value !== undefined) headers.set(key, value)
  }
  return headers
}

/**
 * What Hocuspocus reads of the upgrade request: its headers and its URL (for query parameters,
 * parsed again on every message). A full WHATWG Request would need an absolute URL — which
 * Hocuspocus then re-parses with `new URL` per message — plus a body and an AbortSignal per
 * connection; the path alone is split instead.
 */
function upgradeRequest(url: string, headers: IncomingHttpHeaders): Request {
  const request: Pick<Request, 'url' | 'headers'> = { url, headers: toHeaders(headers) }
  return request as Request
}

/**
 * The WebSocket door to Hocuspocus. Listeners are attached synchronously because the provider
 * sends its first frames immediately; handleClose is always called so documents unload.
 */
export function registerCollabRoute(
  app: FastifyInstance,
  hocuspocus: Hocuspocus,
  gate: SendGate,
  config: Config,
): void {
  app.get(COLLAB_PATH, { websocket: true }, (socket, req) => {
    const request = upgradeRequest(req.url, req.headers)
    const context: CollabContext = { secure: isSecure(req, config) }
    const connection = hocuspocus.handleConnection(gate.wrap(socket), request, context)

    socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary) {
        socket.close(CloseCode.malformedMessage, 'binary frames only')
        return
      }
      try {
        connection.handleMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
      } catch (error) {
        req.log.warn({ err: error }, 'undecodable collaboration frame')
        socket.close(CloseCode.malformedMessage, 'malformed message')
      }
    })
    socket.on('close', (code: number, reason: Buffer) => {
      connection.handleClose({ code, reason: reason.toString() })
    })
    socket.on('error', (error) => req.log.warn({ err: error }, 'collaboration socket error'))
  })
}

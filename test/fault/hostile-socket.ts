import { CloseCode } from '@confer/model'
import * as decoding from 'lib0/decoding'
import WebSocket from 'ws'
import { authFrame, MessageType, openRawSocket } from '../../apps/server/test/raw-socket.ts'

/** Close codes a client may be sent (packages/model CloseCode, and 1009 for MAX_MESSAGE_BYTES). */
export const DOCUMENTED_CLOSE_CODES: ReadonlySet<number> = new Set([...Object.values(CloseCode), 1009])

export type Outcome =
  | { kind: 'answered'; frame: Uint8Array }
  | { kind: 'closed'; code: number; reason: string }
  /** The server dropped this socket from the document with a Close message, and kept the socket open. */
  | { kind: 'closed in band'; reason: string }
  | { kind: 'silent' }

/** What a `WebSocket` without the protocol sees: the frames it is sent and how it was closed. */
export class HostileSocket {
  readonly socket: WebSocket
  closed: { code: number; reason: string } | null = null

  private constructor(socket: WebSocket) {
    this.socket = socket
    socket.on('close', (code: number, reason: Buffer) => {
      this.closed = { code, reason: reason.toString() }
    })
    // A reset is a close too; the error itself says nothing more.
    socket.on('error', () => {})
  }

  static async open(wsUrl: string): Promise<HostileSocket> {
    return new HostileSocket(await openRawSocket(wsUrl))
  }

  send(data: Uint8Array | string): void {
    if (this.socket.readyState === WebSocket.OPEN)
      this.socket.send(data, { binary: typeof data !== 'string' })
  }

  authenticate(documentName: string, token: string): Promise<Outcome> {
    const outcome = this.next(documentName, MessageType.Auth)
    this.send(authFrame(documentName, token))
    return outcome
  }

  /**
   * The first frame about `documentName` of `type`, or how the socket closed, whichever comes
   * first (a Close message for that document included); `silent` when none comes within
   * `timeoutMs`: the server stopped serving the socket without saying so.
   */
  next(documentName: string, type: number, timeoutMs = 5_000): Promise<Outcome> {
    return new Promise((resolve) => {
      const finish = (outcome: Outcome) => {
        clearTimeout(timer)
        this.socket.off('message', onMessage)
        this.socket.off('close', onClose)
        resolve(outcome)
      }
      const onMessage = (data: Buffer) => {
        const decoder = decoding.createDecoder(new Uint8Array(data))
        if (decoding.readVarString(decoder) !== documentName) return
        const got = decoding.readVarUint(decoder)
        if (got === type) finish({ kind: 'answered', frame: new Uint8Array(data) })
        else if (got === MessageType.Close)
          finish({ kind: 'closed in band', reason: decoding.readVarString(decoder) })
      }
      const onClose = (code: number, reason: Buffer) =>
        finish({ kind: 'closed', code, reason: reason.toString() })
      const timer = setTimeout(() => finish({ kind: 'silent' }), timeoutMs)
      if (this.closed) return finish({ kind: 'closed', ...this.closed })
      this.socket.on('message', onMessage)
      this.socket.on('close', onClose)
    })
  }

  terminate(): void {
    this.socket.terminate()
  }
}

/** Whether a SyncStatus frame says the update was applied. */
export function applied(outcome: Outcome): boolean {
  if (outcome.kind !== 'answered') return false
  const decoder = decoding.createDecoder(outcome.frame)
  decoding.readVarString(decoder)
  decoding.readVarUint(decoder)
  return decoding.readVarInt(decoder) === 1
}

import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'

export interface Closed {
  code: number
  reason: string
}

/** A bare WebSocket to /collab that speaks no protocol unless told to. */
export async function openRawSocket(wsUrl: string): Promise<WebSocket> {
  const socket = new WebSocket(wsUrl)
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    socket.once('error', reject)
  })
  return socket
}

export function whenClosed(socket: WebSocket): Promise<Closed> {
  return new Promise((resolve) => {
    socket.once('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString() }))
  })
}

/** A Hocuspocus frame: the document name, then the message type, then `write`'s payload. */
export function frame(documentName: string, type: number, write: (e: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarString(encoder, documentName)
  encoding.writeVarUint(encoder, type)
  write(encoder)
  return encoding.toUint8Array(encoder)
}

/** Hocuspocus message types (see @hocuspocus/common): only the ones these tests send. */
export const MessageType = { Sync: 0, Auth: 2, Close: 7, SyncStatus: 8 } as const

/** Resolves with the first frame the server sends about `documentName` of the given type. */
export function nextFrameOfType(socket: WebSocket, documentName: string, type: number): Promise<Uint8Array> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data))
      if (decoding.readVarString(decoder) !== documentName) return
      if (decoding.readVarUint(decoder) !== type) return
      socket.off('message', onMessage)
      resolve(new Uint8Array(data))
    }
    socket.on('message', onMessage)
  })
}

/** An authentication frame with an empty token, as an anonymous provider sends it. */
export function authFrame(documentName: string): Uint8Array {
  return frame(documentName, MessageType.Auth, (e) => {
    encoding.writeVarUint(e, 0)
    encoding.writeVarString(e, '')
  })
}

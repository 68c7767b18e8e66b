import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'

export interface Closed {
  code: number
  reason: string
}

/** A bare WebSocket to /collab that speaks no protocol unless told to. */
export async function openRawSocket(wsUrl: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  const socket = new WebSocket(wsUrl, { headers })
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
export const MessageType = { Sync: 0, Awareness: 1, Auth: 2, Close: 7, SyncStatus: 8 } as const

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

/** An authentication frame, as a provider sends it first for each document. */
export function authFrame(documentName: string, token: string): Uint8Array {
  return frame(documentName, MessageType.Auth, (e) => {
    encoding.writeVarUint(e, 0)
    encoding.writeVarString(e, token)
  })
}

export type AuthOutcome = { ok: true; scope: string } | { ok: false; reason: string }

/** Sends the auth frame and resolves with the server's verdict for that document. */
export async function authenticateRaw(
  socket: WebSocket,
  documentName: string,
  token: string,
): Promise<AuthOutcome> {
  const reply = nextFrameOfType(socket, documentName, MessageType.Auth)
  socket.send(authFrame(documentName, token))
  const decoder = decoding.createDecoder(await reply)
  decoding.readVarString(decoder)
  decoding.readVarUint(decoder)
  const kind = decoding.readVarUint(decoder)
  // @hocuspocus/common AuthMessageType: 1 = PermissionDenied, 2 = Authenticated.
  if (kind === 2) return { ok: true, scope: decoding.readVarString(decoder) }
  return { ok: false, reason: decoding.readVarString(decoder) }
}

/** Sends one Yjs update on the sync channel; resolves with whether the server applied it. */
export async function sendUpdate(
  socket: WebSocket,
  documentName: string,
  update: Uint8Array,
): Promise<boolean> {
  const status = nextFrameOfType(socket, documentName, MessageType.SyncStatus)
  socket.send(
    frame(documentName, MessageType.Sync, (e) => {
      encoding.writeVarUint(e, 2)
      encoding.writeVarUint8Array(e, update)
    }),
  )
  const decoder = decoding.createDecoder(await status)
  decoding.readVarString(decoder)
  decoding.readVarUint(decoder)
  return decoding.readVarInt(decoder) === 1
}

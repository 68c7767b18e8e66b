import { CloseCode } from '@confer/model'
import type { connectedPayload, Extension } from '@hocuspocus/server'

/**
 * @hocuspocus/common's ResetConnection code: what Hocuspocus closes a document connection with
 * when handling a message threw an error that carries no code of its own (a frame cut short, a
 * garbage state vector or awareness payload, a server-only message type).
 */
const RESET_CONNECTION = 4205

/**
 * A frame that passed the socket's door but fails to decode inside Hocuspocus' message loop
 * makes Hocuspocus drop that socket from the document with an in-band Close message, in
 * band only: the socket stays open and, for the client, the document silently stops answering.
 * SPEC C2 says such a frame costs its socket, with a code the client can act on: close it 4400.
 * Errors that carry their own code (the update guard's 4413/4422) close the socket themselves.
 */
export class MalformedMessages implements Extension {
  readonly extensionName = 'confer-malformed-messages'

  async connected({ connection }: connectedPayload): Promise<void> {
    connection.onClose((_document, event) => {
      if (event?.code === RESET_CONNECTION) {
        connection.webSocket.close(CloseCode.malformedMessage, 'malformed message')
      }
    })
  }
}

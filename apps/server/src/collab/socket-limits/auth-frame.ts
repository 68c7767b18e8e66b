import * as decoding from 'lib0/decoding'

/**
 * Whether the body of an authentication frame, from `at` (just past its type), is what
 * Hocuspocus reads there: an auth message type, the token, and optionally the provider's
 * version, both UTF-8 strings. Hocuspocus reads it before any hook runs, and a frame it cannot
 * read closes the socket with its own 4205, which the documentation does not list; the door
 * closes such a frame with 4400 instead. Read with lib0's own decoder (a fatal UTF-8 decoder),
 * so that what passes here is exactly what Hocuspocus can read.
 */
export function readableAuth(message: Uint8Array, at: number): boolean {
  const decoder = decoding.createDecoder(message)
  decoder.pos = at
  try {
    decoding.readVarUint(decoder)
    decoding.readVarString(decoder)
    if (decoding.hasContent(decoder)) decoding.readVarString(decoder)
    return true
  } catch {
    return false
  }
}

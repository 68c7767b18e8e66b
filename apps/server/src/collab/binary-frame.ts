/**
 * WebSocket binary messages as a server sends them (RFC 6455 §5.2): one unmasked, uncompressed
 * frame with FIN set and opcode 2, the payload length in 7, 7+16 or 7+64 bits, then the payload.
 */

/** Beyond this, a payload is written after its header rather than copied behind it. */
export const COPY_LIMIT = 16 * 1024

const headerLength = (length: number) => (length < 126 ? 2 : length < 0x10000 ? 4 : 10)

function writeHeader(frame: Buffer, length: number): void {
  frame[0] = 0x82
  if (length < 126) {
    frame[1] = length
  } else if (length < 0x10000) {
    frame[1] = 126
    frame.writeUInt16BE(length, 2)
  } else {
    frame[1] = 127
    frame.writeBigUInt64BE(BigInt(length), 2)
  }
}

/** The header alone, for a payload written right after it. */
export function frameHeader(length: number): Buffer {
  const header = Buffer.allocUnsafe(headerLength(length))
  writeHeader(header, length)
  return header
}

/** Header and payload in one buffer. */
export function binaryFrame(payload: Uint8Array): Buffer {
  const offset = headerLength(payload.byteLength)
  const frame = Buffer.allocUnsafe(offset + payload.byteLength)
  writeHeader(frame, payload.byteLength)
  frame.set(payload, offset)
  return frame
}

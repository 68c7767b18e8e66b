import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { type Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { StagedFile } from '../../stores/resource-store.ts'
import { ServiceError } from '../service-error.ts'

/** Bytes kept from the start of an upload for the checks that look at how it begins. */
export const HEAD_BYTES = 4096

export interface StagedUpload extends StagedFile {
  /** The first HEAD_BYTES bytes. */
  head: Buffer
  /** Valid UTF-8 from end to end, with no NUL: the only way plain text (which has no magic) is told apart. */
  utf8: boolean
}

export const tooLarge = (maxBytes: number): ServiceError =>
  new ServiceError(
    413,
    'too_large',
    `The file is larger than ${Math.floor(maxBytes / (1024 * 1024)) || maxBytes} ${maxBytes >= 1024 * 1024 ? 'MB' : 'bytes'}, the most this server accepts.`,
  )

/**
 * Writes an upload to a new file in `dir` as it arrives, never holding more than a chunk: hashed
 * (SHA-256), counted (more than `maxBytes` fails with 413 and leaves nothing), checked as UTF-8
 * on the way, and flushed to disk before it resolves. The name is ours, never the client's.
 */
export async function stageUpload(source: Readable, dir: string, maxBytes: number): Promise<StagedUpload> {
  const file = path.join(dir, `${randomUUID()}.upload`)
  const hash = createHash('sha256')
  const head: Buffer[] = []
  let headLength = 0
  let size = 0
  let utf8 = true
  const decoder = new TextDecoder('utf-8', { fatal: true })
  const check = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length
      if (size > maxBytes) {
        done(tooLarge(maxBytes))
        return
      }
      hash.update(chunk)
      if (headLength < HEAD_BYTES) {
        const part = chunk.subarray(0, HEAD_BYTES - headLength)
        head.push(part)
        headLength += part.length
      }
      if (utf8) {
        try {
          if (chunk.includes(0)) utf8 = false
          else decoder.decode(chunk, { stream: true })
        } catch {
          utf8 = false
        }
      }
      done(null, chunk)
    },
    flush(done) {
      if (utf8) {
        try {
          decoder.decode()
        } catch {
          utf8 = false
        }
      }
      done()
    },
  })
  try {
    await pipeline(source, check, fs.createWriteStream(file, { flags: 'wx' }))
    // A 201 promises the bytes: they reach the disk before the record that refers to them.
    const handle = await fs.promises.open(file, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch (error) {
    await fs.promises.rm(file, { force: true })
    throw error
  }
  return { path: file, contentHash: hash.digest('hex'), size, head: Buffer.concat(head), utf8 }
}

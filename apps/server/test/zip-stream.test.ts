import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { type ArchiveEntry, safeFileName, zipStream } from '../src/services/exports/zip-stream.ts'

const MB = 1024 * 1024

/** Entries of incompressible bytes, counting how many were asked for and whether they were stopped. */
function entries(count: number) {
  const seen = { pulled: 0, stopped: false }
  async function* generate(): AsyncGenerator<ArchiveEntry> {
    try {
      for (let i = 0; i < count; i++) {
        seen.pulled++
        yield { path: `file-${i}.bin`, content: async () => randomBytes(MB) }
      }
    } finally {
      seen.stopped = true
    }
  }
  return { seen, stream: zipStream(generate(), new Date(Date.UTC(2030, 0, 1))) }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

describe('[X6] the archive is made as it is read', () => {
  it('asks for files only as the reader takes them, and stops asking when the reader goes', async () => {
    const { seen, stream } = entries(64)
    await once(stream, 'readable')
    // 64 MB are on offer; a reader that took nothing yet has cost a few files at most.
    expect(seen.pulled).toBeLessThan(8)
    stream.destroy()
    await once(stream, 'close')
    await new Promise((resolve) => setImmediate(resolve))
    expect(seen.stopped).toBe(true)
    expect(seen.pulled).toBeLessThan(8)
  })

  it('gives a whole zip when read to the end', async () => {
    const { seen, stream } = entries(5)
    const files = unzipSync(await readAll(stream))
    expect(Object.keys(files)).toEqual(['file-0.bin', 'file-1.bin', 'file-2.bin', 'file-3.bin', 'file-4.bin'])
    expect(files['file-4.bin']?.length).toBe(MB)
    expect(seen).toEqual({ pulled: 5, stopped: true })
  })

  it('ends in an error, never a zip that looks whole, when a file fails', async () => {
    async function* failing(): AsyncGenerator<ArchiveEntry> {
      yield { path: 'ok.md', content: async () => 'fine' }
      yield {
        path: 'broken.md',
        content: async () => {
          throw new Error('the store went away')
        },
      }
    }
    await expect(readAll(zipStream(failing(), new Date()))).rejects.toThrow('the store went away')
  })

  it('names files from titles without separators, reserved characters or leading dots', () => {
    expect(safeFileName('../../etc/passwd', 'x')).toBe('etc passwd')
    expect(safeFileName('Week 3/4: fractions', 'x')).toBe('Week 3 4 fractions')
    expect(safeFileName('a\\b:c*d?e"f<g>h|i', 'x')).toBe('a b c d e f g h i')
    expect(safeFileName('  ...  ', 'Meeting')).toBe('Meeting')
    expect(safeFileName('Réunion\u202Efdp.exe', 'x')).toBe('Réunion fdp.exe')
    expect(safeFileName('x'.repeat(300), 'x')).toHaveLength(80)
  })
})

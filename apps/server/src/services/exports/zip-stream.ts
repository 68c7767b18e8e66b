import { Readable } from 'node:stream'
import { strToU8, Zip, ZipDeflate, ZipPassThrough } from 'fflate'

/** One file of an archive, read only when its turn comes. */
export interface ArchiveEntry {
  /** Its path in the archive, `/`-separated, already safe (see archivePath). */
  path: string
  /** Text or bytes, or the chunks of a larger file (an uploaded resource). */
  content: () => Promise<string | Uint8Array> | AsyncIterable<Uint8Array>
  /** Already compressed (images, PDF, office files): stored as it is. */
  stored?: boolean
}

const isAsyncIterable = (value: unknown): value is AsyncIterable<Uint8Array> =>
  typeof value === 'object' && value !== null && Symbol.asyncIterator in value

/**
 * A zip of the entries as a byte stream, made as it is read: an entry is fetched and compressed
 * only while the reader keeps up (the stream's buffer is below its mark), so a community's whole
 * archive is never held in memory. A reader that goes away stops the entries (their generator
 * is returned). An entry that fails destroys the stream: the download ends short, never as a
 * zip that looks whole.
 */
export function zipStream(entries: AsyncIterable<ArchiveEntry>, mtime: Date): Readable {
  let started = false
  let aborted = false
  let backedUp = false
  let resume: (() => void) | null = null

  const stream = new Readable({
    read() {
      backedUp = false
      resume?.()
      resume = null
      if (!started) {
        started = true
        void run()
      }
    },
    destroy(error, callback) {
      aborted = true
      resume?.()
      resume = null
      callback(error)
    },
  })
  const zip = new Zip((error, chunk, final) => {
    if (error) {
      stream.destroy(error)
      return
    }
    if (aborted) return
    if (!stream.push(chunk)) backedUp = true
    if (final) stream.push(null)
  })
  /** Resolves once the reader wants more (at once when it does already). */
  const demand = () =>
    backedUp && !aborted
      ? new Promise<void>((resolve) => {
          resume = resolve
        })
      : Promise.resolve()

  async function run(): Promise<void> {
    try {
      for await (const entry of entries) {
        if (aborted) return
        const file = entry.stored ? new ZipPassThrough(entry.path) : new ZipDeflate(entry.path, { level: 6 })
        file.mtime = mtime
        zip.add(file)
        const content = entry.content()
        if (isAsyncIterable(content)) {
          for await (const chunk of content) {
            file.push(chunk)
            await demand()
            if (aborted) return
          }
          file.push(new Uint8Array(0), true)
        } else {
          const data = await content
          if (aborted) return
          file.push(typeof data === 'string' ? strToU8(data) : data, true)
        }
        await demand()
      }
      if (!aborted) zip.end()
    } catch (error) {
      stream.destroy(error instanceof Error ? error : new Error(String(error)))
    }
  }
  return stream
}

/** Characters no file name in an archive may hold on any system people unzip on. */
const UNSAFE_IN_FILE_NAMES = /[\p{Cc}\u202A-\u202E\u2066-\u2069/\\:*?"<>|]/gu

/**
 * A file name made from something a person typed (a meeting's title): no separators, controls,
 * reserved characters or leading dots, so it cannot leave its folder or hide; at most 80
 * characters; `fallback` when nothing is left.
 */
export function safeFileName(text: string, fallback: string): string {
  const name = text
    .replace(UNSAFE_IN_FILE_NAMES, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '')
    .slice(0, 80)
    .trim()
  return name || fallback
}

/** Gives each path once: a second `a.md` in a folder becomes `a (2).md`. */
export class UniquePaths {
  readonly #taken = new Set<string>()

  take(folder: string, stem: string, extension: string): string {
    for (let n = 1; ; n++) {
      const path = `${folder}${stem}${n === 1 ? '' : ` (${n})`}${extension}`
      const key = path.toLowerCase()
      if (!this.#taken.has(key)) {
        this.#taken.add(key)
        return path
      }
    }
  }
}

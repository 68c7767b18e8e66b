import fs from 'node:fs'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { CONTENT_HASH } from '../resource-store.ts'

/**
 * Files kept by content hash under one directory (DATA_DIR/resources), beside the SQLite file
 * so a backup of DATA_DIR holds both: `ab/abcdef…` for the hash `abcdef…`. A file arrives whole
 * in `.staging` (same file system) and is renamed into place, so no reader ever sees half of one;
 * names come from hashes only, never from what a client sent.
 *
 * Every method is synchronous on purpose: the SQLite store calls them in the same event-loop
 * turn as the row that refers to the file, so no other upload or delete runs in between.
 */
export class FileBlobs {
  readonly root: string
  readonly stagingDir: string

  constructor(root: string) {
    this.root = root
    this.stagingDir = path.join(root, '.staging')
    fs.mkdirSync(this.stagingDir, { recursive: true })
    // What a crash left mid-upload: no record refers to it.
    for (const name of fs.readdirSync(this.stagingDir))
      fs.rmSync(path.join(this.stagingDir, name), { force: true })
  }

  #path(hash: string): string {
    if (!CONTENT_HASH.test(hash)) throw new Error('not a content hash')
    return path.join(this.root, hash.slice(0, 2), hash)
  }

  /** Moves a staged file into place under its hash; when those bytes are kept already, drops it. */
  keep(hash: string, stagedPath: string): void {
    const target = this.#path(hash)
    if (path.dirname(stagedPath) !== this.stagingDir)
      throw new Error('a staged file must be in the staging directory')
    if (fs.existsSync(target)) {
      fs.rmSync(stagedPath, { force: true })
      return
    }
    const dir = path.dirname(target)
    fs.mkdirSync(dir, { recursive: true })
    fs.renameSync(stagedPath, target)
    // The rename itself survives a power cut only once its directory is flushed.
    syncDirectory(dir)
  }

  remove(hash: string): void {
    fs.rmSync(this.#path(hash), { force: true })
  }

  has(hash: string): boolean {
    return fs.existsSync(this.#path(hash))
  }

  open(hash: string): Readable | null {
    const file = this.#path(hash)
    try {
      // Opened now, so a remove that follows cannot take the bytes from under this reader.
      const fd = fs.openSync(file, 'r')
      return fs.createReadStream(file, { fd, highWaterMark: 256 * 1024 })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
  }
}

function syncDirectory(dir: string): void {
  const fd = fs.openSync(dir, 'r')
  try {
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}

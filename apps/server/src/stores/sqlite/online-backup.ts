import fs from 'node:fs'
import path from 'node:path'
import { backup, DatabaseSync } from 'node:sqlite'
import { DATABASE_FILE } from './database.ts'

export interface BackupResult {
  /** The backup file written. */
  file: string
  /** Database pages copied. */
  pages: number
}

/**
 * Pages per backup step: all of them. SQLite restarts a stepwise backup whenever another
 * connection writes between two steps, which a busy server would do forever; one step reads
 * one consistent view (WAL readers do not block the writer).
 */
const ALL_PAGES = 0x7fff_ffff

/**
 * Copies the embedded database of `dataDir` to `destination` with SQLite's online backup API,
 * which reads a consistent state while the server keeps writing: the backup holds every commit
 * made before it finished, the write-ahead log's included (copying the file itself would not).
 * The source is opened read-only; an existing `destination` is refused, never overwritten.
 */
export async function backupSqlite(dataDir: string, destination: string): Promise<BackupResult> {
  const source = path.join(dataDir, DATABASE_FILE)
  if (!fs.existsSync(source)) throw new Error(`No SQLite installation at ${source}`)
  const file = path.resolve(destination)
  if (fs.existsSync(file)) throw new Error(`${file} already exists: choose a new file for each backup`)
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const db = new DatabaseSync(source, { readOnly: true })
  try {
    const pages = await backup(db, file, { rate: ALL_PAGES })
    return { file, pages }
  } catch (error) {
    fs.rmSync(file, { force: true })
    throw error
  } finally {
    db.close()
  }
}

import fs from 'node:fs'
import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { migrate } from './migrations.ts'

export const DATABASE_FILE = 'confer.sqlite'

/**
 * Opens (creating if needed) the embedded database in `dataDir`. WAL lets readers run beside the
 * writer; synchronous=NORMAL keeps every commit across a process crash (kill -9), which is the
 * failure the durability promise covers, at a fraction of FULL's fsync cost.
 */
export function openDatabase(dataDir: string): DatabaseSync {
  fs.mkdirSync(dataDir, { recursive: true })
  const db = new DatabaseSync(path.join(dataDir, DATABASE_FILE))
  db.exec('PRAGMA journal_mode = WAL')
  db.exec('PRAGMA synchronous = NORMAL')
  db.exec('PRAGMA busy_timeout = 5000')
  db.exec('PRAGMA foreign_keys = ON')
  migrate(db)
  return db
}

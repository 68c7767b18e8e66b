/**
 * `pnpm backup [file]`: an online backup of the embedded SQLite database in DATA_DIR (default
 * ./data), safe while the server runs (SQLite's backup API: one consistent state, the
 * write-ahead log's commits included). The file defaults to
 * backups/confer-<UTC date and time>.sqlite; an existing file is never overwritten. To restore,
 * stop the server and put the file in place as DATA_DIR/confer.sqlite (removing any
 * confer.sqlite-wal and -shm beside it).
 */
import path from 'node:path'
import { backupSqlite } from '../apps/server/src/stores/sqlite/online-backup.ts'

const dataDir = process.env.DATA_DIR ?? './data'
const stamp = new Date().toISOString().replace(/[:.]/g, '-')
const destination = process.argv[2] ?? path.join('backups', `confer-${stamp}.sqlite`)

try {
  const { file, pages } = await backupSqlite(dataDir, destination)
  console.log(`Backed up ${path.resolve(dataDir)} to ${file} (${pages} pages).`)
} catch (error) {
  console.error(`The backup failed: ${(error as Error).message}`)
  process.exit(1)
}

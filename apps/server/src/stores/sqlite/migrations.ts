import type { DatabaseSync } from 'node:sqlite'

/** Ordered schema steps; a database at `user_version` N has run the first N. Never edit one. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE document_snapshots (
     name TEXT PRIMARY KEY,
     state BLOB NOT NULL,
     through_seq INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE TABLE document_updates (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     name TEXT NOT NULL,
     data BLOB NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE INDEX document_updates_by_name ON document_updates (name, seq);`,
]

export function migrate(db: DatabaseSync): void {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number }
  const current = row.user_version
  if (current > MIGRATIONS.length) {
    throw new Error(`Database schema version ${current} is newer than this server (${MIGRATIONS.length})`)
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.exec('BEGIN IMMEDIATE')
    try {
      db.exec(MIGRATIONS[version] as string)
      db.exec(`PRAGMA user_version = ${version + 1}`)
      db.exec('COMMIT')
    } catch (error) {
      db.exec('ROLLBACK')
      throw error
    }
  }
}

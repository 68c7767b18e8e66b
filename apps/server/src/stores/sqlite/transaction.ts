import type { DatabaseSync } from 'node:sqlite'

/** Runs `work` in one IMMEDIATE transaction (taking the write lock up front avoids upgrade deadlocks). */
export function transaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE')
  try {
    const result = work()
    db.exec('COMMIT')
    return result
  } catch (error) {
    // SQLite has already rolled back when a COMMIT fails on a full disk (SQLITE_FULL, SQLITE_IOERR);
    // a ROLLBACK then would throw "no transaction is active" in place of the error that says why.
    if (db.isTransaction) db.exec('ROLLBACK')
    throw error
  }
}

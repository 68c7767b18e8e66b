import type { DatabaseSync } from 'node:sqlite'

/** Runs `work` in one IMMEDIATE transaction (taking the write lock up front avoids upgrade deadlocks). */
export function transaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE')
  try {
    const result = work()
    db.exec('COMMIT')
    return result
  } catch (error) {
    db.exec('ROLLBACK')
    throw error
  }
}

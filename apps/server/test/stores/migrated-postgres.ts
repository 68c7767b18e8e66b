import type { Pool } from 'pg'
import { freshDatabase } from '../../../../test/support/services/fresh.ts'
import { migrate } from '../../src/stores/postgres/migrate.ts'
import { createPool } from '../../src/stores/postgres/pool.ts'

export interface MigratedPostgres {
  pool: Pool
  /** Ends the pool and drops the database. */
  close(): Promise<void>
}

/**
 * A database of this test file's own on the run's PostgreSQL, with every migration applied:
 * call it in beforeAll and `close()` in afterAll.
 */
export async function migratedPostgres(): Promise<MigratedPostgres> {
  const db = await freshDatabase()
  const pool = createPool(db.url)
  try {
    await migrate(pool)
  } catch (error) {
    await pool.end()
    await db.drop()
    throw error
  }
  return {
    pool,
    close: async () => {
      await pool.end()
      await db.drop()
    },
  }
}

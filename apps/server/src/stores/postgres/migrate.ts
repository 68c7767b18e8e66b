import type { Pool } from 'pg'
import * as registered from './migrations/index.ts'
import { inTransaction } from './pool.ts'

/** One schema step. Once released, never edit one: add the next. */
export interface Migration {
  /** Its place in the order; the NNNN of its file name. */
  id: number
  name: string
  /** SQL, any number of statements; runs in one transaction with its record in schema_migrations. */
  up: string
}

/**
 * Taken by every migration transaction, so processes starting at once apply each step once, one
 * after the other. Confer's advisory lock keys are 0x636f6e66_NNNN ("conf" and a number).
 */
const MIGRATION_LOCK = 0x636f6e66_0001

/** Every migration this server knows, in the order it applies them. */
export const MIGRATIONS: readonly Migration[] = orderMigrations(Object.values(registered))

/** Sorted by id; throws on a malformed entry or an id used twice (a mistake in migrations/index.ts). */
export function orderMigrations(list: readonly Migration[]): Migration[] {
  const seen = new Set<number>()
  for (const m of list) {
    if (!Number.isInteger(m.id) || m.id <= 0 || typeof m.name !== 'string' || typeof m.up !== 'string') {
      throw new Error(`A PostgreSQL migration is malformed (want {id, name, up}): ${JSON.stringify(m)}`)
    }
    if (seen.has(m.id)) throw new Error(`Two PostgreSQL migrations have id ${m.id}`)
    seen.add(m.id)
  }
  return [...list].sort((a, b) => a.id - b.id)
}

/**
 * Brings the database up to date: applies each migration not yet recorded in schema_migrations,
 * in id order, each in its own transaction under the migration lock, and returns those this
 * call applied. Another process running it at the same time applies none twice: it waits for
 * the lock, then finds the step recorded. A step that fails rolls back entirely and is not
 * recorded; the error says which it was.
 */
export async function migrate(
  pool: Pool,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<Migration[]> {
  const ordered = orderMigrations(migrations)
  const known = new Set(ordered.map((m) => m.id))
  const applied: Migration[] = []
  for (;;) {
    const step = await inTransaction(pool, async (client) => {
      // A migration over a large table may run for minutes, and waiting for the lock is expected.
      await client.query('SET LOCAL statement_timeout = 0')
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
      await client.query(
        `CREATE TABLE IF NOT EXISTS schema_migrations (
           id INTEGER PRIMARY KEY,
           name TEXT NOT NULL,
           applied_at BIGINT NOT NULL
         )`,
      )
      const { rows } = await client.query<{ id: number; name: string }>(
        'SELECT id, name FROM schema_migrations',
      )
      const unknown = rows.find((r) => !known.has(r.id))
      if (unknown) {
        throw new Error(
          `The PostgreSQL database has migration ${unknown.id} (${unknown.name}), which this server does not know: it was set up by a newer version`,
        )
      }
      const done = new Set(rows.map((r) => r.id))
      const next = ordered.find((m) => !done.has(m.id))
      if (!next) return null
      try {
        await client.query(next.up)
      } catch (error) {
        throw new Error(
          `PostgreSQL migration ${next.id} (${next.name}) failed: ${(error as Error).message}`,
          {
            cause: error,
          },
        )
      }
      await client.query('INSERT INTO schema_migrations (id, name, applied_at) VALUES ($1, $2, $3)', [
        next.id,
        next.name,
        Date.now(),
      ])
      return next
    })
    if (!step) return applied
    applied.push(step)
  }
}

import type { Pool } from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import { freshDatabase } from '../../../../test/support/services/fresh.ts'
import { MIGRATIONS, type Migration, migrate, orderMigrations } from '../../src/stores/postgres/migrate.ts'
import { createPool } from '../../src/stores/postgres/pool.ts'

// Each test needs an empty database of its own: migrating is what is under test.
const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function emptyDatabase(): Promise<{ open: () => Pool }> {
  const db = await freshDatabase()
  cleanups.push(() => db.drop())
  return {
    open: () => {
      const pool = createPool(db.url)
      cleanups.push(() => pool.end())
      return pool
    },
  }
}

async function recorded(pool: Pool): Promise<{ id: number; name: string; applied_at: string }[]> {
  const { rows } = await pool.query('SELECT id, name, applied_at FROM schema_migrations ORDER BY id')
  return rows
}

async function tableExists(pool: Pool, table: string): Promise<boolean> {
  const { rows } = await pool.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [table])
  return rows[0]?.t != null
}

const step = (id: number, name: string, up: string): Migration => ({ id, name, up })

describe('PostgreSQL migrations', () => {
  it('apply to an empty database in order, each recorded, and a second run changes nothing', async () => {
    const pool = (await emptyDatabase()).open()
    const applied = await migrate(pool)
    expect(applied.map((m) => m.id)).toEqual(MIGRATIONS.map((m) => m.id))
    expect(applied.map((m) => m.id)).toEqual([...applied.map((m) => m.id)].sort((a, b) => a - b))
    const rows = await recorded(pool)
    expect(rows.map(({ id, name }) => ({ id, name }))).toEqual(
      MIGRATIONS.map(({ id, name }) => ({ id, name })),
    )
    for (const table of [
      'users',
      'sessions',
      'credential_parents',
      'communities',
      'memberships',
      'invites',
    ]) {
      expect(await tableExists(pool, table)).toBe(true)
    }
    for (const table of ['networks', 'network_communities', 'network_invites']) {
      expect(await tableExists(pool, table)).toBe(true)
    }

    expect(await migrate(pool)).toEqual([])
    expect(await recorded(pool)).toEqual(rows)
  })

  it('started by two processes at once, apply each migration exactly once', async () => {
    const db = await emptyDatabase()
    const [first, second] = await Promise.all([migrate(db.open()), migrate(db.open())])
    const ids = [...first, ...second].map((m) => m.id).sort((a, b) => a - b)
    expect(ids).toEqual(MIGRATIONS.map((m) => m.id))
    expect((await recorded(db.open())).map((r) => r.id)).toEqual(ids)
  })

  it('roll a failing migration back entirely, record it not, and name it in the error', async () => {
    const pool = (await emptyDatabase()).open()
    const first = step(1, 'first', 'CREATE TABLE first (id INTEGER)')
    const broken = step(2, 'broken', 'CREATE TABLE second (id INTEGER); SELECT 1 / 0')
    await expect(migrate(pool, [first, broken])).rejects.toThrow(
      /migration 2 \(broken\) failed: division by zero/,
    )
    expect((await recorded(pool)).map((r) => r.id)).toEqual([1])
    expect(await tableExists(pool, 'first')).toBe(true)
    expect(await tableExists(pool, 'second')).toBe(false)

    const fixed = step(2, 'fixed', 'CREATE TABLE second (id INTEGER)')
    expect(await migrate(pool, [first, fixed])).toEqual([fixed])
    expect(await tableExists(pool, 'second')).toBe(true)
  })

  it('refuse a database set up by a newer server', async () => {
    const pool = (await emptyDatabase()).open()
    const first = step(1, 'first', 'CREATE TABLE first (id INTEGER)')
    await migrate(pool, [first, step(2, 'later', 'CREATE TABLE later (id INTEGER)')])
    await expect(migrate(pool, [first])).rejects.toThrow(
      /migration 2 \(later\), which this server does not know/,
    )
  })

  it('refuse a list that uses an id twice or holds a malformed entry', () => {
    expect(() => orderMigrations([step(1, 'a', ''), step(1, 'b', '')])).toThrow(/id 1/)
    expect(() => orderMigrations([step(0, 'zero', '')])).toThrow(/malformed/)
    expect(orderMigrations([step(3, 'c', ''), step(1, 'a', '')]).map((m) => m.id)).toEqual([1, 3])
  })
})

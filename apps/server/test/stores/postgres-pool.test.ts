import { Client } from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type FreshDatabase, freshDatabase } from '../../../../test/support/services/fresh.ts'
import { createPool } from '../../src/stores/postgres/pool.ts'

let db: FreshDatabase
beforeAll(async () => {
  db = await freshDatabase()
})
afterAll(() => db?.drop())

describe('PostgreSQL connection pool', () => {
  it('reports an idle connection the database ended, and carries on with a new one', async () => {
    let reported: (error: Error) => void = () => {}
    const errored = new Promise<Error>((resolve) => {
      reported = resolve
    })
    const pool = createPool(db.url, { onError: (error) => reported(error) })
    try {
      const { rows } = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')
      const pid = rows[0]?.pid
      // As a database restart or an administrator would: from outside the pool.
      const admin = new Client({ connectionString: db.url })
      await admin.connect()
      try {
        await admin.query('SELECT pg_terminate_backend($1)', [pid])
      } finally {
        await admin.end()
      }
      // Without the pool's listener this error would be unhandled and end the process.
      expect((await errored).message).toMatch(/terminat/)
      const again = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')
      expect(again.rows[0]?.pid).not.toBe(pid)
    } finally {
      await pool.end()
    }
  })

  it('cancels a statement that runs past its limit instead of waiting on it', async () => {
    const pool = createPool(db.url, { statementTimeoutMs: 100 })
    try {
      const started = performance.now()
      await expect(pool.query('SELECT pg_sleep(10)')).rejects.toThrow(/statement timeout/)
      expect(performance.now() - started).toBeLessThan(5_000)
      expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }])
    } finally {
      await pool.end()
    }
  })
})

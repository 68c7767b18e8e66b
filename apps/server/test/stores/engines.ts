import type { DatabaseSync } from 'node:sqlite'
import type { Pool } from 'pg'
import { afterAll, beforeAll } from 'vitest'
import { openDatabase } from '../../src/stores/sqlite/database.ts'
import { tempDataDir } from '../test-server.ts'
import { type MigratedPostgres, migratedPostgres } from './migrated-postgres.ts'

/**
 * One migrated database per engine for the test file that calls these (from its top level):
 * made before its tests, closed (PostgreSQL: dropped) after them. The getter is for use in tests.
 */
export function usePostgres(): () => Pool {
  let database: MigratedPostgres | undefined
  beforeAll(async () => {
    database = await migratedPostgres()
  })
  afterAll(() => database?.close())
  return () => {
    if (!database) throw new Error('PostgreSQL is not up yet: call the getter inside a test')
    return database.pool
  }
}

export function useSqlite(): () => DatabaseSync {
  let db: DatabaseSync | undefined
  beforeAll(() => {
    db = openDatabase(tempDataDir())
  })
  afterAll(() => db?.close())
  return () => {
    if (!db) throw new Error('SQLite is not open yet: call the getter inside a test')
    return db
  }
}

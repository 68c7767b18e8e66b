import fs from 'node:fs'
import type { DatabaseSync } from 'node:sqlite'
import { afterAll, beforeAll } from 'vitest'
import { PostgresAccountStore } from '../../src/stores/postgres/postgres-account-store.ts'
import { openDatabase } from '../../src/stores/sqlite/database.ts'
import { SqliteAccountStore } from '../../src/stores/sqlite/sqlite-account-store.ts'
import { tempDataDir } from '../test-server.ts'
import { accountStoreContract } from './account-store.contract.ts'
import { type MigratedPostgres, migratedPostgres } from './migrated-postgres.ts'

// One database per engine for the whole file: the contract's tests use ids of their own.
let dataDir: string
let sqlite: DatabaseSync
let postgres: MigratedPostgres

beforeAll(async () => {
  dataDir = tempDataDir()
  sqlite = openDatabase(dataDir)
  postgres = await migratedPostgres()
})

afterAll(async () => {
  sqlite?.close()
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
  await postgres?.close()
})

accountStoreContract('SQLite', async () => new SqliteAccountStore(sqlite))
accountStoreContract('PostgreSQL', async () => new PostgresAccountStore(postgres.pool))

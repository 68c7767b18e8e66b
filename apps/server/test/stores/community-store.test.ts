import fs from 'node:fs'
import type { DatabaseSync } from 'node:sqlite'
import { afterAll, beforeAll } from 'vitest'
import { PostgresAccountStore } from '../../src/stores/postgres/postgres-account-store.ts'
import { PostgresCommunityStore } from '../../src/stores/postgres/postgres-community-store.ts'
import { openDatabase } from '../../src/stores/sqlite/database.ts'
import { SqliteAccountStore } from '../../src/stores/sqlite/sqlite-account-store.ts'
import { SqliteCommunityStore } from '../../src/stores/sqlite/sqlite-community-store.ts'
import { tempDataDir } from '../test-server.ts'
import { communityStoreContract } from './community-store.contract.ts'
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

communityStoreContract('SQLite', async () => ({
  communities: new SqliteCommunityStore(sqlite),
  accounts: new SqliteAccountStore(sqlite),
}))
communityStoreContract('PostgreSQL', async () => ({
  communities: new PostgresCommunityStore(postgres.pool),
  accounts: new PostgresAccountStore(postgres.pool),
}))

import { PostgresAccountStore } from '../../src/stores/postgres/postgres-account-store.ts'
import { PostgresCommunityStore } from '../../src/stores/postgres/postgres-community-store.ts'
import { PostgresMeetingStore } from '../../src/stores/postgres/postgres-meeting-store.ts'
import { PostgresProgressStore } from '../../src/stores/postgres/postgres-progress-store.ts'
import { PostgresSponsorStore } from '../../src/stores/postgres/postgres-sponsor-store.ts'
import { SqliteAccountStore } from '../../src/stores/sqlite/sqlite-account-store.ts'
import { SqliteCommunityStore } from '../../src/stores/sqlite/sqlite-community-store.ts'
import { SqliteMeetingStore } from '../../src/stores/sqlite/sqlite-meeting-store.ts'
import { SqliteProgressStore } from '../../src/stores/sqlite/sqlite-progress-store.ts'
import { SqliteSponsorStore } from '../../src/stores/sqlite/sqlite-sponsor-store.ts'
import { usePostgres, useSqlite } from './engines.ts'
import { progressStoreContract } from './progress-store.contract.ts'
import { sponsorStoreContract } from './sponsor-store.contract.ts'

// The two stores of issue 28's progress pages, on one database per engine.
const sqlite = useSqlite()
const sqliteWorld = () => ({
  accounts: new SqliteAccountStore(sqlite()),
  communities: new SqliteCommunityStore(sqlite()),
  meetings: new SqliteMeetingStore(sqlite()),
})
sponsorStoreContract('SQLite', async () => ({ ...sqliteWorld(), sponsors: new SqliteSponsorStore(sqlite()) }))
progressStoreContract('SQLite', async () => ({
  ...sqliteWorld(),
  progress: new SqliteProgressStore(sqlite()),
}))

const postgres = usePostgres()
const postgresWorld = () => ({
  accounts: new PostgresAccountStore(postgres()),
  communities: new PostgresCommunityStore(postgres()),
  meetings: new PostgresMeetingStore(postgres()),
})
sponsorStoreContract('PostgreSQL', async () => ({
  ...postgresWorld(),
  sponsors: new PostgresSponsorStore(postgres()),
}))
progressStoreContract('PostgreSQL', async () => ({
  ...postgresWorld(),
  progress: new PostgresProgressStore(postgres()),
}))

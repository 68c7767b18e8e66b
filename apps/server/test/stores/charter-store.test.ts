import { PostgresAccountStore } from '../../src/stores/postgres/postgres-account-store.ts'
import { PostgresCharterStore } from '../../src/stores/postgres/postgres-charter-store.ts'
import { PostgresCommunityStore } from '../../src/stores/postgres/postgres-community-store.ts'
import { PostgresMeetingStore } from '../../src/stores/postgres/postgres-meeting-store.ts'
import { SqliteAccountStore } from '../../src/stores/sqlite/sqlite-account-store.ts'
import { SqliteCharterStore } from '../../src/stores/sqlite/sqlite-charter-store.ts'
import { SqliteCommunityStore } from '../../src/stores/sqlite/sqlite-community-store.ts'
import { SqliteMeetingStore } from '../../src/stores/sqlite/sqlite-meeting-store.ts'
import { charterStoreContract } from './charter-store.contract.ts'
import { usePostgres, useSqlite } from './engines.ts'

const sqlite = useSqlite()
charterStoreContract('SQLite', async () => ({
  accounts: new SqliteAccountStore(sqlite()),
  communities: new SqliteCommunityStore(sqlite()),
  meetings: new SqliteMeetingStore(sqlite()),
  charter: new SqliteCharterStore(sqlite()),
}))

const postgres = usePostgres()
charterStoreContract('PostgreSQL', async () => ({
  accounts: new PostgresAccountStore(postgres()),
  communities: new PostgresCommunityStore(postgres()),
  meetings: new PostgresMeetingStore(postgres()),
  charter: new PostgresCharterStore(postgres()),
}))

import { PostgresAccountStore } from '../../src/stores/postgres/postgres-account-store.ts'
import { PostgresCommunityStore } from '../../src/stores/postgres/postgres-community-store.ts'
import { PostgresMeetingStore } from '../../src/stores/postgres/postgres-meeting-store.ts'
import { SqliteAccountStore } from '../../src/stores/sqlite/sqlite-account-store.ts'
import { SqliteCommunityStore } from '../../src/stores/sqlite/sqlite-community-store.ts'
import { SqliteMeetingStore } from '../../src/stores/sqlite/sqlite-meeting-store.ts'
import { usePostgres, useSqlite } from './engines.ts'
import { meetingStoreContract } from './meeting-store.contract.ts'

const sqlite = useSqlite()
meetingStoreContract('SQLite', async () => ({
  accounts: new SqliteAccountStore(sqlite()),
  communities: new SqliteCommunityStore(sqlite()),
  meetings: new SqliteMeetingStore(sqlite()),
}))

const postgres = usePostgres()
meetingStoreContract('PostgreSQL', async () => ({
  accounts: new PostgresAccountStore(postgres()),
  communities: new PostgresCommunityStore(postgres()),
  meetings: new PostgresMeetingStore(postgres()),
}))

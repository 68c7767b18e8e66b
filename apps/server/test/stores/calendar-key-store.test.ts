import { PostgresAccountStore } from '../../src/stores/postgres/postgres-account-store.ts'
import { PostgresCalendarKeyStore } from '../../src/stores/postgres/postgres-calendar-key-store.ts'
import { PostgresCommunityStore } from '../../src/stores/postgres/postgres-community-store.ts'
import { PostgresMeetingStore } from '../../src/stores/postgres/postgres-meeting-store.ts'
import { SqliteAccountStore } from '../../src/stores/sqlite/sqlite-account-store.ts'
import { SqliteCalendarKeyStore } from '../../src/stores/sqlite/sqlite-calendar-key-store.ts'
import { SqliteCommunityStore } from '../../src/stores/sqlite/sqlite-community-store.ts'
import { SqliteMeetingStore } from '../../src/stores/sqlite/sqlite-meeting-store.ts'
import { calendarKeyStoreContract } from './calendar-key-store.contract.ts'
import { usePostgres, useSqlite } from './engines.ts'

const sqlite = useSqlite()
calendarKeyStoreContract('SQLite', async () => ({
  accounts: new SqliteAccountStore(sqlite()),
  communities: new SqliteCommunityStore(sqlite()),
  meetings: new SqliteMeetingStore(sqlite()),
  calendarKeys: new SqliteCalendarKeyStore(sqlite()),
}))

const postgres = usePostgres()
calendarKeyStoreContract('PostgreSQL', async () => ({
  accounts: new PostgresAccountStore(postgres()),
  communities: new PostgresCommunityStore(postgres()),
  meetings: new PostgresMeetingStore(postgres()),
  calendarKeys: new PostgresCalendarKeyStore(postgres()),
}))

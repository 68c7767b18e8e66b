import { PostgresAccountStore } from '../../src/stores/postgres/postgres-account-store.ts'
import { PostgresCommunityStore } from '../../src/stores/postgres/postgres-community-store.ts'
import { PostgresDocumentStore } from '../../src/stores/postgres/postgres-document-store.ts'
import { PostgresMeetingStore } from '../../src/stores/postgres/postgres-meeting-store.ts'
import { PostgresSearchStore } from '../../src/stores/postgres/postgres-search-store.ts'
import { SqliteAccountStore } from '../../src/stores/sqlite/sqlite-account-store.ts'
import { SqliteCommunityStore } from '../../src/stores/sqlite/sqlite-community-store.ts'
import { SqliteDocumentStore } from '../../src/stores/sqlite/sqlite-document-store.ts'
import { SqliteMeetingStore } from '../../src/stores/sqlite/sqlite-meeting-store.ts'
import { SqliteSearchStore } from '../../src/stores/sqlite/sqlite-search-store.ts'
import { usePostgres, useSqlite } from './engines.ts'
import { searchStoreContract } from './search-store.contract.ts'

// The search index of issue 29, on one database per engine.
const sqlite = useSqlite()
searchStoreContract('SQLite (FTS5)', async () => ({
  accounts: new SqliteAccountStore(sqlite()),
  communities: new SqliteCommunityStore(sqlite()),
  meetings: new SqliteMeetingStore(sqlite()),
  documents: new SqliteDocumentStore(sqlite()),
  search: new SqliteSearchStore(sqlite()),
}))

const postgres = usePostgres()
searchStoreContract('PostgreSQL (tsvector)', async () => ({
  accounts: new PostgresAccountStore(postgres()),
  communities: new PostgresCommunityStore(postgres()),
  meetings: new PostgresMeetingStore(postgres()),
  documents: new PostgresDocumentStore(postgres()),
  search: new PostgresSearchStore(postgres()),
}))

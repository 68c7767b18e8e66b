import path from 'node:path'
import { PostgresAccountStore } from '../../src/stores/postgres/postgres-account-store.ts'
import { PostgresCommunityStore } from '../../src/stores/postgres/postgres-community-store.ts'
import { PostgresMeetingStore } from '../../src/stores/postgres/postgres-meeting-store.ts'
import { PostgresResourceStore } from '../../src/stores/postgres/postgres-resource-store.ts'
import { SqliteAccountStore } from '../../src/stores/sqlite/sqlite-account-store.ts'
import { SqliteCommunityStore } from '../../src/stores/sqlite/sqlite-community-store.ts'
import { SqliteMeetingStore } from '../../src/stores/sqlite/sqlite-meeting-store.ts'
import { SqliteResourceStore } from '../../src/stores/sqlite/sqlite-resource-store.ts'
import { tempDataDir } from '../test-server.ts'
import { usePostgres, useSqlite } from './engines.ts'
import { resourceStoreContract } from './resource-store.contract.ts'

const sqlite = useSqlite()
const files = path.join(tempDataDir(), 'resources')
resourceStoreContract('SQLite', async () => ({
  accounts: new SqliteAccountStore(sqlite()),
  communities: new SqliteCommunityStore(sqlite()),
  meetings: new SqliteMeetingStore(sqlite()),
  resources: new SqliteResourceStore(sqlite(), files),
}))

const postgres = usePostgres()
const staging = path.join(tempDataDir(), 'staging')
resourceStoreContract('PostgreSQL', async () => ({
  accounts: new PostgresAccountStore(postgres()),
  communities: new PostgresCommunityStore(postgres()),
  meetings: new PostgresMeetingStore(postgres()),
  resources: new PostgresResourceStore(postgres(), staging),
}))

import { PostgresVersionStore } from '../../src/stores/postgres/postgres-version-store.ts'
import { SqliteVersionStore } from '../../src/stores/sqlite/sqlite-version-store.ts'
import { usePostgres, useSqlite } from './engines.ts'
import { versionStoreContract } from './version-store.contract.ts'

const sqlite = useSqlite()
versionStoreContract('SQLite', async () => new SqliteVersionStore(sqlite()))

const postgres = usePostgres()
versionStoreContract('PostgreSQL', async () => new PostgresVersionStore(postgres()))

import path from 'node:path'
import type { AccountStore } from './account-store.ts'
import type { CalendarKeyStore } from './calendar-key-store.ts'
import type { CharterStore } from './charter-store.ts'
import type { CommunityStore } from './community-store.ts'
import type { DocumentStore } from './document-store.ts'
import type { MeetingStore } from './meeting-store.ts'
import { migrate } from './postgres/migrate.ts'
import { createPool } from './postgres/pool.ts'
import { PostgresAccountStore } from './postgres/postgres-account-store.ts'
import { PostgresCalendarKeyStore } from './postgres/postgres-calendar-key-store.ts'
import { PostgresCharterStore } from './postgres/postgres-charter-store.ts'
import { PostgresCommunityStore } from './postgres/postgres-community-store.ts'
import { PostgresDocumentStore } from './postgres/postgres-document-store.ts'
import { PostgresMeetingStore } from './postgres/postgres-meeting-store.ts'
import { PostgresProgressStore } from './postgres/postgres-progress-store.ts'
import { PostgresProtocolStore } from './postgres/postgres-protocol-store.ts'
import { PostgresResourceStore } from './postgres/postgres-resource-store.ts'
import { PostgresSearchStore } from './postgres/postgres-search-store.ts'
import { PostgresSponsorStore } from './postgres/postgres-sponsor-store.ts'
import { PostgresVersionStore } from './postgres/postgres-version-store.ts'
import type { ProgressStore } from './progress-store.ts'
import type { ProtocolStore } from './protocol-store.ts'
import type { ResourceStore } from './resource-store.ts'
import type { SearchStore } from './search-store.ts'
import type { SponsorStore } from './sponsor-store.ts'
import { openDatabase } from './sqlite/database.ts'
import { SqliteAccountStore } from './sqlite/sqlite-account-store.ts'
import { SqliteCalendarKeyStore } from './sqlite/sqlite-calendar-key-store.ts'
import { SqliteCharterStore } from './sqlite/sqlite-charter-store.ts'
import { SqliteCommunityStore } from './sqlite/sqlite-community-store.ts'
import { SqliteDocumentStore } from './sqlite/sqlite-document-store.ts'
import { SqliteMeetingStore } from './sqlite/sqlite-meeting-store.ts'
import { SqliteProgressStore } from './sqlite/sqlite-progress-store.ts'
import { SqliteProtocolStore } from './sqlite/sqlite-protocol-store.ts'
import { RESOURCE_FILES_DIR, SqliteResourceStore } from './sqlite/sqlite-resource-store.ts'
import { SqliteSearchStore } from './sqlite/sqlite-search-store.ts'
import { SqliteSponsorStore } from './sqlite/sqlite-sponsor-store.ts'
import { SqliteVersionStore } from './sqlite/sqlite-version-store.ts'
import type { VersionStore } from './version-store.ts'

/** Every store the server has, on one engine. */
export interface Stores {
  accounts: AccountStore
  communities: CommunityStore
  meetings: MeetingStore
  protocols: ProtocolStore
  charter: CharterStore
  versions: VersionStore
  documents: DocumentStore
  /** The full-text index of communities' archives (SPEC Q1–Q6). */
  search: SearchStore
  /** Network sponsors and their invitations. */
  sponsors: SponsorStore
  /** What progress counts besides documents (the action index by meeting). */
  progress: ProgressStore
  /** The hashed keys of the communities' calendar feeds. */
  calendarKeys: CalendarKeyStore
  /** Shared links and files, with the files' bytes (SPEC RS1–RS9). */
  resources: ResourceStore
}

export interface OpenedStores {
  stores: Stores
  /** Which engine, for logs: "sqlite" or "postgres". */
  engine: 'sqlite' | 'postgres'
  /** Answers when the database does (the readiness check); throws or rejects when it does not. */
  ping(): unknown
  /** Closes the database once nothing uses it any more. */
  close(): Promise<void>
}

export interface StoreOptions {
  /** The embedded SQLite file lives here when there is no PostgreSQL. */
  dataDir: string
  /** A postgres:// URL: PostgreSQL instead of SQLite, shared by every process given it. */
  databaseUrl: string | null
  /** An idle PostgreSQL connection failed (the pool replaces it); for logs and metrics. */
  onPostgresError?: (error: Error) => void
}

/**
 * Opens the stores: PostgreSQL when a database URL is given (brought up to date by its
 * migrations first, which processes starting together apply once), SQLite in `dataDir`
 * otherwise (its migrations run as it opens).
 */
export async function openStores(options: StoreOptions): Promise<OpenedStores> {
  if (options.databaseUrl === null) {
    const db = openDatabase(options.dataDir)
    return {
      engine: 'sqlite',
      stores: {
        accounts: new SqliteAccountStore(db),
        communities: new SqliteCommunityStore(db),
        meetings: new SqliteMeetingStore(db),
        protocols: new SqliteProtocolStore(db),
        charter: new SqliteCharterStore(db),
        versions: new SqliteVersionStore(db),
        documents: new SqliteDocumentStore(db),
        search: new SqliteSearchStore(db),
        sponsors: new SqliteSponsorStore(db),
        progress: new SqliteProgressStore(db),
        calendarKeys: new SqliteCalendarKeyStore(db),
        resources: new SqliteResourceStore(db, path.join(options.dataDir, RESOURCE_FILES_DIR)),
      },
      ping: () => db.prepare('SELECT 1').get(),
      close: async () => db.close(),
    }
  }
  const pool = createPool(
    options.databaseUrl,
    options.onPostgresError ? { onError: options.onPostgresError } : {},
  )
  try {
    await migrate(pool)
  } catch (error) {
    await pool.end()
    throw error
  }
  return {
    engine: 'postgres',
    stores: {
      accounts: new PostgresAccountStore(pool),
      communities: new PostgresCommunityStore(pool),
      meetings: new PostgresMeetingStore(pool),
      protocols: new PostgresProtocolStore(pool),
      charter: new PostgresCharterStore(pool),
      versions: new PostgresVersionStore(pool),
      documents: new PostgresDocumentStore(pool),
      search: new PostgresSearchStore(pool),
      sponsors: new PostgresSponsorStore(pool),
      progress: new PostgresProgressStore(pool),
      calendarKeys: new PostgresCalendarKeyStore(pool),
      resources: new PostgresResourceStore(pool),
    },
    ping: () => pool.query('SELECT 1'),
    close: () => pool.end(),
  }
}

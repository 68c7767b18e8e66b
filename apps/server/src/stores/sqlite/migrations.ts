import type { DatabaseSync } from 'node:sqlite'

/**
 * Ordered schema steps; a database at `user_version` N has run the first N. Never edit one. A step
 * is SQL, or a function for what SQL cannot say idempotently (SQLite has no ADD COLUMN IF NOT EXISTS).
 */
const MIGRATIONS: readonly (string | ((db: DatabaseSync) => void))[] = [
  `CREATE TABLE document_snapshots (
     name TEXT PRIMARY KEY,
     state BLOB NOT NULL,
     through_seq INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE TABLE document_updates (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     name TEXT NOT NULL,
     data BLOB NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE INDEX document_updates_by_name ON document_updates (name, seq);`,
  `CREATE TABLE users (
     id TEXT PRIMARY KEY,
     email TEXT NOT NULL UNIQUE,
     name TEXT NOT NULL,
     password_hash TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE sessions (
     token_hash TEXT PRIMARY KEY,
     user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     kind TEXT NOT NULL CHECK (kind IN ('session', 'bearer')),
     created_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL,
     revoked_at INTEGER
   );
   CREATE INDEX sessions_by_user ON sessions (user_id);
   CREATE TABLE communities (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     focus TEXT NOT NULL DEFAULT '',
     created_at INTEGER NOT NULL
   );
   CREATE TABLE memberships (
     community_id TEXT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
     user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     role TEXT NOT NULL CHECK (role IN ('facilitator', 'member', 'observer')),
     joined_at INTEGER NOT NULL,
     PRIMARY KEY (community_id, user_id)
   );
   CREATE INDEX memberships_by_user ON memberships (user_id);
   CREATE TABLE invites (
     id TEXT PRIMARY KEY,
     code_hash TEXT NOT NULL UNIQUE,
     community_id TEXT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
     role TEXT NOT NULL CHECK (role IN ('facilitator', 'member', 'observer')),
     created_by TEXT NOT NULL REFERENCES users (id),
     created_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL,
     revoked_at INTEGER
   );
   CREATE TABLE networks (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     purpose TEXT NOT NULL DEFAULT '',
     created_by TEXT NOT NULL REFERENCES users (id),
     created_at INTEGER NOT NULL
   );
   CREATE TABLE network_communities (
     network_id TEXT NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
     community_id TEXT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
     added_at INTEGER NOT NULL,
     PRIMARY KEY (network_id, community_id)
   );
   CREATE INDEX network_communities_by_community ON network_communities (community_id);
   CREATE TABLE network_invites (
     code_hash TEXT PRIMARY KEY,
     network_id TEXT NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
     created_by TEXT NOT NULL REFERENCES users (id),
     created_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL
   );
   CREATE TABLE meetings (
     id TEXT PRIMARY KEY,
     community_id TEXT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
     title TEXT NOT NULL,
     starts_at INTEGER NOT NULL,
     duration_minutes INTEGER NOT NULL,
     network_guest_role TEXT CHECK (network_guest_role IN ('member', 'observer')),
     created_at INTEGER NOT NULL
   );
   CREATE INDEX meetings_by_community ON meetings (community_id, starts_at);`,
  `ALTER TABLE meetings ADD COLUMN series_id TEXT;
   CREATE TABLE action_items (
     meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
     action_id TEXT NOT NULL,
     community_id TEXT NOT NULL,
     text TEXT NOT NULL,
     owner_id TEXT,
     due TEXT,
     done INTEGER NOT NULL,
     from_meeting_id TEXT,
     PRIMARY KEY (meeting_id, action_id)
   );
   CREATE INDEX action_items_by_community ON action_items (community_id, action_id);
   CREATE TABLE attendance (
     meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
     user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     present INTEGER NOT NULL,
     source TEXT NOT NULL CHECK (source IN ('presence', 'manual')),
     updated_at INTEGER NOT NULL,
     PRIMARY KEY (meeting_id, user_id)
   );
   CREATE TABLE community_protocols (
     id TEXT PRIMARY KEY,
     community_id TEXT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
     body TEXT NOT NULL,
     created_by TEXT NOT NULL REFERENCES users (id),
     updated_at INTEGER NOT NULL
   );
   CREATE TABLE agenda_templates (
     id TEXT PRIMARY KEY,
     community_id TEXT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
     name TEXT NOT NULL,
     items TEXT NOT NULL,
     created_by TEXT NOT NULL REFERENCES users (id),
     created_at INTEGER NOT NULL
   );`,
  `CREATE TABLE charter_affirmations (
     community_id TEXT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
     user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     version TEXT NOT NULL,
     affirmed_at INTEGER NOT NULL,
     PRIMARY KEY (community_id, user_id)
   );
   CREATE TABLE norm_ratings (
     meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
     user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     norm_id TEXT NOT NULL,
     norm_text TEXT NOT NULL,
     rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
     comment TEXT,
     rated_at INTEGER NOT NULL,
     PRIMARY KEY (meeting_id, user_id, norm_id)
   );
   CREATE TABLE document_versions (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     state BLOB NOT NULL,
     editors TEXT NOT NULL,
     reason TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE INDEX document_versions_by_name ON document_versions (name, created_at);`,
  // The update log keyed by (name, seq) in one B-tree: an append writes one page instead of a
  // table page, an index page and the AUTOINCREMENT counter. Sequence numbers become per
  // document; existing ones are kept, so snapshots' through_seq stay valid.
  `CREATE TABLE document_log (
     name TEXT NOT NULL,
     seq INTEGER NOT NULL,
     data BLOB NOT NULL,
     created_at INTEGER NOT NULL,
     PRIMARY KEY (name, seq)
   ) WITHOUT ROWID;
   INSERT INTO document_log (name, seq, data, created_at)
     SELECT name, seq, data, created_at FROM document_updates;
   DROP TABLE document_updates;`,
  // The update log as an append-only journal in rowid order: a commit writes the rightmost leaf
  // page or two, however many documents it touches, where the (name, seq) B-tree wrote one page
  // per document (bench S3). No index: the store keeps each document's journal rows in memory
  // (SqliteDocumentStore) and drops compacted rows from the front by rowid.
  `CREATE TABLE document_journal (
     id INTEGER PRIMARY KEY,
     name TEXT NOT NULL,
     seq INTEGER NOT NULL,
     data BLOB NOT NULL,
     created_at INTEGER NOT NULL
   );
   INSERT INTO document_journal (name, seq, data, created_at)
     SELECT name, seq, data, created_at FROM document_log ORDER BY name, seq;
   DROP TABLE document_log;`,
  // Which session or token minted a token (SPEC A9): revoking or logging out the parent revokes
  // its descendants. Credentials from before this step have no parent. IF NOT EXISTS: tests
  // rewind user_version on a migrated database to replay earlier steps.
  `CREATE TABLE IF NOT EXISTS credential_parents (
     token_hash TEXT PRIMARY KEY REFERENCES sessions (token_hash) ON DELETE CASCADE,
     parent_hash TEXT NOT NULL
   );
   CREATE INDEX IF NOT EXISTS credential_parents_by_parent ON credential_parents (parent_hash);`,
  // When a facilitator cancelled a meeting (epoch ms), null while it is on.
  (db) => addColumn(db, 'meetings', 'cancelled_at', 'INTEGER'),
  // The norm texts an agreement was to (JSON array, SPEC N3); null for earlier agreements.
  (db) => addColumn(db, 'charter_affirmations', 'norms', 'TEXT'),
  // Finds a person's action items for the home page (GET /api/me/actions).
  'CREATE INDEX IF NOT EXISTS action_items_by_owner ON action_items (owner_id);',
  // Network sponsors and the links that invite them (SPEC PR4; PostgreSQL migration 3).
  `CREATE TABLE IF NOT EXISTS network_sponsors (
     network_id TEXT NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
     user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     added_at INTEGER NOT NULL,
     PRIMARY KEY (network_id, user_id)
   );
   CREATE INDEX IF NOT EXISTS network_sponsors_by_user ON network_sponsors (user_id);
   CREATE TABLE IF NOT EXISTS sponsor_invites (
     code_hash TEXT PRIMARY KEY,
     network_id TEXT NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
     created_by TEXT NOT NULL REFERENCES users (id),
     created_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL
   );`,
  // When an indexed action item was ticked done (its stamp), for progress per week (SPEC PR2).
  (db) => addColumn(db, 'action_items', 'done_at', 'INTEGER'),
  // The hash of each community's calendar feed key (SPEC X3; PostgreSQL migration 18).
  `CREATE TABLE IF NOT EXISTS calendar_keys (
     community_id TEXT PRIMARY KEY REFERENCES communities (id) ON DELETE CASCADE,
     key_hash TEXT NOT NULL,
     created_by TEXT NOT NULL REFERENCES users (id),
     created_at INTEGER NOT NULL
   );`,
  // The search index (SPEC Q1–Q6; PostgreSQL migration 30): entries per source, replaced whole
  // when their source is indexed again; each community's FTS5 table (search_text_<scope>, made
  // by SqliteSearchStore when it first indexes there) holds the words of its rows. Scope numbers
  // are never reused (AUTOINCREMENT), so no table is ever taken over by another community.
  `CREATE TABLE IF NOT EXISTS search_scopes (
     scope INTEGER PRIMARY KEY AUTOINCREMENT,
     community_id TEXT NOT NULL UNIQUE REFERENCES communities (id) ON DELETE CASCADE
   );
   CREATE TABLE IF NOT EXISTS search_sources (
     source TEXT PRIMARY KEY,
     community_id TEXT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
     fingerprint TEXT NOT NULL,
     indexed_at INTEGER NOT NULL
   );
   CREATE TABLE IF NOT EXISTS search_entries (
     id INTEGER PRIMARY KEY,
     source TEXT NOT NULL,
     community_id TEXT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
     meeting_id TEXT,
     item_id TEXT,
     kind TEXT NOT NULL,
     title TEXT NOT NULL,
     body TEXT NOT NULL
   );
   CREATE INDEX IF NOT EXISTS search_entries_by_source ON search_entries (source);`,
  // A community's shared links and files (SPEC RS1–RS9; PostgreSQL migration 31). The bytes are
  // files under DATA_DIR/resources named by content_hash; seq orders two added in one millisecond.
  `CREATE TABLE IF NOT EXISTS resources (
     id TEXT PRIMARY KEY,
     community_id TEXT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
     kind TEXT NOT NULL CHECK (kind IN ('file', 'link')),
     title TEXT NOT NULL,
     url TEXT,
     content_hash TEXT,
     size INTEGER,
     type TEXT,
     created_by TEXT NOT NULL REFERENCES users (id),
     created_at INTEGER NOT NULL,
     seq INTEGER NOT NULL
   );
   CREATE INDEX IF NOT EXISTS resources_by_community ON resources (community_id, created_at, seq);
   CREATE INDEX IF NOT EXISTS resources_by_hash ON resources (content_hash);`,
  // Whether a meeting's network guests may read the community's plan (SPEC G5; PostgreSQL migration 19).
  (db) => addColumn(db, 'meetings', 'shares_plan', 'INTEGER NOT NULL DEFAULT 0'),
]

/** Adds a column unless a replayed step finds it there already. */
function addColumn(db: DatabaseSync, table: string, column: string, type: string): void {
  const columns = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]
  if (!columns.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`)
}

export function migrate(db: DatabaseSync): void {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number }
  const current = row.user_version
  if (current > MIGRATIONS.length) {
    throw new Error(`Database schema version ${current} is newer than this server (${MIGRATIONS.length})`)
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.exec('BEGIN IMMEDIATE')
    try {
      const step = MIGRATIONS[version]
      if (typeof step === 'function') step(db)
      else db.exec(step as string)
      db.exec(`PRAGMA user_version = ${version + 1}`)
      db.exec('COMMIT')
    } catch (error) {
      db.exec('ROLLBACK')
      throw error
    }
  }
}

import type { Migration } from '../migrate.ts'

/**
 * Users and their credentials, as in the SQLite schema (same tables and columns, so an
 * installation can be copied over), with times as BIGINT epoch milliseconds.
 */
export const migration: Migration = {
  id: 1,
  name: 'accounts',
  up: `
    CREATE TABLE users (
      id TEXT PRIMARY KEY,
      email TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      password_hash TEXT NOT NULL,
      created_at BIGINT NOT NULL
    );
    CREATE TABLE sessions (
      token_hash TEXT PRIMARY KEY,
      user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('session', 'bearer')),
      created_at BIGINT NOT NULL,
      expires_at BIGINT NOT NULL,
      revoked_at BIGINT
    );
    CREATE INDEX sessions_by_user ON sessions (user_id);
    -- Which session or token minted a token (SPEC A9): revoking the parent revokes its descendants.
    CREATE TABLE credential_parents (
      token_hash TEXT PRIMARY KEY REFERENCES sessions (token_hash) ON DELETE CASCADE,
      parent_hash TEXT NOT NULL
    );
    CREATE INDEX credential_parents_by_parent ON credential_parents (parent_hash);
  `,
}

import type { Migration } from '../migrate.ts'

/** Network sponsors and the links that invite them (SPEC PR4; SQLite migration 11). */
export const migration: Migration = {
  id: 3,
  name: 'sponsors',
  up: `
    CREATE TABLE IF NOT EXISTS network_sponsors (
      network_id TEXT NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
      user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      added_at BIGINT NOT NULL,
      PRIMARY KEY (network_id, user_id)
    );
    CREATE INDEX IF NOT EXISTS network_sponsors_by_user ON network_sponsors (user_id);
    CREATE TABLE IF NOT EXISTS sponsor_invites (
      code_hash TEXT PRIMARY KEY,
      network_id TEXT NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
      created_by TEXT NOT NULL REFERENCES users (id),
      created_at BIGINT NOT NULL,
      expires_at BIGINT NOT NULL
    );
  `,
}

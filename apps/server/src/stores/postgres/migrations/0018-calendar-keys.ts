import type { Migration } from '../migrate.ts'

/** The hash of each community's calendar feed key (SPEC X3; the SQLite step after "action done at"). */
export const migration: Migration = {
  id: 18,
  name: 'calendar keys',
  up: `
    CREATE TABLE IF NOT EXISTS calendar_keys (
      community_id TEXT PRIMARY KEY REFERENCES communities (id) ON DELETE CASCADE,
      key_hash TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users (id),
      created_at BIGINT NOT NULL
    );
  `,
}

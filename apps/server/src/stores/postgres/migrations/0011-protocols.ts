import type { Migration } from '../migrate.ts'

/** Protocols a community copied and adapted, as the JSON of a Protocol (SQLite migration 3). */
export const migration: Migration = {
  id: 11,
  name: 'protocols',
  up: `
    CREATE TABLE community_protocols (
      id TEXT PRIMARY KEY,
      community_id TEXT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
      body TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users (id),
      updated_at BIGINT NOT NULL
    );
    CREATE INDEX community_protocols_by_community ON community_protocols (community_id, updated_at);
  `,
}

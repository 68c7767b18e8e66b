import type { Migration } from '../migrate.ts'

/** Affirmations of a community's norms and the closing norms checks of meetings (SQLite migration 4). */
export const migration: Migration = {
  id: 12,
  name: 'charter',
  up: `
    CREATE TABLE charter_affirmations (
      community_id TEXT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
      user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      version TEXT NOT NULL,
      affirmed_at BIGINT NOT NULL,
      PRIMARY KEY (community_id, user_id)
    );

    CREATE TABLE norm_ratings (
      meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
      user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      norm_id TEXT NOT NULL,
      norm_text TEXT NOT NULL,
      rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
      comment TEXT,
      rated_at BIGINT NOT NULL,
      PRIMARY KEY (meeting_id, user_id, norm_id)
    );
  `,
}

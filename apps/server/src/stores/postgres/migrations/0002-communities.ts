import type { Migration } from '../migrate.ts'

/** Communities, memberships, invitations and networks, as in the SQLite schema. */
export const migration: Migration = {
  id: 2,
  name: 'communities',
  up: `
    CREATE TABLE communities (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      focus TEXT NOT NULL DEFAULT '',
      created_at BIGINT NOT NULL
    );
    CREATE TABLE memberships (
      community_id TEXT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
      user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      role TEXT NOT NULL CHECK (role IN ('facilitator', 'member', 'observer')),
      joined_at BIGINT NOT NULL,
      PRIMARY KEY (community_id, user_id)
    );
    CREATE INDEX memberships_by_user ON memberships (user_id);
    CREATE TABLE invites (
      id TEXT PRIMARY KEY,
      code_hash TEXT NOT NULL UNIQUE,
      community_id TEXT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
      role TEXT NOT NULL CHECK (role IN ('facilitator', 'member', 'observer')),
      created_by TEXT NOT NULL REFERENCES users (id),
      created_at BIGINT NOT NULL,
      expires_at BIGINT NOT NULL,
      revoked_at BIGINT
    );
    CREATE INDEX invites_by_community ON invites (community_id, created_at);
    CREATE TABLE networks (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      purpose TEXT NOT NULL DEFAULT '',
      created_by TEXT NOT NULL REFERENCES users (id),
      created_at BIGINT NOT NULL
    );
    CREATE TABLE network_communities (
      network_id TEXT NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
      community_id TEXT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
      added_at BIGINT NOT NULL,
      PRIMARY KEY (network_id, community_id)
    );
    CREATE INDEX network_communities_by_community ON network_communities (community_id);
    CREATE TABLE network_invites (
      code_hash TEXT PRIMARY KEY,
      network_id TEXT NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
      created_by TEXT NOT NULL REFERENCES users (id),
      created_at BIGINT NOT NULL,
      expires_at BIGINT NOT NULL
    );
  `,
}

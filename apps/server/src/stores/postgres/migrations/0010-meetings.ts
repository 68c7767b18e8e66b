import type { Migration } from '../migrate.ts'

/**
 * Meetings with what hangs off them: the action index, attendance and agenda templates (SQLite
 * migrations 2–3). Times are epoch ms in BIGINT; `done`/`present` are booleans here.
 */
export const migration: Migration = {
  id: 10,
  name: 'meetings',
  up: `
    CREATE TABLE meetings (
      id TEXT PRIMARY KEY,
      community_id TEXT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
      title TEXT NOT NULL,
      starts_at BIGINT NOT NULL,
      duration_minutes INTEGER NOT NULL,
      network_guest_role TEXT CHECK (network_guest_role IN ('member', 'observer')),
      created_at BIGINT NOT NULL,
      series_id TEXT
    );
    CREATE INDEX meetings_by_community ON meetings (community_id, starts_at);

    CREATE TABLE action_items (
      meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
      action_id TEXT NOT NULL,
      community_id TEXT NOT NULL,
      text TEXT NOT NULL,
      owner_id TEXT,
      due TEXT,
      done BOOLEAN NOT NULL,
      from_meeting_id TEXT,
      PRIMARY KEY (meeting_id, action_id)
    );
    CREATE INDEX action_items_by_community ON action_items (community_id, action_id);

    CREATE TABLE attendance (
      meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
      user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      present BOOLEAN NOT NULL,
      source TEXT NOT NULL CHECK (source IN ('presence', 'manual')),
      updated_at BIGINT NOT NULL,
      PRIMARY KEY (meeting_id, user_id)
    );

    CREATE TABLE agenda_templates (
      id TEXT PRIMARY KEY,
      community_id TEXT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      items TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users (id),
      created_at BIGINT NOT NULL
    );
    CREATE INDEX agenda_templates_by_community ON agenda_templates (community_id);
  `,
}

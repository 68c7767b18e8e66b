import type { Migration } from '../migrate.ts'

/** When a facilitator cancelled a meeting (epoch ms), null while it is on (SQLite migration 8). */
export const migration: Migration = {
  id: 14,
  name: 'meeting cancellation',
  up: `ALTER TABLE meetings ADD COLUMN cancelled_at BIGINT;`,
}

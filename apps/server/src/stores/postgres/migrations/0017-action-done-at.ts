import type { Migration } from '../migrate.ts'

/** When an indexed action item was ticked done, for progress per week (SPEC PR2; SQLite migration 12). */
export const migration: Migration = {
  id: 17,
  name: 'action done at',
  up: `ALTER TABLE action_items ADD COLUMN IF NOT EXISTS done_at BIGINT;`,
}

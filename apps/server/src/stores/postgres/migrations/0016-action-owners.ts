import type { Migration } from '../migrate.ts'

/** Finds a person's action items for the home page (GET /api/me/actions; SQLite migration 10). */
export const migration: Migration = {
  id: 16,
  name: 'action owners',
  up: `CREATE INDEX IF NOT EXISTS action_items_by_owner ON action_items (owner_id);`,
}

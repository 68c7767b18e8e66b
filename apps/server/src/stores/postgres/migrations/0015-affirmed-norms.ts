import type { Migration } from '../migrate.ts'

/**
 * The norm texts an agreement was to (a JSON array, SPEC N3), so a page can show what changed
 * since; null for agreements recorded before (SQLite migration 9).
 */
export const migration: Migration = {
  id: 15,
  name: 'affirmed norms',
  up: `ALTER TABLE charter_affirmations ADD COLUMN norms TEXT;`,
}

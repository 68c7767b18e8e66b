import type { Migration } from '../migrate.ts'

/** Whether a meeting's network guests may read the community's plan (SPEC G5; SQLite migration 16). */
export const migration: Migration = {
  id: 19,
  name: 'meeting shares plan',
  up: `ALTER TABLE meetings ADD COLUMN IF NOT EXISTS shares_plan BOOLEAN NOT NULL DEFAULT FALSE;`,
}

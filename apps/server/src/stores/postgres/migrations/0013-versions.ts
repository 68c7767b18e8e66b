import type { Migration } from '../migrate.ts'

/**
 * Snapshots of documents people can look back at (SQLite migration 4). `seq` stands in for
 * SQLite's rowid: versions taken in the same millisecond still list newest first.
 */
export const migration: Migration = {
  id: 13,
  name: 'versions',
  up: `
    CREATE TABLE document_versions (
      id TEXT PRIMARY KEY,
      seq BIGINT GENERATED ALWAYS AS IDENTITY,
      name TEXT NOT NULL,
      state BYTEA NOT NULL,
      editors TEXT NOT NULL,
      reason TEXT NOT NULL,
      created_at BIGINT NOT NULL
    );
    CREATE INDEX document_versions_by_name ON document_versions (name, created_at, seq);
  `,
}

import type { Migration } from '../migrate.ts'

/**
 * The document journal and snapshots. Unlike SQLite's one journal in rowid order, rows are
 * found by document (an index on name, seq): several processes append and compact here, so no
 * process can know from memory which rows the others still need. `seq` comes from one identity
 * for all documents, so a document's numbers increase whichever process draws them; a row may
 * commit after a later-numbered one, so loading takes every row left, not only those past the
 * snapshot's through_seq.
 */
export const migration: Migration = {
  id: 20,
  name: 'document journal',
  up: `
    CREATE TABLE document_journal (
      seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      name TEXT NOT NULL,
      data BYTEA NOT NULL,
      created_at BIGINT NOT NULL
    );
    CREATE INDEX document_journal_by_name ON document_journal (name, seq);
    CREATE TABLE document_snapshots (
      name TEXT PRIMARY KEY,
      state BYTEA NOT NULL,
      through_seq BIGINT NOT NULL,
      updated_at BIGINT NOT NULL
    );
  `,
}

import type { Migration } from '../migrate.ts'

/**
 * The search index (SPEC Q1–Q7; the SQLite step "The search index"): entries per source,
 * replaced whole when their source is indexed again, with their words as a tsvector (the title
 * weighted A, the body D, so a title hit outranks any passing mention) and a GIN index over it.
 * English stemming, as SQLite's porter tokenizer. The community is a lexeme of its own
 * ("community:<id>", which no query text can produce): a search ANDs it with the words, so GIN's
 * fast scan reads a common word's postings only where the community's are, and a search costs
 * what the community holds, not what the database does (bench S9).
 */
export const migration: Migration = {
  id: 30,
  name: 'search',
  up: `
    CREATE TABLE IF NOT EXISTS search_sources (
      source TEXT PRIMARY KEY,
      community_id TEXT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
      fingerprint TEXT NOT NULL,
      indexed_at BIGINT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS search_entries (
      id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      source TEXT NOT NULL,
      community_id TEXT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
      meeting_id TEXT,
      item_id TEXT,
      kind TEXT NOT NULL,
      title TEXT NOT NULL,
      body TEXT NOT NULL,
      words TSVECTOR GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'D')
          || array_to_tsvector(ARRAY['community:' || community_id])
      ) STORED
    );
    CREATE INDEX IF NOT EXISTS search_entries_by_source ON search_entries (source);
    CREATE INDEX IF NOT EXISTS search_entries_by_community ON search_entries (community_id);
    CREATE INDEX IF NOT EXISTS search_entries_by_meeting ON search_entries (meeting_id) WHERE meeting_id IS NOT NULL;
    CREATE INDEX IF NOT EXISTS search_entries_words ON search_entries USING GIN (words);
  `,
}

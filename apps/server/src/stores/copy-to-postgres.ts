import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { DatabaseSync, SQLOutputValue } from 'node:sqlite'
import type { PoolClient } from 'pg'
import * as Y from 'yjs'
import { copyResourceFiles } from './copy-resource-files.ts'
import { migrate } from './postgres/migrate.ts'
import { createPool, inTransaction } from './postgres/pool.ts'
import { DATABASE_FILE, openDatabase } from './sqlite/database.ts'
import { backupSqlite } from './sqlite/online-backup.ts'
import { SqliteDocumentStore } from './sqlite/sqlite-document-store.ts'

/**
 * The tables copied row for row, each parent before the tables whose foreign keys point at it.
 * The two engines' schemas have the same tables and columns (postgres/migrations); a SQLite
 * table missing here makes the copy refuse rather than leave it behind.
 */
const TABLES = [
  'users',
  'sessions',
  'credential_parents',
  'communities',
  'memberships',
  'invites',
  'calendar_keys',
  // After resource_blobs, which copyResourceFiles fills from DATA_DIR/resources first.
  'resources',
  'networks',
  'network_communities',
  'network_invites',
  'network_sponsors',
  'sponsor_invites',
  'meetings',
  'action_items',
  'attendance',
  'agenda_templates',
  'community_protocols',
  'charter_affirmations',
  'norm_ratings',
  'document_versions',
] as const

/**
 * Documents are not copied row for row: the engines keep their journals differently (SQLite's
 * sequence numbers are per document, PostgreSQL's drawn from one identity). Each document is
 * loaded the SQLite way and written as one PostgreSQL snapshot of the same state.
 */
const DOCUMENT_TABLES = ['document_snapshots', 'document_journal']

/**
 * The search index (search_entries, search_sources, search_scopes and each community's FTS5
 * tables) is derived from the rest: not copied; the server indexes every stored document it
 * finds unindexed when it starts (SearchService.backfill).
 */
const DERIVED_TABLE = /^search_/

/** The PostgreSQL journal's identity: new rows must be numbered past every copied snapshot. */
const JOURNAL_IDENTITY = 'document_journal.seq'

/** Parameters per INSERT stay under PostgreSQL's 65 535, and bytes under what is sane to send at once. */
const MAX_PARAMETERS = 60_000
const MAX_ROWS_PER_INSERT = 500
const MAX_BYTES_PER_INSERT = 16 * 1024 * 1024

/** The copy will not run: nothing was written. */
export class CopyRefused extends Error {
  override name = 'CopyRefused'
}

export interface CopyReport {
  /** Rows copied per table, in the order copied. */
  tables: { table: string; rows: number }[]
  /** Documents written as snapshots. */
  documents: number
  /** SQLite journal rows folded into those snapshots (edits not compacted yet when it stopped). */
  journalRows: number
  /** Distinct files of resources (DATA_DIR/resources) copied into PostgreSQL. */
  files: number
}

export interface CopyOptions {
  /** The SQLite installation's DATA_DIR (its confer.sqlite). */
  dataDir: string
  /** A postgres:// URL of an empty database; its schema is created (or brought up to date) first. */
  databaseUrl: string
  /** Where progress lines go (the command prints them). */
  log?: (line: string) => void
}

/**
 * Copies an embedded SQLite installation into an empty PostgreSQL database, in one transaction:
 * either all of it is there afterwards, or nothing. Reads an online backup of the SQLite file
 * (consistent even if a server is still writing, though edits made after it are not copied:
 * stop the server first), migrated to this version's schema, so the original is never touched.
 */
export async function copySqliteToPostgres(options: CopyOptions): Promise<CopyReport> {
  const log = options.log ?? (() => {})
  const source = path.join(options.dataDir, DATABASE_FILE)
  if (!fs.existsSync(source)) {
    throw new CopyRefused(`No SQLite installation at ${source} (DATA_DIR is the server's data directory)`)
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'confer-copy-'))
  try {
    await backupSqlite(options.dataDir, path.join(work, DATABASE_FILE))
    const db = openDatabase(work)
    try {
      checkTables(db)
      const pool = createPool(options.databaseUrl, { max: 1, statementTimeoutMs: 0 })
      try {
        // Creates the schema in an empty database; a copy that fails later leaves it empty.
        await migrate(pool)
        const report = await inTransaction(pool, (client) => copyInto(db, client, options.dataDir))
        log(`Copied ${source} into ${redacted(options.databaseUrl)}:`)
        for (const { table, rows } of report.tables) log(`  ${table.padEnd(22)} ${rows}`)
        log(
          `  ${'documents'.padEnd(22)} ${report.documents} (one snapshot each, ${report.journalRows} journal rows folded in)`,
        )
        log(`  ${'resource files'.padEnd(22)} ${report.files}`)
        return report
      } finally {
        await pool.end()
      }
    } finally {
      db.close()
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true })
  }
}

/** Every SQLite table is one this copy knows: a newer table would otherwise be left behind. */
function checkTables(db: DatabaseSync): void {
  const rows = db
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
    .all() as { name: string }[]
  const known = new Set<string>([...TABLES, ...DOCUMENT_TABLES])
  const unknown = rows.map((r) => r.name).filter((name) => !known.has(name) && !DERIVED_TABLE.test(name))
  if (unknown.length > 0) {
    throw new Error(`The SQLite database has tables this copy does not know (${unknown.join(', ')})`)
  }
}

async function copyInto(db: DatabaseSync, client: PoolClient, dataDir: string): Promise<CopyReport> {
  // Copying a large installation takes as long as it takes; between statements the connection
  // waits on SQLite and Yjs, which is not a transaction left open by mistake.
  await client.query('SET LOCAL statement_timeout = 0')
  await client.query('SET LOCAL idle_in_transaction_session_timeout = 0')
  const { rows: present } = await client.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations'
     ORDER BY table_name`,
  )
  const tables = present.map((r) => r.table_name)
  // A second copy (or a server) waits here until this one is done, then finds the rows.
  await client.query(`LOCK TABLE ${tables.map(quoted).join(', ')} IN ACCESS EXCLUSIVE MODE`)
  const filled: string[] = []
  for (const table of tables) {
    const { rows } = await client.query<{ any: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM ${quoted(table)}) AS any`,
    )
    if (rows[0]?.any) filled.push(table)
  }
  if (filled.length > 0) {
    throw new CopyRefused(
      `The PostgreSQL database is not empty (${filled.join(', ')} have rows): the copy goes into a new, empty database only`,
    )
  }

  const report: CopyReport = { tables: [], documents: 0, journalRows: 0, files: 0 }
  report.files = await copyResourceFiles(db, client, dataDir)
  for (const table of TABLES) report.tables.push({ table, rows: await copyTable(db, client, table) })
  const { documents, journalRows, lastSeq } = await copyDocuments(db, client)
  report.documents = documents
  report.journalRows = journalRows
  await resetIdentities(client, { [JOURNAL_IDENTITY]: lastSeq })
  return report
}

interface Column {
  name: string
  type: string
}

/** Copies one table's rows in SQLite's insertion order (lists break ties on it); returns how many. */
async function copyTable(db: DatabaseSync, client: PoolClient, table: string): Promise<number> {
  const { rows: pgColumns } = await client.query<{ column_name: string; data_type: string }>(
    `SELECT column_name, data_type FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  )
  if (pgColumns.length === 0) throw new Error(`PostgreSQL has no table ${table} to copy into`)
  const types = new Map(pgColumns.map((c) => [c.column_name, c.data_type]))
  const columns: Column[] = (
    db.prepare(`PRAGMA table_info(${quoted(table)})`).all() as { name: string }[]
  ).map(({ name }) => {
    const type = types.get(name)
    if (type === undefined) throw new Error(`PostgreSQL's ${table} has no column ${name} to copy into`)
    return { name, type }
  })
  const names = columns.map((c) => quoted(c.name)).join(', ')
  const perInsert = Math.min(MAX_ROWS_PER_INSERT, Math.floor(MAX_PARAMETERS / columns.length))
  let batch: unknown[][] = []
  let bytes = 0
  let copied = 0
  const flush = async () => {
    if (batch.length === 0) return
    const values: unknown[] = []
    const tuples = batch.map((row) => {
      const placeholders = row.map((value) => {
        values.push(value)
        return `$${values.length}`
      })
      return `(${placeholders.join(', ')})`
    })
    // OVERRIDING SYSTEM VALUE: a copied value wins over an identity's own (resetIdentities follows).
    await client.query(
      `INSERT INTO ${quoted(table)} (${names}) OVERRIDING SYSTEM VALUE VALUES ${tuples.join(', ')}`,
      values,
    )
    copied += batch.length
    batch = []
    bytes = 0
  }
  const rows = db.prepare(`SELECT ${names} FROM ${quoted(table)} ORDER BY rowid`).iterate()
  for (const row of rows as Iterable<Record<string, SQLOutputValue>>) {
    batch.push(
      columns.map(({ name, type }) => {
        const value = row[name] ?? null
        if (value instanceof Uint8Array) bytes += value.byteLength
        return converted(value, type, `${table}.${name}`)
      }),
    )
    if (batch.length >= perInsert || bytes >= MAX_BYTES_PER_INSERT) await flush()
  }
  await flush()
  return copied
}

/** A SQLite value as the PostgreSQL column's type wants it: 0/1 to boolean, blobs to bytea. */
function converted(value: SQLOutputValue, type: string, where: string): unknown {
  if (value === null) return null
  switch (type) {
    case 'boolean':
      if (value === 0 || value === 1) return value === 1
      break
    case 'bytea':
      if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength)
      break
    case 'smallint':
    case 'integer':
    case 'bigint': {
      const n = Number(value)
      if (typeof value !== 'string' && Number.isSafeInteger(n)) return n
      break
    }
    case 'text':
      if (typeof value === 'string') return value
      break
    default:
      return value
  }
  throw new Error(
    `${where}: SQLite holds ${JSON.stringify(String(value))}, which is not a PostgreSQL ${type}`,
  )
}

/**
 * Each document as one snapshot: its SQLite snapshot and journal rows applied to a Y.Doc and
 * encoded as the server's compaction would, numbered with the document's last SQLite sequence
 * number. Returns the highest of those (the journal's identity must continue past it).
 */
async function copyDocuments(
  db: DatabaseSync,
  client: PoolClient,
): Promise<{ documents: number; journalRows: number; lastSeq: number }> {
  const store = new SqliteDocumentStore(db)
  const names = db
    .prepare('SELECT name FROM document_snapshots UNION SELECT name FROM document_journal ORDER BY name')
    .all() as { name: string }[]
  const journalRows = (db.prepare('SELECT count(*) AS n FROM document_journal').get() as { n: number }).n
  let lastSeq = 0
  const now = Date.now()
  for (const { name } of names) {
    const stored = await store.load(name)
    const doc = new Y.Doc()
    try {
      for (const update of stored.updates) Y.applyUpdate(doc, update)
      const state = Y.encodeStateAsUpdate(doc)
      await client.query(
        'INSERT INTO document_snapshots (name, state, through_seq, updated_at) VALUES ($1, $2, $3, $4)',
        [name, Buffer.from(state.buffer, state.byteOffset, state.byteLength), stored.lastSeq, now],
      )
    } catch (error) {
      throw new Error(`Document ${name} could not be copied: ${(error as Error).message}`, { cause: error })
    } finally {
      doc.destroy()
    }
    lastSeq = Math.max(lastSeq, stored.lastSeq)
  }
  return { documents: names.length, journalRows, lastSeq }
}

/**
 * Sets every identity sequence past the values the copy wrote (and past `floors`, keyed
 * `table.column`), so the next row drawn never reuses or undercuts a copied number.
 */
async function resetIdentities(client: PoolClient, floors: Record<string, number>): Promise<void> {
  const { rows } = await client.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND is_identity = 'YES'`,
  )
  const pending = new Set(Object.keys(floors).filter((key) => (floors[key] ?? 0) > 0))
  for (const { table_name: table, column_name: column } of rows) {
    const key = `${table}.${column}`
    pending.delete(key)
    const { rows: max } = await client.query<{ max: string | null }>(
      `SELECT max(${quoted(column)}) AS max FROM ${quoted(table)}`,
    )
    const top = Math.max(Number(max[0]?.max ?? 0), floors[key] ?? 0)
    if (top > 0) {
      await client.query('SELECT setval(pg_get_serial_sequence($1, $2), $3)', [quoted(table), column, top])
    }
  }
  if (pending.size > 0) {
    throw new Error(
      `PostgreSQL has no identity ${[...pending].join(', ')} to continue after the copied documents`,
    )
  }
}

function quoted(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`
}

/** The URL without its password, for what the command prints. */
function redacted(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return 'the PostgreSQL database'
  }
}

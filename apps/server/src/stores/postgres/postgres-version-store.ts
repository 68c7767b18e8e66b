import type { Pool } from 'pg'
import type { VersionRecord, VersionStore, VersionSummary } from '../version-store.ts'

interface Row {
  id: string
  name: string
  editors: string
  reason: VersionRecord['reason']
  created_at: string
}

const editorsOf = (json: string): string[] => {
  try {
    const value = JSON.parse(json) as unknown
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
  } catch {
    return []
  }
}

/** Newest first; `seq` orders versions taken within the same millisecond. */
const NEWEST_FIRST = 'ORDER BY created_at DESC, seq DESC'

export class PostgresVersionStore implements VersionStore {
  readonly #pool: Pool

  constructor(pool: Pool) {
    this.#pool = pool
  }

  async insert(v: VersionRecord): Promise<void> {
    await this.#pool.query(
      `INSERT INTO document_versions (id, name, state, editors, reason, created_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        v.id,
        v.name,
        Buffer.from(v.state.buffer, v.state.byteOffset, v.state.byteLength),
        JSON.stringify(v.editors),
        v.reason,
        v.createdAt,
      ],
    )
  }

  async list(name: string): Promise<VersionSummary[]> {
    // octet_length reads the stored length, not the (possibly megabytes of) state itself.
    const { rows } = await this.#pool.query<Row & { size: number }>(
      `SELECT id, name, editors, reason, created_at, octet_length(state) AS size
       FROM document_versions WHERE name = $1 ${NEWEST_FIRST}`,
      [name],
    )
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      editors: editorsOf(r.editors),
      reason: r.reason,
      createdAt: Number(r.created_at),
      size: r.size,
    }))
  }

  async get(name: string, id: string): Promise<VersionRecord | null> {
    const { rows } = await this.#pool.query<Row & { state: Buffer }>(
      'SELECT id, name, state, editors, reason, created_at FROM document_versions WHERE name = $1 AND id = $2',
      [name, id],
    )
    const r = rows[0]
    return r
      ? {
          id: r.id,
          name: r.name,
          state: new Uint8Array(r.state.buffer, r.state.byteOffset, r.state.byteLength),
          editors: editorsOf(r.editors),
          reason: r.reason,
          createdAt: Number(r.created_at),
        }
      : null
  }

  async prune(name: string, keep: number, maxBytes: number): Promise<number> {
    // One statement, without reading the states: a row two processes both choose is deleted and
    // counted once. The newest version always stays, however big.
    const result = await this.#pool.query(
      `DELETE FROM document_versions WHERE id IN (
         SELECT id FROM (
           SELECT id, row_number() OVER w AS position, sum(octet_length(state)) OVER w AS total
           FROM document_versions WHERE name = $1
           WINDOW w AS (${NEWEST_FIRST} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
         ) ranked
         WHERE position > $2 OR (position > 1 AND total > $3)
       )`,
      [name, keep, maxBytes],
    )
    return result.rowCount ?? 0
  }
}

import type { DatabaseSync } from 'node:sqlite'
import type { VersionRecord, VersionStore, VersionSummary } from '../version-store.ts'

interface Row {
  id: string
  name: string
  editors: string
  reason: VersionRecord['reason']
  created_at: number
}

const editorsOf = (json: string): string[] => {
  try {
    const value = JSON.parse(json) as unknown
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
  } catch {
    return []
  }
}

export class SqliteVersionStore implements VersionStore {
  readonly #db: DatabaseSync

  constructor(db: DatabaseSync) {
    this.#db = db
  }

  async insert(v: VersionRecord): Promise<void> {
    this.#db
      .prepare(
        'INSERT INTO document_versions (id, name, state, editors, reason, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(v.id, v.name, v.state, JSON.stringify(v.editors), v.reason, v.createdAt)
  }

  async list(name: string): Promise<VersionSummary[]> {
    const rows = this.#db
      .prepare(
        `SELECT id, name, editors, reason, created_at, length(state) AS size FROM document_versions
         WHERE name = ? ORDER BY created_at DESC, rowid DESC`,
      )
      .all(name) as unknown as (Row & { size: number })[]
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      editors: editorsOf(r.editors),
      reason: r.reason,
      createdAt: r.created_at,
      size: r.size,
    }))
  }

  async get(name: string, id: string): Promise<VersionRecord | null> {
    const r = this.#db.prepare('SELECT * FROM document_versions WHERE name = ? AND id = ?').get(name, id) as
      | (Row & { state: Uint8Array })
      | undefined
    return r
      ? {
          id: r.id,
          name: r.name,
          state: r.state,
          editors: editorsOf(r.editors),
          reason: r.reason,
          createdAt: r.created_at,
        }
      : null
  }

  async prune(name: string, keep: number, maxBytes: number): Promise<number> {
    const versions = await this.list(name)
    let total = 0
    const doomed = versions.filter((v, index) => {
      total += v.size
      return index >= keep || (index > 0 && total > maxBytes)
    })
    const remove = this.#db.prepare('DELETE FROM document_versions WHERE id = ?')
    for (const v of doomed) remove.run(v.id)
    return doomed.length
  }
}

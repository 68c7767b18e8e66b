import fs from 'node:fs'
import type { DatabaseSync } from 'node:sqlite'
import type { Readable } from 'node:stream'
import type { ResourceRecord, ResourceStore, StagedFile } from '../resource-store.ts'
import { FileBlobs } from './file-blobs.ts'

interface Row {
  id: string
  community_id: string
  kind: 'file' | 'link'
  title: string
  url: string | null
  content_hash: string | null
  size: number | null
  type: string | null
  created_by: string
  created_at: number
}

/** Where, under DATA_DIR, the files' bytes live. */
export const RESOURCE_FILES_DIR = 'resources'

const COLUMNS = 'id, community_id, kind, title, url, content_hash, size, type, created_by, created_at'

const record = (r: Row): ResourceRecord => ({
  id: r.id,
  communityId: r.community_id,
  kind: r.kind,
  title: r.title,
  url: r.url,
  contentHash: r.content_hash,
  size: r.size,
  type: r.type,
  createdBy: r.created_by,
  createdAt: r.created_at,
})

/**
 * Records in SQLite, bytes as files under DATA_DIR/resources. A record and its file change in one
 * synchronous step (no await between them), so on this one process no delete can drop bytes an
 * upload is about to refer to. The file is in place before its record: a crash between the two
 * leaves an unreferenced file, never a record without bytes.
 */
export class SqliteResourceStore implements ResourceStore {
  readonly #db: DatabaseSync
  readonly #blobs: FileBlobs

  constructor(db: DatabaseSync, filesDir: string) {
    this.#db = db
    this.#blobs = new FileBlobs(filesDir)
  }

  get stagingDir(): string {
    return this.#blobs.stagingDir
  }

  async insertLink(r: ResourceRecord): Promise<void> {
    this.#insert(r)
  }

  async insertFile(r: ResourceRecord, staged: StagedFile): Promise<void> {
    if (r.contentHash !== staged.contentHash) throw new Error('the staged file is not the one recorded')
    const hash = staged.contentHash
    const hadBytes = this.#blobs.has(hash)
    try {
      this.#blobs.keep(hash, staged.path)
    } catch (error) {
      fs.rmSync(staged.path, { force: true })
      throw error
    }
    try {
      this.#insert(r)
    } catch (error) {
      if (!hadBytes) this.#blobs.remove(hash)
      throw error
    }
  }

  #insert(r: ResourceRecord): void {
    this.#db
      .prepare(
        `INSERT INTO resources (${COLUMNS}, seq)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM resources))`,
      )
      .run(
        r.id,
        r.communityId,
        r.kind,
        r.title,
        r.url,
        r.contentHash,
        r.size,
        r.type,
        r.createdBy,
        r.createdAt,
      )
  }

  async resource(id: string): Promise<ResourceRecord | null> {
    const row = this.#db.prepare(`SELECT ${COLUMNS} FROM resources WHERE id = ?`).get(id) as Row | undefined
    return row ? record(row) : null
  }

  async resources(communityId: string, limit: number): Promise<ResourceRecord[]> {
    const rows = this.#db
      .prepare(
        `SELECT ${COLUMNS} FROM resources WHERE community_id = ?
         ORDER BY created_at DESC, seq DESC LIMIT ?`,
      )
      .all(communityId, limit) as unknown as Row[]
    return rows.map(record)
  }

  async deleteResource(id: string): Promise<boolean> {
    const row = this.#db.prepare('DELETE FROM resources WHERE id = ? RETURNING content_hash').get(id) as
      | { content_hash: string | null }
      | undefined
    if (!row) return false
    const hash = row.content_hash
    if (hash !== null && !this.#db.prepare('SELECT 1 FROM resources WHERE content_hash = ?').get(hash)) {
      this.#blobs.remove(hash)
    }
    return true
  }

  async content(contentHash: string): Promise<Readable | null> {
    return this.#blobs.open(contentHash)
  }
}

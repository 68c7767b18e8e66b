import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import type { Pool, PoolClient } from 'pg'
import { CONTENT_HASH, type ResourceRecord, type ResourceStore, type StagedFile } from '../resource-store.ts'
import { inTransaction } from './pool.ts'

/** Bytes per chunk row (migration 30): a download holds one batch of these at a time. */
export const CHUNK_BYTES = 256 * 1024
const CHUNKS_PER_READ = 4

interface Row {
  id: string
  community_id: string
  kind: 'file' | 'link'
  title: string
  url: string | null
  content_hash: string | null
  size: string | null
  type: string | null
  created_by: string
  created_at: string
}

const COLUMNS = 'id, community_id, kind, title, url, content_hash, size, type, created_by, created_at'

const record = (r: Row): ResourceRecord => ({
  id: r.id,
  communityId: r.community_id,
  kind: r.kind,
  title: r.title,
  url: r.url,
  contentHash: r.content_hash,
  size: r.size === null ? null : Number(r.size),
  type: r.type,
  createdBy: r.created_by,
  createdAt: Number(r.created_at),
})

/**
 * Records and bytes in PostgreSQL, so every process serves every file. An upload and a delete of
 * the same bytes meet on their resource_blobs row: the upload locks it (upsert) before it refers
 * to it, the delete locks it before it looks for other records, so a delete never drops bytes a
 * record is about to hold, and the foreign key from resources makes that a rule of the database.
 */
export class PostgresResourceStore implements ResourceStore {
  readonly #pool: Pool
  readonly stagingDir: string

  constructor(pool: Pool, stagingDir = path.join(os.tmpdir(), 'confer-uploads')) {
    this.#pool = pool
    this.stagingDir = stagingDir
    fs.mkdirSync(stagingDir, { recursive: true })
  }

  async insertLink(r: ResourceRecord): Promise<void> {
    await insertRecord(this.#pool, r)
  }

  async insertFile(r: ResourceRecord, staged: StagedFile): Promise<void> {
    try {
      if (r.contentHash !== staged.contentHash) throw new Error('the staged file is not the one recorded')
      await inTransaction(this.#pool, async (client) => {
        const { rows } = await client.query<{ inserted: boolean }>(
          `INSERT INTO resource_blobs (hash, size, created_at) VALUES ($1, $2, $3)
           ON CONFLICT (hash) DO UPDATE SET hash = excluded.hash
           RETURNING (xmax = 0) AS inserted`,
          [staged.contentHash, staged.size, r.createdAt],
        )
        if (rows[0]?.inserted) await writeChunks(client, staged)
        await insertRecord(client, r)
      })
    } finally {
      await fs.promises.rm(staged.path, { force: true })
    }
  }

  async resource(id: string): Promise<ResourceRecord | null> {
    const { rows } = await this.#pool.query<Row>(`SELECT ${COLUMNS} FROM resources WHERE id = $1`, [id])
    return rows[0] ? record(rows[0]) : null
  }

  async resources(communityId: string, limit: number): Promise<ResourceRecord[]> {
    const { rows } = await this.#pool.query<Row>(
      `SELECT ${COLUMNS} FROM resources WHERE community_id = $1
       ORDER BY created_at DESC, seq DESC LIMIT $2`,
      [communityId, limit],
    )
    return rows.map(record)
  }

  async deleteResource(id: string): Promise<boolean> {
    return inTransaction(this.#pool, async (client) => {
      const { rows } = await client.query<{ content_hash: string | null }>(
        'DELETE FROM resources WHERE id = $1 RETURNING content_hash',
        [id],
      )
      if (rows.length === 0) return false
      const hash = rows[0]?.content_hash ?? null
      if (hash === null) return true
      // Waits for an upload of the same bytes to commit; the next statement then sees its record.
      await client.query('SELECT 1 FROM resource_blobs WHERE hash = $1 FOR UPDATE', [hash])
      await client.query(
        `DELETE FROM resource_blobs WHERE hash = $1
         AND NOT EXISTS (SELECT 1 FROM resources WHERE content_hash = $1)`,
        [hash],
      )
      return true
    })
  }

  async content(contentHash: string): Promise<Readable | null> {
    if (!CONTENT_HASH.test(contentHash)) return null
    const { rows } = await this.#pool.query('SELECT 1 FROM resource_blobs WHERE hash = $1', [contentHash])
    if (rows.length === 0) return null
    const pool = this.#pool
    async function* chunks(): AsyncGenerator<Buffer> {
      for (let next = 0; ; ) {
        const { rows: batch } = await pool.query<{ seq: number; data: Buffer }>(
          'SELECT seq, data FROM resource_chunks WHERE hash = $1 AND seq >= $2 ORDER BY seq LIMIT $3',
          [contentHash, next, CHUNKS_PER_READ],
        )
        for (const row of batch) {
          if (row.seq !== next) throw new Error(`resource bytes ${contentHash} are missing chunk ${next}`)
          next++
          yield row.data
        }
        if (batch.length < CHUNKS_PER_READ) return
      }
    }
    return Readable.from(chunks(), { objectMode: false })
  }
}

async function insertRecord(db: Pool | PoolClient, r: ResourceRecord): Promise<void> {
  await db.query(`INSERT INTO resources (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, [
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
  ])
}

/** The staged file's bytes as numbered chunk rows, read from disk one chunk at a time. */
export async function writeChunks(
  client: PoolClient,
  staged: { path: string; contentHash: string },
): Promise<void> {
  let seq = 0
  for await (const chunk of fs.createReadStream(staged.path, { highWaterMark: CHUNK_BYTES })) {
    await client.query('INSERT INTO resource_chunks (hash, seq, data) VALUES ($1, $2, $3)', [
      staged.contentHash,
      seq++,
      chunk as Buffer,
    ])
  }
}

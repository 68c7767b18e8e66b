import fs from 'node:fs'
import path from 'node:path'
import type { DatabaseSync } from 'node:sqlite'
import type { PoolClient } from 'pg'
import { writeChunks } from './postgres/postgres-resource-store.ts'
import { CONTENT_HASH } from './resource-store.ts'
import { RESOURCE_FILES_DIR } from './sqlite/sqlite-resource-store.ts'

/**
 * The bytes of every file resource of a SQLite installation, from its DATA_DIR/resources into
 * PostgreSQL's chunk rows (migration 31), before the resource rows that refer to them. Returns
 * how many distinct files it copied; a file a record needs that is not on disk stops the copy.
 */
export async function copyResourceFiles(
  db: DatabaseSync,
  client: PoolClient,
  dataDir: string,
): Promise<number> {
  const files = db
    .prepare(
      `SELECT content_hash AS hash, max(size) AS size, min(created_at) AS created_at FROM resources
       WHERE content_hash IS NOT NULL GROUP BY content_hash ORDER BY min(rowid)`,
    )
    .all() as { hash: string; size: number; created_at: number }[]
  for (const { hash, size, created_at: createdAt } of files) {
    if (!CONTENT_HASH.test(hash))
      throw new Error(`resources.content_hash ${JSON.stringify(hash)} is not a hash`)
    const file = path.join(dataDir, RESOURCE_FILES_DIR, hash.slice(0, 2), hash)
    if (!fs.existsSync(file)) throw new Error(`The file of resource bytes ${hash} is missing from ${file}`)
    await client.query('INSERT INTO resource_blobs (hash, size, created_at) VALUES ($1, $2, $3)', [
      hash,
      size,
      createdAt,
    ])
    await writeChunks(client, { path: file, contentHash: hash })
  }
  return files.length
}

import type { Pool } from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { type FreshDatabase, freshDatabase } from '../../../../test/support/services/fresh.ts'
import { migrate } from '../../src/stores/postgres/migrate.ts'
import { createPool } from '../../src/stores/postgres/pool.ts'
import { PostgresDocumentStore } from '../../src/stores/postgres/postgres-document-store.ts'
import { openDatabase } from '../../src/stores/sqlite/database.ts'
import { SqliteDocumentStore } from '../../src/stores/sqlite/sqlite-document-store.ts'
import { tempDataDir } from '../test-server.ts'
import { aDocument, appendOne, documentStoreContract, edit, textOf } from './document-store.contract.ts'

const opened: { close(): void }[] = []
afterEach(() => {
  for (const db of opened.splice(0)) db.close()
})

function openSqlite(dataDir: string): SqliteDocumentStore {
  const db = openDatabase(dataDir)
  opened.push(db)
  return new SqliteDocumentStore(db)
}

documentStoreContract('SQLite (node:sqlite, WAL)', async () => {
  const dataDir = tempDataDir()
  return { store: openSqlite(dataDir), reopen: async () => openSqlite(dataDir) }
})

let database: FreshDatabase
const pools: Pool[] = []
beforeAll(async () => {
  database = await freshDatabase()
  const pool = createPool(database.url, { max: 2 })
  try {
    await migrate(pool)
  } finally {
    await pool.end()
  }
})
afterAll(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.end()))
  await database?.drop()
})

/** A process of its own: its own pool, as a second server would have. */
function aProcess(): PostgresDocumentStore {
  const pool = createPool(database.url, { max: 3 })
  pools.push(pool)
  return new PostgresDocumentStore(pool)
}

documentStoreContract('PostgreSQL', async () => ({ store: aProcess(), reopen: async () => aProcess() }))

/** What a process holding `name` in memory would hold: the stored state plus its own edits. */
async function memoryOf(store: PostgresDocumentStore, name: string): Promise<Y.Doc> {
  const doc = new Y.Doc()
  const { updates } = await store.load(name)
  if (updates.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(updates))
  return doc
}

describe('PostgreSQL document journal shared by several processes', () => {
  it('[D3] a compaction by a process that has not yet seen another process’s update keeps it', async () => {
    const [one, two] = [aProcess(), aProcess()]
    const name = aDocument()
    const inOne = await memoryOf(one, name)
    const inTwo = await memoryOf(two, name)
    await appendOne(one, name, edit(inOne, 'from one '))
    // Process two appends later (a higher seq) and compacts through it, its memory lacking one's edit.
    const through = await appendOne(two, name, edit(inTwo, 'from two'))
    await two.compact(name, Y.encodeStateAsUpdate(inTwo), through)

    const loaded = await aProcess().load(name)
    expect(loaded.updates).toHaveLength(1)
    expect(loaded.lastSeq).toBe(through)
    expect(textOf(loaded.updates)).toContain('from one')
    expect(textOf(loaded.updates)).toContain('from two')
  })

  it('[D3] a compaction never drops what another process’s snapshot holds', async () => {
    const [one, two] = [aProcess(), aProcess()]
    const name = aDocument()
    const inOne = await memoryOf(one, name)
    const inTwo = await memoryOf(two, name)
    const s1 = await appendOne(one, name, edit(inOne, 'snapshotted by one '))
    await one.compact(name, Y.encodeStateAsUpdate(inOne), s1)
    const s2 = await appendOne(two, name, edit(inTwo, 'by two'))
    await two.compact(name, Y.encodeStateAsUpdate(inTwo), s2)

    const text = textOf((await aProcess().load(name)).updates)
    expect(text).toContain('snapshotted by one')
    expect(text).toContain('by two')
  })

  it('[D2] an append that commits after a compaction passed its sequence number is still loaded', async () => {
    const [one, two] = [aProcess(), aProcess()]
    const name = aDocument()
    const inOne = await memoryOf(one, name)
    const inTwo = await memoryOf(two, name)
    // Process one's commit takes its sequence number first and commits last.
    const slow = createPool(database.url, { max: 1 })
    pools.push(slow)
    const client = await slow.connect()
    try {
      await client.query('BEGIN')
      await client.query(`INSERT INTO document_journal (name, data, created_at) VALUES ($1, $2, 0)`, [
        name,
        Buffer.from(edit(inOne, 'slow commit ')),
      ])
      const through = await appendOne(two, name, edit(inTwo, 'fast commit'))
      await two.compact(name, Y.encodeStateAsUpdate(inTwo), through)
      await client.query('COMMIT')
    } finally {
      client.release()
    }

    const text = textOf((await aProcess().load(name)).updates)
    expect(text).toContain('slow commit')
    expect(text).toContain('fast commit')
    // And the next compaction merges it instead of dropping it.
    const later = await appendOne(two, name, edit(inTwo, ' later'))
    await two.compact(name, Y.encodeStateAsUpdate(inTwo), later)
    const compacted = await aProcess().load(name)
    expect(compacted.updates).toHaveLength(1)
    expect(textOf(compacted.updates)).toContain('slow commit')
  })

  it('[D3] compactions of one document by several processes at once lose nothing', async () => {
    const stores = [aProcess(), aProcess(), aProcess()]
    const name = aDocument()
    const memories = await Promise.all(stores.map((store) => memoryOf(store, name)))
    const written: string[] = []
    for (let round = 0; round < 5; round++) {
      const seqs = await Promise.all(
        stores.map((store, i) => {
          const text = `p${i}r${round} `
          written.push(text)
          return appendOne(store, name, edit(memories[i] as Y.Doc, text))
        }),
      )
      await Promise.all(
        stores.map((store, i) =>
          store.compact(name, Y.encodeStateAsUpdate(memories[i] as Y.Doc), seqs[i] ?? 0),
        ),
      )
    }
    const text = textOf((await aProcess().load(name)).updates)
    for (const piece of written) expect(text).toContain(piece)
  })
})

import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { DATABASE_FILE, openDatabase } from '../../src/stores/sqlite/database.ts'
import { SqliteDocumentStore } from '../../src/stores/sqlite/sqlite-document-store.ts'
import { tempDataDir } from '../test-server.ts'

const opened: { close(): void }[] = []
afterEach(() => {
  for (const db of opened.splice(0)) db.close()
})

function openStore(dataDir: string): SqliteDocumentStore {
  const db = openDatabase(dataDir)
  opened.push(db)
  return new SqliteDocumentStore(db)
}

/** One text edit of its own (a fresh client), as an update. */
function edit(text: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getText('t').insert(0, text)
  return Y.encodeStateAsUpdate(doc)
}

function textOf(updates: Uint8Array[]): string {
  const doc = new Y.Doc()
  for (const update of updates) Y.applyUpdate(doc, update)
  return doc.getText('t').toString()
}

function journalRows(dataDir: string): { name: string; seq: number }[] {
  const db = new DatabaseSync(path.join(dataDir, DATABASE_FILE), { readOnly: true })
  try {
    return db.prepare('SELECT name, seq FROM document_journal ORDER BY id').all() as {
      name: string
      seq: number
    }[]
  } finally {
    db.close()
  }
}

describe('SQLite update journal', () => {
  it('[D3] a compaction drops journal rows only up to the oldest one another document still needs', async () => {
    const dataDir = tempDataDir()
    const store = openStore(dataDir)
    const [a1] = await store.append([{ name: 'meeting/a', update: edit('a1 ') }])
    await store.append([{ name: 'meeting/b', update: edit('b1') }])
    const [a2] = await store.append([{ name: 'meeting/a', update: edit('a2') }])
    const merged = Y.mergeUpdates((await store.load('meeting/a')).updates)

    await store.compact('meeting/a', merged, a2 ?? 0)
    // a1 sits before b1, which b still needs; a2 sits after it and is merged, but rows go
    // from the front only.
    expect(journalRows(dataDir)).toEqual([
      { name: 'meeting/b', seq: 1 },
      { name: 'meeting/a', seq: a2 },
    ])
    expect(a1).toBe(1)
    expect((await store.load('meeting/a')).updates).toHaveLength(1)
    expect(textOf((await store.load('meeting/b')).updates)).toBe('b1')

    await store.compact('meeting/b', Y.mergeUpdates((await store.load('meeting/b')).updates), 1)
    expect(journalRows(dataDir)).toEqual([])
  })

  it('[D3] after a reopen, rows a snapshot already holds are not loaded again and go with the next compaction', async () => {
    const dataDir = tempDataDir()
    const store = openStore(dataDir)
    await store.append([{ name: 'meeting/b', update: edit('b1') }])
    const [a1] = await store.append([{ name: 'meeting/a', update: edit('a1') }])
    await store.compact('meeting/a', Y.mergeUpdates((await store.load('meeting/a')).updates), a1 ?? 0)
    expect(journalRows(dataDir)).toHaveLength(2)

    const again = openStore(dataDir)
    const loaded = await again.load('meeting/a')
    expect(loaded.updates).toHaveLength(1)
    expect(loaded.lastSeq).toBe(a1)
    const [a2] = await again.append([{ name: 'meeting/a', update: edit('a2') }])
    expect(a2).toBe((a1 ?? 0) + 1)
    await again.compact('meeting/b', Y.mergeUpdates((await again.load('meeting/b')).updates), 1)
    expect(journalRows(dataDir)).toEqual([{ name: 'meeting/a', seq: a2 }])
  })

  it('keeps the update log of a database from before the journal (migration 6)', async () => {
    const dataDir = tempDataDir()
    const db = openDatabase(dataDir)
    db.exec('PRAGMA user_version = 5')
    db.exec('DROP TABLE document_journal')
    db.exec(`CREATE TABLE document_log (name TEXT NOT NULL, seq INTEGER NOT NULL, data BLOB NOT NULL,
      created_at INTEGER NOT NULL, PRIMARY KEY (name, seq)) WITHOUT ROWID`)
    const insert = db.prepare('INSERT INTO document_log VALUES (?, ?, ?, 0)')
    insert.run('meeting/a', 2, edit('two'))
    insert.run('meeting/a', 1, edit('one'))
    db.close()

    const store = openStore(dataDir)
    expect(journalRows(dataDir)).toEqual([
      { name: 'meeting/a', seq: 1 },
      { name: 'meeting/a', seq: 2 },
    ])
    const [next] = await store.append([{ name: 'meeting/a', update: edit('three') }])
    expect(next).toBe(3)
  })
})

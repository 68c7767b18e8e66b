import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { DocumentStore } from '../../src/stores/document-store.ts'

/** One edit of a text, as an update against `base`. */
function edit(base: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(base)
  base.getText('t').insert(base.getText('t').length, text)
  return Y.encodeStateAsUpdate(base, before)
}

function appendOne(store: DocumentStore, name: string, update: Uint8Array): number {
  const [seq] = store.append([{ name, update }])
  if (seq === undefined) throw new Error('append returned no sequence number')
  return seq
}

function textOf(updates: Uint8Array[]): string {
  const doc = new Y.Doc()
  if (updates.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(updates))
  return doc.getText('t').toString()
}

/**
 * The behaviour every DocumentStore must have. Each store's test file calls this with a
 * factory that opens a fresh, empty store (and may reopen the same one).
 */
export function documentStoreContract(
  storeName: string,
  open: () => Promise<{ store: DocumentStore; reopen: () => Promise<DocumentStore> }>,
): void {
  describe(`${storeName} satisfies the document store contract`, () => {
    it('loads an unknown document as empty', async () => {
      const { store } = await open()
      expect(await store.load('meeting/none')).toEqual({ updates: [], lastSeq: 0 })
    })

    it('returns appended updates in order with increasing sequence numbers', async () => {
      const { store } = await open()
      const doc = new Y.Doc()
      const s1 = appendOne(store, 'meeting/a', edit(doc, 'one '))
      const s2 = appendOne(store, 'meeting/a', edit(doc, 'two'))
      expect(s2).toBeGreaterThan(s1)
      const loaded = await store.load('meeting/a')
      expect(loaded.lastSeq).toBe(s2)
      expect(textOf(loaded.updates)).toBe('one two')
    })

    it('[D1] appends a batch across documents in one call, each update in its own log', async () => {
      const { store } = await open()
      const a = new Y.Doc()
      const b = new Y.Doc()
      const seqs = store.append([
        { name: 'meeting/a', update: edit(a, 'one ') },
        { name: 'meeting/b', update: edit(b, 'beta') },
        { name: 'meeting/a', update: edit(a, 'two') },
      ])
      expect(seqs).toHaveLength(3)
      // Sequence numbers increase within a document's log.
      expect(seqs[2]).toBeGreaterThan(seqs[0] ?? Number.POSITIVE_INFINITY)
      const loadedA = await store.load('meeting/a')
      expect(textOf(loadedA.updates)).toBe('one two')
      expect(loadedA.lastSeq).toBe(seqs[2])
      const loadedB = await store.load('meeting/b')
      expect(textOf(loadedB.updates)).toBe('beta')
      expect(loadedB.lastSeq).toBe(seqs[1])
    })

    it('keeps documents apart', async () => {
      const { store } = await open()
      appendOne(store, 'meeting/a', edit(new Y.Doc(), 'alpha'))
      appendOne(store, 'meeting/b', edit(new Y.Doc(), 'beta'))
      expect(textOf((await store.load('meeting/a')).updates)).toBe('alpha')
      expect(textOf((await store.load('meeting/b')).updates)).toBe('beta')
    })

    it('[D3] compaction replaces merged updates by a snapshot and keeps later ones', async () => {
      const { store } = await open()
      const doc = new Y.Doc()
      appendOne(store, 'meeting/a', edit(doc, 'one '))
      const through = appendOne(store, 'meeting/a', edit(doc, 'two '))
      const snapshot = Y.encodeStateAsUpdate(doc)
      const later = appendOne(store, 'meeting/a', edit(doc, 'three'))
      await store.compact('meeting/a', snapshot, through)
      const loaded = await store.load('meeting/a')
      expect(loaded.updates).toHaveLength(2)
      expect(loaded.lastSeq).toBe(later)
      expect(textOf(loaded.updates)).toBe('one two three')
    })

    it('an older compaction never replaces a newer snapshot', async () => {
      const { store } = await open()
      const doc = new Y.Doc()
      const s1 = appendOne(store, 'meeting/a', edit(doc, 'one '))
      const old = Y.encodeStateAsUpdate(doc)
      const s2 = appendOne(store, 'meeting/a', edit(doc, 'two'))
      await store.compact('meeting/a', Y.encodeStateAsUpdate(doc), s2)
      await store.compact('meeting/a', old, s1)
      expect(textOf((await store.load('meeting/a')).updates)).toBe('one two')
    })

    it('[D3] an update appended after a compaction emptied the log is loaded, before and after a reopen', async () => {
      const { store, reopen } = await open()
      const doc = new Y.Doc()
      const s1 = appendOne(store, 'meeting/a', edit(doc, 'merged '))
      await store.compact('meeting/a', Y.encodeStateAsUpdate(doc), s1)
      const again = await reopen()
      const s2 = appendOne(again, 'meeting/a', edit(doc, 'after '))
      expect(s2).toBeGreaterThan(s1)
      appendOne(store, 'meeting/b', edit(new Y.Doc(), 'other'))
      const s3 = appendOne(again, 'meeting/a', edit(doc, 'reopen'))
      expect(s3).toBeGreaterThan(s2)
      expect(textOf((await again.load('meeting/a')).updates)).toBe('merged after reopen')
    })

    it('keeps everything across a reopen', async () => {
      const { store, reopen } = await open()
      const doc = new Y.Doc()
      appendOne(store, 'meeting/a', edit(doc, 'kept '))
      await store.compact('meeting/a', Y.encodeStateAsUpdate(doc), (await store.load('meeting/a')).lastSeq)
      appendOne(store, 'meeting/a', edit(doc, 'too'))
      await store.close()
      const again = await reopen()
      expect(textOf((await again.load('meeting/a')).updates)).toBe('kept too')
    })
  })
}

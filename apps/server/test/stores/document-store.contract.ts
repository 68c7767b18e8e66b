import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { DocumentStore } from '../../src/stores/document-store.ts'

/** One edit of a text, as an update against `base`. */
export function edit(base: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(base)
  base.getText('t').insert(base.getText('t').length, text)
  return Y.encodeStateAsUpdate(base, before)
}

export async function appendOne(store: DocumentStore, name: string, update: Uint8Array): Promise<number> {
  const [seq] = await store.append([{ name, update }])
  if (seq === undefined) throw new Error('append returned no sequence number')
  return seq
}

export function textOf(updates: Uint8Array[]): string {
  const doc = new Y.Doc()
  if (updates.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(updates))
  return doc.getText('t').toString()
}

/** A document name no other test uses: an engine's database may serve a whole file. */
export function aDocument(): string {
  return `meeting/${randomUUID()}`
}

/**
 * The behaviour every DocumentStore must have. Each engine's test file calls this with a
 * factory that opens a store (and may reopen the same one, as a restarted server would);
 * every test uses document names of its own, so one database can serve the whole file.
 */
export function documentStoreContract(
  storeName: string,
  open: () => Promise<{ store: DocumentStore; reopen: () => Promise<DocumentStore> }>,
): void {
  describe(`${storeName} satisfies the document store contract`, () => {
    it('loads an unknown document as empty', async () => {
      const { store } = await open()
      expect(await store.load(aDocument())).toEqual({ updates: [], lastSeq: 0 })
    })

    it('returns appended updates in order with increasing sequence numbers', async () => {
      const { store } = await open()
      const a = aDocument()
      const doc = new Y.Doc()
      const s1 = await appendOne(store, a, edit(doc, 'one '))
      const s2 = await appendOne(store, a, edit(doc, 'two'))
      expect(s2).toBeGreaterThan(s1)
      const loaded = await store.load(a)
      expect(loaded.lastSeq).toBe(s2)
      expect(loaded.updates).toHaveLength(2)
      expect(textOf(loaded.updates)).toBe('one two')
    })

    it('[D1] appends a batch across documents in one call, each update in its own log', async () => {
      const { store } = await open()
      const [nameA, nameB] = [aDocument(), aDocument()]
      const a = new Y.Doc()
      const b = new Y.Doc()
      const seqs = await store.append([
        { name: nameA, update: edit(a, 'one ') },
        { name: nameB, update: edit(b, 'beta') },
        { name: nameA, update: edit(a, 'two') },
      ])
      expect(seqs).toHaveLength(3)
      for (const seq of seqs) expect(Number.isSafeInteger(seq)).toBe(true)
      // Sequence numbers increase within a document's log.
      expect(seqs[2]).toBeGreaterThan(seqs[0] ?? Number.POSITIVE_INFINITY)
      const loadedA = await store.load(nameA)
      expect(textOf(loadedA.updates)).toBe('one two')
      expect(loadedA.lastSeq).toBe(seqs[2])
      const loadedB = await store.load(nameB)
      expect(textOf(loadedB.updates)).toBe('beta')
      expect(loadedB.lastSeq).toBe(seqs[1])
    })

    it('[D1] a batch of many updates keeps their order within each document', async () => {
      const { store } = await open()
      const [nameA, nameB] = [aDocument(), aDocument()]
      const a = new Y.Doc()
      const b = new Y.Doc()
      const entries = Array.from({ length: 2_500 }, (_, i) =>
        i % 2 === 0 ? { name: nameA, update: edit(a, `${i} `) } : { name: nameB, update: edit(b, `${i} `) },
      )
      const seqs = await store.append(entries)
      for (const parity of [0, 1]) {
        const ofOne = seqs.filter((_, i) => i % 2 === parity)
        expect(new Set(ofOne).size).toBe(ofOne.length)
        expect(ofOne).toEqual([...ofOne].sort((x, y) => x - y))
      }
      expect(textOf((await store.load(nameA)).updates)).toBe(a.getText('t').toString())
      expect(textOf((await store.load(nameB)).updates)).toBe(b.getText('t').toString())
    })

    it('keeps documents apart', async () => {
      const { store } = await open()
      const [a, b] = [aDocument(), aDocument()]
      await appendOne(store, a, edit(new Y.Doc(), 'alpha'))
      await appendOne(store, b, edit(new Y.Doc(), 'beta'))
      expect(textOf((await store.load(a)).updates)).toBe('alpha')
      expect(textOf((await store.load(b)).updates)).toBe('beta')
    })

    it('[D3] compaction replaces merged updates by a snapshot and keeps later ones', async () => {
      const { store } = await open()
      const a = aDocument()
      const doc = new Y.Doc()
      await appendOne(store, a, edit(doc, 'one '))
      const through = await appendOne(store, a, edit(doc, 'two '))
      const snapshot = Y.encodeStateAsUpdate(doc)
      const later = await appendOne(store, a, edit(doc, 'three'))
      await store.compact(a, snapshot, through)
      const loaded = await store.load(a)
      expect(loaded.updates).toHaveLength(2)
      expect(loaded.lastSeq).toBe(later)
      expect(textOf(loaded.updates)).toBe('one two three')
    })

    it('an older compaction never replaces a newer snapshot', async () => {
      const { store } = await open()
      const a = aDocument()
      const doc = new Y.Doc()
      const s1 = await appendOne(store, a, edit(doc, 'one '))
      const old = Y.encodeStateAsUpdate(doc)
      const s2 = await appendOne(store, a, edit(doc, 'two'))
      await store.compact(a, Y.encodeStateAsUpdate(doc), s2)
      await store.compact(a, old, s1)
      const loaded = await store.load(a)
      expect(textOf(loaded.updates)).toBe('one two')
      expect(loaded.lastSeq).toBe(s2)
    })

    it('[D3] an update appended after a compaction emptied the log is loaded, before and after a reopen', async () => {
      const { store, reopen } = await open()
      const [a, b] = [aDocument(), aDocument()]
      const doc = new Y.Doc()
      const s1 = await appendOne(store, a, edit(doc, 'merged '))
      await store.compact(a, Y.encodeStateAsUpdate(doc), s1)
      expect(await store.load(a)).toMatchObject({ lastSeq: s1, updates: [expect.any(Uint8Array)] })
      const again = await reopen()
      const s2 = await appendOne(again, a, edit(doc, 'after '))
      expect(s2).toBeGreaterThan(s1)
      await appendOne(store, b, edit(new Y.Doc(), 'other'))
      const s3 = await appendOne(again, a, edit(doc, 'reopen'))
      expect(s3).toBeGreaterThan(s2)
      expect(textOf((await again.load(a)).updates)).toBe('merged after reopen')
    })

    it('keeps everything across a reopen', async () => {
      const { store, reopen } = await open()
      const a = aDocument()
      const doc = new Y.Doc()
      await appendOne(store, a, edit(doc, 'kept '))
      await store.compact(a, Y.encodeStateAsUpdate(doc), (await store.load(a)).lastSeq)
      await appendOne(store, a, edit(doc, 'too'))
      await store.close()
      const again = await reopen()
      expect(textOf((await again.load(a)).updates)).toBe('kept too')
    })

    it('[D1] a rejected append stores none of its updates', async () => {
      const { store } = await open()
      const a = aDocument()
      const doc = new Y.Doc()
      const kept = await appendOne(store, a, edit(doc, 'kept'))
      // The database refuses the second entry (no data): the first must not stay behind.
      const broken = { name: a, update: undefined as unknown as Uint8Array }
      await expect(store.append([{ name: a, update: edit(doc, ' lost') }, broken])).rejects.toThrow()
      const loaded = await store.load(a)
      expect(loaded.lastSeq).toBe(kept)
      expect(textOf(loaded.updates)).toBe('kept')
    })
  })
}

import { CloseCode } from '@confer/model'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { DocumentQuota } from '../src/collab/document-quota.ts'
import { checkUpdate, type UpdateLimits } from '../src/collab/update-limits.ts'
import { MalformedUpdate, StructTable, scanUpdate } from '../src/collab/update-scan.ts'

const UNLIMITED: UpdateLimits = {
  updateBytes: Number.POSITIVE_INFINITY,
  updateEntries: Number.POSITIVE_INFINITY,
  xmlDepth: 100,
}

/** Every struct and delete range of an update, as Yjs itself reads them. */
function yjsReading(update: Uint8Array) {
  const { structs, ds } = Y.decodeUpdate(update)
  let ranges = 0
  for (const items of ds.clients.values()) ranges += items.length
  return {
    entries: structs.length + ranges,
    types: structs.filter((s) => s instanceof Y.Item && s.content instanceof Y.ContentType).length,
    structs: structs.map((s) => [s.id.client, s.id.clock, s.length]),
  }
}

function ourReading(update: Uint8Array) {
  const table = new StructTable()
  const shape = scanUpdate(update, Number.POSITIVE_INFINITY, table)
  return {
    entries: shape.entries,
    types: shape.types,
    structs: Array.from({ length: table.count }, (_, i) => [
      table.client[i],
      table.clock[i],
      table.length[i],
    ]),
  }
}

/** Depth of every type in the document (deleted ones included), counted as the guard counts. */
function deepestType(doc: Y.Doc): number {
  let deepest = 0
  for (const structs of doc.store.clients.values()) {
    for (const struct of structs) {
      if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentType)) continue
      let depth = 1
      for (let p = struct.parent; p instanceof Y.AbstractType && p._item; p = p._item.parent) depth += 1
      deepest = Math.max(deepest, depth)
    }
  }
  return deepest
}

function withState(doc: Y.Doc, gc = false): Y.Doc {
  const copy = new Y.Doc({ gc })
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return copy
}

function diff(doc: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const before = Y.encodeStateVector(doc)
  change(doc)
  return Y.encodeStateAsUpdate(doc, before)
}

/** Every container an edit could insert into: the root fragment and each element in it. */
function containers(doc: Y.Doc): (Y.XmlFragment | Y.XmlElement)[] {
  const all: (Y.XmlFragment | Y.XmlElement)[] = [doc.getXmlFragment('f')]
  for (let i = 0; i < all.length; i++) {
    for (const child of (all[i] as Y.XmlFragment).toArray())
      if (child instanceof Y.XmlElement) all.push(child)
  }
  return all
}

/** A random edit, as an arbitrary: which container, where, and what. */
const edit = fc.record({
  client: fc.integer({ min: 0, max: 1 }),
  kind: fc.constantFrom('element', 'text', 'delete', 'map', 'any', 'format'),
  pick: fc.nat(),
  at: fc.nat(),
  chain: fc.integer({ min: 1, max: 3 }),
  sync: fc.boolean(),
  text: fc.string({ unit: 'grapheme', maxLength: 6 }),
})
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never

function apply(doc: Y.Doc, e: Edit): void {
  const all = containers(doc)
  const target = all[e.pick % all.length] as Y.XmlFragment | Y.XmlElement
  const at = e.at % (target.length + 1)
  switch (e.kind) {
    case 'element': {
      // A chain of new elements: the first names a neighbour (or its parent), the rest their parent.
      const top = new Y.XmlElement(`e${e.chain}`)
      let inner = top
      for (let i = 1; i < e.chain; i++) {
        const next = new Y.XmlElement('e')
        inner.insert(0, [next])
        inner = next
      }
      target.insert(at, [top])
      break
    }
    case 'text':
      target.insert(at, [new Y.XmlText(e.text)])
      break
    case 'delete':
      if (target.length > 0) target.delete(e.at % target.length, 1)
      break
    case 'map': {
      let map = doc.getMap<unknown>('m')
      for (let i = 0; i < e.pick % 4; i++) {
        const next = map.get('k')
        if (!(next instanceof Y.Map)) break
        map = next
      }
      map.set(e.text.length % 2 === 0 ? 'k' : 'j', new Y.Map())
      break
    }
    case 'any':
      doc.getArray('a').insert(0, [
        // Nested two deep, within every limit the properties pick (values have their own test).
        { nested: [e.text, e.at, BigInt(e.pick), e.at / 3] },
        new Uint8Array([e.chain]),
        ...(e.chain === 3 ? [new Y.Doc()] : []),
      ])
      break
    case 'format': {
      const text = doc.getText('t')
      text.insert(0, e.text, { bold: true })
      if (text.length > 1) text.format(0, 1, { italic: e.text })
      text.insertEmbed(0, { image: e.text })
      break
    }
  }
}

describe('[H1] reading an update as Yjs reads it', () => {
  it('[H1] counts the same structs, delete ranges and types as Yjs, with the same clocks and lengths', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 30 }), fc.boolean(), (edits, gc) => {
        const doc = new Y.Doc({ gc })
        const updates: Uint8Array[] = []
        doc.on('update', (u: Uint8Array) => updates.push(u))
        for (const e of edits) apply(doc, e)
        // A full state (GC structs when collected), each incremental update, and a merge of
        // every other one (Skip structs for the gaps).
        const merged = Y.mergeUpdates(updates.filter((_, i) => i % 2 === 0))
        for (const update of [Y.encodeStateAsUpdate(doc), merged, ...updates]) {
          expect(ourReading(update)).toEqual(yjsReading(update))
        }
      }),
      { numRuns: 150 },
    )
  })

  it('[H1] refuses every truncation of an update as malformed, and never fails any other way on corrupt bytes', () => {
    const doc = new Y.Doc()
    doc.getXmlFragment('f').insert(0, [new Y.XmlElement('p'), new Y.XmlText('héllo 👋')])
    doc.getArray('a').insert(0, [{ a: [1, 2.5, null, true, 'x', new Uint8Array([1])] }])
    doc.getText('t').insert(0, 'x', { bold: true })
    doc.getXmlFragment('f').delete(0, 1)
    const update = Y.encodeStateAsUpdate(doc)
    for (let cut = 0; cut < update.length; cut++) {
      expect(() => scanUpdate(update.subarray(0, cut), Number.POSITIVE_INFINITY)).toThrow(MalformedUpdate)
    }
    fc.assert(
      fc.property(fc.nat(update.length - 1), fc.integer({ min: 0, max: 255 }), (at, byte) => {
        const corrupt = update.slice()
        corrupt[at] = byte
        try {
          scanUpdate(corrupt, Number.POSITIVE_INFINITY, new StructTable())
        } catch (error) {
          expect(error).toBeInstanceOf(MalformedUpdate)
        }
      }),
      { numRuns: 500 },
    )
  })

  it('[H1] stops counting one entry past the limit', () => {
    const doc = new Y.Doc()
    const array = doc.getArray('a')
    for (let i = 0; i < 100; i++) array.insert(0, [i])
    expect(scanUpdate(Y.encodeStateAsUpdate(doc), 10).entries).toBe(11)
  })
})

describe('[H1] nesting depth worked out before applying', () => {
  it('[H1] refuses an update exactly when applying it would nest a type deeper than the limit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }),
        fc.boolean(),
        fc.array(edit, { minLength: 1, maxLength: 40 }),
        (limit, gc, edits) => {
          const server = new Y.Doc({ gc })
          const clients = [new Y.Doc({ gc: false }), new Y.Doc({ gc: false })]
          for (const e of edits) {
            const client = clients[e.client] as Y.Doc
            apply(client, e)
            const update = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server))
            const refusal = checkUpdate(update, server, { ...UNLIMITED, xmlDepth: limit })
            const after = withState(server, gc)
            Y.applyUpdate(after, update)
            expect(refusal?.reason ?? 'accepted').toBe(
              deepestType(after) > limit ? 'update nested too deep' : 'accepted',
            )
            if (refusal) {
              clients[e.client] = withState(server)
            } else {
              Y.applyUpdate(server, update)
            }
            // Now and then the clients catch up with each other, so edits meet concurrent ones.
            if (e.sync) for (const c of clients) Y.applyUpdate(c, Y.encodeStateAsUpdate(server))
          }
        },
      ),
      { numRuns: 200 },
    )
  })

  it('[H1] counts a new element from the parents already in the document, the update, or waiting in it', () => {
    const client = new Y.Doc()
    const server = new Y.Doc()
    const fragment = client.getXmlFragment('f')
    const limits = { ...UNLIMITED, xmlDepth: 4 }
    const accept = (update: Uint8Array) => {
      expect(checkUpdate(update, server, limits)).toBeNull()
      Y.applyUpdate(server, update)
    }
    // Depths 1 (the fragment's child) to 3, each naming its parent in the same update.
    accept(
      diff(client, () => {
        const a = new Y.XmlElement('a')
        fragment.insert(0, [a])
        const b = new Y.XmlElement('b')
        a.insert(0, [b])
        b.insert(0, [new Y.XmlElement('c')])
      }),
    )
    const b = (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlElement
    const c = b.get(0) as Y.XmlElement
    // A sibling of c names its neighbour, not its parent: at 3 too. A child of c is at 4.
    accept(diff(client, () => b.insert(1, [new Y.XmlElement('s')])))
    accept(diff(client, () => c.insert(0, [new Y.XmlElement('d')])))
    // Refused updates are made on a copy (its own client id): the server never gets their clocks.
    const probe = withState(client)
    const probeC = ((probe.getXmlFragment('f').get(0) as Y.XmlElement).get(0) as Y.XmlElement).get(0)
    const tooDeep = diff(probe, () =>
      ((probeC as Y.XmlElement).get(0) as Y.XmlElement).insert(0, [new Y.XmlText('!')]),
    )
    expect(checkUpdate(tooDeep, server, limits)).toEqual({
      code: CloseCode.updateRejected,
      reason: 'update nested too deep',
    })
    // An element the server keeps pending (an earlier clock of its client is missing) is a parent too.
    const gap = diff(client, () => client.getText('t').insert(0, 'gap'))
    const waiting = diff(client, () => fragment.insert(0, [new Y.XmlElement('w')]))
    accept(waiting)
    expect(server.store.pendingStructs).not.toBeNull()
    const w = fragment.get(0) as Y.XmlElement
    accept(diff(client, () => w.insert(0, [new Y.XmlElement('x')])))
    const underX = diff(client, () => (w.get(0) as Y.XmlElement).insert(0, [new Y.XmlElement('y')]))
    // w at 1, x at 2, y at 3: over a limit of 2 (it is not applied; its clocks come last).
    expect(checkUpdate(underX, server, { ...limits, xmlDepth: 2 })).toMatchObject({
      reason: 'update nested too deep',
    })
    accept(gap)
    expect(server.store.pendingStructs).toBeNull()
    expect(deepestType(server)).toBe(4)
  })

  it('[H1] refuses values nested deeper than the limit (arrays and objects in a Y.Array)', () => {
    const doc = new Y.Doc()
    let value: unknown[] = []
    const deep = value
    for (let i = 0; i < 150; i++) {
      const next: unknown[] = []
      value.push(next)
      value = next
    }
    const update = diff(doc, () => doc.getArray('a').push([deep]))
    expect(checkUpdate(update, new Y.Doc(), UNLIMITED)).toMatchObject({ reason: 'update nested too deep' })
  })

  it('[H1] refuses a nested map chain the same way as nested elements', () => {
    const doc = new Y.Doc()
    const update = diff(doc, () => {
      let map = doc.getMap<unknown>('m')
      for (let i = 0; i < 101; i++) {
        const next = new Y.Map<unknown>()
        map.set('k', next)
        map = next
      }
    })
    expect(checkUpdate(update, new Y.Doc(), UNLIMITED)).toMatchObject({ reason: 'update nested too deep' })
  })
})

describe('[H1] document quota estimate', () => {
  it('[H1] refuses what would take the document over the limit, and measures again once deletes made room', () => {
    const client = new Y.Doc()
    const server = new Y.Doc()
    let now = 0
    const quota = new DocumentQuota(100_000, () => now)
    const text = client.getText('t')
    for (let i = 0; i < 2; i++) {
      const update = diff(client, () => text.insert(text.length, 'x'.repeat(40_000)))
      expect(quota.wouldExceed(server, update.length)).toBe(false)
      Y.applyUpdate(server, update)
    }
    expect(quota.wouldExceed(server, 40_000)).toBe(true)
    // Deleted text is garbage-collected: the size drops, though the estimate only grew; it is
    // measured again a second after the last measurement.
    Y.applyUpdate(
      server,
      diff(client, () => text.delete(0, text.length)),
    )
    expect(quota.wouldExceed(server, 40_000)).toBe(true)
    now += 1_000
    expect(quota.wouldExceed(server, 40_000)).toBe(false)
  })
})

import { addAgendaItem, itemNotes, itemsMap, orderArray, readAgenda } from '@confer/model'
import fc from 'fast-check'
import * as Y from 'yjs'

/**
 * Valid Yjs updates a member could craft to hurt a meeting: oversized, too many entries, nested
 * too deep, wrong shapes where the model expects items, root types of the wrong kind, or the
 * whole agenda deleted. Each is built against the document's current state, so it depends on
 * nothing the server lacks, and written by a client id of its own, so the test can tell from
 * the server's state vector whether it was kept.
 */
export type HostileEdit =
  | { kind: 'long text'; root: string; length: number }
  | { kind: 'deep notes'; depth: number }
  | { kind: 'many entries'; count: number }
  | { kind: 'wrong root type'; root: 'items' | 'order'; as: 'array' | 'map' | 'text' | 'xml' }
  | { kind: 'wrong item'; key: string; value: unknown; inOrder: boolean }
  | { kind: 'clear agenda' }

export const hostileEdit: fc.Arbitrary<HostileEdit> = fc.oneof(
  fc.record({
    kind: fc.constant('long text' as const),
    root: fc.string({ minLength: 1, maxLength: 6 }).map((s) => `fuzz ${s}`),
    length: fc.oneof(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 120_000 })),
  }),
  fc.record({ kind: fc.constant('deep notes' as const), depth: fc.integer({ min: 1, max: 80 }) }),
  fc.record({ kind: fc.constant('many entries' as const), count: fc.integer({ min: 1, max: 4_000 }) }),
  fc.record({
    kind: fc.constant('wrong root type' as const),
    root: fc.constantFrom('items' as const, 'order' as const),
    as: fc.constantFrom('array' as const, 'map' as const, 'text' as const, 'xml' as const),
  }),
  fc.record({
    kind: fc.constant('wrong item' as const),
    key: fc.string({ maxLength: 70 }),
    value: fc.jsonValue({ maxDepth: 3 }),
    inOrder: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('clear agenda' as const) }),
)

/** The name of the root type a model accessor reads, found without spelling it here. */
function rootName(get: (doc: Y.Doc) => object): string {
  const doc = new Y.Doc()
  const type = get(doc)
  for (const [name, value] of doc.share) if (value === type) return name
  throw new Error('not a root type')
}

const ROOTS = { items: rootName(itemsMap), order: rootName(orderArray) }

/** The update `edit` makes on top of `state`, written as client `clientId`. */
export function buildHostileUpdate(state: Uint8Array, edit: HostileEdit, clientId: number): Uint8Array {
  const doc = new Y.Doc()
  if (edit.kind === 'wrong root type') {
    // On a document of its own: the server's root of that name is of another kind.
    doc.clientID = clientId
    const name = ROOTS[edit.root]
    if (edit.as === 'array') doc.getArray(name).insert(0, ['not an item'])
    else if (edit.as === 'map') doc.getMap(name).set('x', 'not an item')
    else if (edit.as === 'text') doc.getText(name).insert(0, 'not an item')
    else doc.getXmlFragment(name).insert(0, [new Y.XmlElement('paragraph')])
    return Y.encodeStateAsUpdate(doc)
  }
  Y.applyUpdate(doc, state)
  const before = Y.encodeStateVector(doc)
  doc.clientID = clientId
  doc.transact(() => {
    switch (edit.kind) {
      case 'long text':
        doc.getText(edit.root).insert(0, 'w'.repeat(edit.length))
        break
      case 'deep notes': {
        const first = readAgenda(doc)[0]
        const notes = itemNotes(doc, first?.id ?? addAgendaItem(doc, { title: 'deep' }))
        let parent: Y.XmlFragment | Y.XmlElement | null = notes
        for (let i = 0; i < edit.depth && parent; i++) {
          const child: Y.XmlElement = new Y.XmlElement('blockquote')
          parent.insert(0, [child])
          parent = child
        }
        break
      }
      case 'many entries': {
        const map = doc.getMap('fuzz entries')
        for (let i = 0; i < edit.count; i++) map.set(`k${i}`, i)
        break
      }
      case 'wrong item':
        itemsMap(doc).set(edit.key, edit.value as Y.Map<unknown>)
        if (edit.inOrder) orderArray(doc).push([edit.key])
        break
      case 'clear agenda':
        for (const key of [...itemsMap(doc).keys()]) itemsMap(doc).delete(key)
        orderArray(doc).delete(0, orderArray(doc).length)
        break
    }
  })
  return Y.encodeStateAsUpdate(doc, before)
}

/** The clock `update` brings `clientId` to, or 0 when it writes nothing as that client. */
export function clockOf(update: Uint8Array, clientId: number): number {
  return Y.parseUpdateMeta(update).to.get(clientId) ?? 0
}

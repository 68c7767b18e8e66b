import * as Y from 'yjs'

function cloneValue(value: unknown): unknown {
  return value instanceof Y.AbstractType ? value.clone() : value
}

function replaceChildren(target: Y.XmlFragment, source: Y.XmlFragment): void {
  target.delete(0, target.length)
  // Hooks are not used by our editors; only elements and text are copied.
  const nodes = source.toArray().filter((n): n is Y.XmlElement | Y.XmlText => !(n instanceof Y.XmlHook))
  target.insert(
    0,
    nodes.map((node) => node.clone()),
  )
}

/**
 * Restores a map in place: nested maps and rich-text fragments that exist on both sides keep
 * their identity (so editors bound to an item's notes stay bound) and get the old content.
 */
function restoreMap(target: Y.Map<unknown>, source: Y.Map<unknown>): void {
  for (const key of [...target.keys()]) if (!source.has(key)) target.delete(key)
  for (const [key, value] of source) {
    const current = target.get(key)
    if (
      value instanceof Y.XmlFragment &&
      current instanceof Y.XmlFragment &&
      !(value instanceof Y.XmlElement)
    ) {
      replaceChildren(current, value)
    } else if (value instanceof Y.Map && current instanceof Y.Map) {
      restoreMap(current, value)
    } else if (value instanceof Y.AbstractType || current !== value) {
      target.set(key, cloneValue(value))
    }
  }
}

/**
 * Makes the named top-level types of `doc` hold what they hold in `old`, as ordinary new
 * changes (deletes and inserts of copies), so every connected client sees an earlier version
 * come back and nothing in the document's history is rewritten.
 */
export function restoreTopLevel(
  doc: Y.Doc,
  old: Y.Doc,
  types: Readonly<Record<string, 'map' | 'array' | 'xml'>>,
): void {
  doc.transact(() => {
    for (const [name, kind] of Object.entries(types)) {
      if (kind === 'map') {
        restoreMap(doc.getMap<unknown>(name), old.getMap<unknown>(name))
      } else if (kind === 'array') {
        const target = doc.getArray<unknown>(name)
        target.delete(0, target.length)
        target.insert(0, old.getArray<unknown>(name).toArray().map(cloneValue))
      } else {
        replaceChildren(doc.getXmlFragment(name), old.getXmlFragment(name))
      }
    }
  })
}

/** The top-level types a restore brings back, per document kind (DESIGN §3 shapes). */
export const RESTORABLE = {
  meeting: { items: 'map', order: 'array', actions: 'map' },
  charter: { norms: 'array', preamble: 'xml' },
} as const

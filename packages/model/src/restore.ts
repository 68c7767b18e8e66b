import * as Y from 'yjs'

/**
 * Restoring an earlier version of a document. Yjs copies (`clone`), inserts of nested new types,
 * deletes and garbage collection all recurse once per level of nesting, so a document nested a
 * few thousand levels deep (any client can write one) would exhaust the stack. Everything here
 * walks with its own stack instead, and deep content is deleted a bounded number of levels at a
 * time (SPEC H6).
 */

export type RestorableKind = 'map' | 'array' | 'xml'
export type RestorableTypes = Readonly<Record<string, RestorableKind>>

type Container = Y.Map<unknown> | Y.Array<unknown> | Y.XmlFragment

function isContainer(value: unknown): value is Container {
  return (
    (value instanceof Y.Map && !(value instanceof Y.XmlHook)) ||
    value instanceof Y.Array ||
    value instanceof Y.XmlFragment
  )
}

function topLevel(doc: Y.Doc, name: string, kind: RestorableKind): Container {
  return kind === 'map'
    ? doc.getMap<unknown>(name)
    : kind === 'array'
      ? doc.getArray<unknown>(name)
      : doc.getXmlFragment(name)
}

/** The nested types directly inside `container`. */
function childContainers(container: Container): Container[] {
  const values = container instanceof Y.Map ? [...container.values()] : container.toArray()
  return values.filter(isContainer)
}

/**
 * A copy of `value` without its nested types, to be filled once it is part of the document
 * (inserting a type that already holds types integrates them recursively), or the value itself
 * when it is not a type. Undefined for what restores skip: hooks (our editors use none) and types
 * of unknown kinds.
 */
function shell(value: unknown): unknown {
  if (value instanceof Y.XmlHook) return undefined
  if (value instanceof Y.XmlElement) {
    const element = new Y.XmlElement(value.nodeName)
    for (const [key, attribute] of Object.entries(value.getAttributes())) {
      element.setAttribute(key, attribute instanceof Y.AbstractType ? attribute.clone() : attribute)
    }
    return element
  }
  if (value instanceof Y.XmlFragment) return new Y.XmlFragment()
  if (value instanceof Y.Text) return value.clone() // Y.XmlText too: text has no nested types
  if (value instanceof Y.Map) return new Y.Map<unknown>()
  if (value instanceof Y.Array) return new Y.Array<unknown>()
  if (value instanceof Y.AbstractType) return undefined
  return value
}

/**
 * Makes `target` hold what `source` holds. Maps are restored in place, key by key, and nested maps
 * and rich-text fragments present on both sides keep their identity (so editors bound to an item's
 * notes stay bound); lists and fragments are emptied and refilled with copies.
 */
function restoreInto(target: Container, source: Container): void {
  const pending: [Container, Container][] = [[target, source]]
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [into, from] = next
    if (into instanceof Y.Map && from instanceof Y.Map) {
      for (const key of [...into.keys()]) if (!from.has(key)) into.delete(key)
      for (const [key, value] of from) {
        const current = into.get(key)
        const sameFragment =
          value instanceof Y.XmlFragment &&
          !(value instanceof Y.XmlElement) &&
          current instanceof Y.XmlFragment &&
          !(current instanceof Y.XmlElement)
        const sameMap =
          isContainer(value) && value instanceof Y.Map && isContainer(current) && current instanceof Y.Map
        if (sameFragment || sameMap) {
          pending.push([current, value])
          continue
        }
        if (!(value instanceof Y.AbstractType) && current === value) continue
        const copy = shell(value)
        if (copy === undefined) {
          into.delete(key)
          continue
        }
        into.set(key, copy)
        if (isContainer(copy)) pending.push([copy, value as Container])
      }
    } else if (!(into instanceof Y.Map) && !(from instanceof Y.Map)) {
      if (into.length > 0) into.delete(0, into.length)
      const copies: unknown[] = []
      for (const value of from.toArray()) {
        const copy = shell(value)
        if (copy === undefined) continue
        copies.push(copy)
        if (isContainer(copy)) pending.push([copy, value as Container])
      }
      // The copies are filled on later turns of the loop, once this insert has integrated them.
      if (into instanceof Y.XmlFragment) into.insert(0, copies as (Y.XmlElement | Y.XmlText)[])
      else into.insert(0, copies)
    }
  }
}

/**
 * Makes the named top-level types of `doc` hold what they hold in `old`, as ordinary new
 * changes (deletes and inserts of copies), so every connected client sees an earlier version
 * come back and nothing in the document's history is rewritten. Run `trimDeepest` until it
 * returns false first when the current content may be deep: this deletes it in one transaction.
 */
export function restoreTopLevel(doc: Y.Doc, old: Y.Doc, types: RestorableTypes): void {
  doc.transact(() => {
    for (const [name, kind] of Object.entries(types))
      restoreInto(topLevel(doc, name, kind), topLevel(old, name, kind))
  })
}

export interface Nesting {
  /** Levels of nested types below the top-level types (a top-level type's own values are level 1). */
  depth: number
  /** Levels of XML elements inside one XML fragment, as MAX_XML_DEPTH counts them. */
  xmlDepth: number
}

/** How deeply the named types of `doc` nest, measured without recursion. */
export function nestingOf(doc: Y.Doc, types: RestorableTypes): Nesting {
  let depth = 0
  let xmlDepth = 0
  const stack: [Container, number, number][] = Object.entries(types).map(([name, kind]) => [
    topLevel(doc, name, kind),
    0,
    0,
  ])
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [container, level, xmlLevel] = next
    depth = Math.max(depth, level)
    xmlDepth = Math.max(xmlDepth, xmlLevel)
    for (const child of childContainers(container)) {
      stack.push([child, level + 1, child instanceof Y.XmlElement ? xmlLevel + 1 : 0])
    }
  }
  return { depth, xmlDepth }
}

/** Levels one deleting transaction may cut through: Yjs deletes and collects them recursively. */
export const DELETE_LEVELS = 200

/**
 * When the named types nest deeper than `levels`, empties, in one transaction, every nested type
 * with exactly `levels` levels below it, and returns true; otherwise changes nothing and returns
 * false. Called until it returns false, it brings deep content down from the bottom, each
 * transaction (and the update every client applies) deleting at most `levels` levels, and it
 * leaves shallow content (another item's notes) alone.
 */
export function trimDeepest(doc: Y.Doc, types: RestorableTypes, levels = DELETE_LEVELS): boolean {
  const nodes: Container[] = []
  const parents: number[] = []
  const stack: [Container, number][] = Object.entries(types).map(([name, kind]) => [
    topLevel(doc, name, kind),
    -1,
  ])
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [container, parent] = next
    const index = nodes.push(container) - 1
    parents.push(parent)
    for (const child of childContainers(container)) stack.push([child, index])
  }
  // Every type is listed after its parent, so one backward pass finds each one's height.
  const heights = nodes.map(() => 0)
  for (let i = nodes.length - 1; i >= 0; i--) {
    const parent = parents[i] ?? -1
    if (parent >= 0) heights[parent] = Math.max(heights[parent] ?? 0, (heights[i] ?? 0) + 1)
  }
  if (!nodes.some((_, i) => parents[i] === -1 && (heights[i] ?? 0) > levels)) return false
  doc.transact(() => {
    nodes.forEach((container, i) => {
      if (heights[i] !== levels) return
      if (container instanceof Y.Map) for (const key of [...container.keys()]) container.delete(key)
      else container.delete(0, container.length)
    })
  })
  return true
}

/** The top-level types a restore brings back, per document kind (DESIGN §3 shapes). */
export const RESTORABLE = {
  meeting: { items: 'map', order: 'array', actions: 'map', decisions: 'map' },
  charter: { norms: 'array', preamble: 'xml' },
  plan: { goals: 'array', cycle: 'map', evidence: 'array', timeline: 'array' },
} as const satisfies Record<string, RestorableTypes>

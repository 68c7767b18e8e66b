import * as Y from 'yjs'
import { newId } from './ids.ts'

/**
 * Typed access to a `community/<id>/charter` document (DESIGN §3): `norms` (Y.Array of
 * Y.Map {id, text}) and `preamble` (rich text).
 */
export interface Norm {
  id: string
  text: string
}

export const normsArray = (doc: Y.Doc): Y.Array<Y.Map<unknown>> => doc.getArray<Y.Map<unknown>>('norms')
export const preambleFragment = (doc: Y.Doc): Y.XmlFragment => doc.getXmlFragment('preamble')

/** The norms in order; entries of a foreign shape are skipped, duplicate ids keep the first. */
export function readNorms(doc: Y.Doc): Norm[] {
  const seen = new Set<string>()
  const norms: Norm[] = []
  for (const entry of normsArray(doc)) {
    if (!(entry instanceof Y.Map)) continue
    const id = entry.get('id')
    const text = entry.get('text')
    if (typeof id !== 'string' || seen.has(id)) continue
    seen.add(id)
    norms.push({ id, text: typeof text === 'string' ? text : '' })
  }
  return norms
}

function indexOfNorm(doc: Y.Doc, id: string): number {
  return normsArray(doc)
    .toArray()
    .findIndex((entry) => entry instanceof Y.Map && entry.get('id') === id)
}

export function addNorm(doc: Y.Doc, text: string, index?: number): string {
  const id = newId()
  const entry = new Y.Map<unknown>()
  entry.set('id', id)
  entry.set('text', text)
  const norms = normsArray(doc)
  norms.insert(Math.min(Math.max(index ?? norms.length, 0), norms.length), [entry])
  return id
}

export function updateNorm(doc: Y.Doc, id: string, text: string): void {
  const entry = normsArray(doc).get(indexOfNorm(doc, id))
  if (entry instanceof Y.Map) entry.set('text', text)
}

export function removeNorm(doc: Y.Doc, id: string): void {
  const index = indexOfNorm(doc, id)
  if (index >= 0) normsArray(doc).delete(index, 1)
}

/** Moves a norm by re-inserting a copy (Yjs has no move); its id stays the same. */
export function moveNorm(doc: Y.Doc, id: string, toIndex: number): void {
  const from = indexOfNorm(doc, id)
  if (from < 0) return
  doc.transact(() => {
    const norms = normsArray(doc)
    const text = (norms.get(from) as Y.Map<unknown>).get('text')
    norms.delete(from, 1)
    const entry = new Y.Map<unknown>()
    entry.set('id', id)
    entry.set('text', typeof text === 'string' ? text : '')
    norms.insert(Math.min(Math.max(toIndex, 0), norms.length), [entry])
  })
}

/** Appends starter norms (a new team picks a starter charter on the server). */
export function appendNorms(doc: Y.Doc, texts: readonly string[]): void {
  doc.transact(() => {
    for (const text of texts) addNorm(doc, text)
  })
}

/**
 * What an affirmation agrees to. Decision (SPEC N1): the set of norm texts, each trimmed with
 * runs of white space collapsed. Rewording a norm, adding or removing one makes affirmations
 * stale; reordering norms, white-space-only edits and any change to the preamble do not.
 */
export function normsFingerprint(norms: readonly Norm[]): string {
  return JSON.stringify(versionTexts(norms))
}

/** The texts a version is made of: trimmed, white space collapsed, empty ones left out, sorted. */
export function versionTexts(norms: readonly Norm[]): string[] {
  return norms
    .map((n) => n.text.replace(/\s+/g, ' ').trim())
    .filter((t) => t.length > 0)
    .sort()
}

/** SHA-256 of the fingerprint, hex: the version of the charter people affirm. */
export async function normsVersion(norms: readonly Norm[]): Promise<string> {
  const bytes = new TextEncoder().encode(normsFingerprint(norms))
  const digest = await crypto.subtle.digest('SHA-256', bytes)
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

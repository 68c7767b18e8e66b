import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect } from 'vitest'
import { type TestClient, waitForAcknowledged, waitForDoc } from '../support/collab-clients.ts'
import { paragraphs, typeParagraph } from '../support/notes.ts'

export function dataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'confer-fault-'))
}

/** A person typing uniquely marked paragraphs, who remembers which the server acknowledged. */
export interface Typist {
  client: TestClient
  typed: string[]
  /** The paragraphs this client saw acknowledged on its first connection. */
  acknowledged(): string[]
  /** Appends a paragraph to the first item's notes. */
  type(text: string): void
}

/**
 * The provider counts its updates not yet acknowledged (`unsyncedChanges`); on one connection
 * they are acknowledged in the order they were sent, so the first `typed - unsynced` paragraphs
 * are the acknowledged ones. Counting stops when that connection closes: a reconnect restarts
 * the provider's count with its new sync.
 */
export async function startTyping(client: TestClient): Promise<Typist> {
  await waitForAcknowledged(client)
  const typed: string[] = []
  let acknowledged = 0
  let open = true
  client.provider.on('unsyncedChanges', ({ number }: { number: number }) => {
    if (open) acknowledged = Math.max(acknowledged, typed.length - number)
  })
  client.provider.on('close', () => {
    open = false
  })
  return {
    client,
    typed,
    acknowledged: () => typed.slice(0, acknowledged),
    type(text) {
      // Recorded first: the provider counts the update synchronously inside typeParagraph.
      typed.push(text)
      typeParagraph(client.doc, text)
    },
  }
}

/** Types `count` paragraphs named `<prefix>-<n>`, one every `paceMs`, as a person would. */
export async function typeSome(typist: Typist, prefix: string, count: number, paceMs: number): Promise<void> {
  for (let n = 0; n < count; n++) {
    typist.type(`${prefix}-${n}`)
    await new Promise((resolve) => setTimeout(resolve, paceMs))
  }
}

/** How often each paragraph occurs. */
export function tally(texts: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const text of texts) counts.set(text, (counts.get(text) ?? 0) + 1)
  return counts
}

/** Every acknowledged paragraph is in `notes` exactly once, and nothing in it was never typed. */
export function expectAcknowledgedKept(notes: readonly string[], typists: readonly Typist[]): void {
  const counts = tally(notes)
  const missing: string[] = []
  const twice: string[] = []
  for (const typist of typists) {
    for (const text of typist.acknowledged()) {
      const n = counts.get(text) ?? 0
      if (n === 0) missing.push(text)
      if (n > 1) twice.push(text)
    }
  }
  expect({ missing, twice }).toEqual({ missing: [], twice: [] })
  const everTyped = new Set(typists.flatMap((t) => t.typed))
  expect(notes.filter((text) => !everTyped.has(text))).toEqual([])
  expect([...counts].filter(([, n]) => n > 1)).toEqual([])
}

/** Waits until every typist holds everything anyone typed, acknowledged, each paragraph once. */
export async function expectConverged(typists: readonly Typist[], timeoutMs = 20_000): Promise<void> {
  const all = typists.flatMap((t) => t.typed)
  const expected = [...all].sort()
  const holdsAll = (doc: Parameters<typeof paragraphs>[0]) => paragraphs(doc).length >= all.length
  await Promise.all(
    typists.map(async (t) => {
      await waitForDoc(t.client, holdsAll, `${all.length} paragraphs`)
      await waitForAcknowledged(t.client, timeoutMs)
    }),
  )
  for (const t of typists) expect([...paragraphs(t.client.doc)].sort()).toEqual(expected)
}

import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { VERSION_BYTES_KEPT, VERSIONS_KEPT } from '../../src/services/version-service.ts'
import type { VersionRecord, VersionStore } from '../../src/stores/version-store.ts'

const MiB = 1024 * 1024

function aVersion(name: string, fields: Partial<VersionRecord> = {}): VersionRecord {
  return {
    id: randomUUID(),
    name,
    state: Uint8Array.from([1, 2, 3, 0, 255]),
    editors: [],
    reason: 'edits',
    createdAt: Date.UTC(2030, 0, 1),
    ...fields,
  }
}

/** A document name of its own for each test: the tests share one database. */
const aDocument = () => `meeting/${randomUUID()}`

/** The behaviour every VersionStore must have: snapshots to look back at, within the V1 caps. */
export function versionStoreContract(engine: string, open: () => Promise<VersionStore>): void {
  describe(`${engine} satisfies the version store contract`, () => {
    it('gives a version back byte for byte, with who edited it, why and when', async () => {
      const versions = await open()
      const name = aDocument()
      const state = new Uint8Array(300_000).map((_, i) => (i * 7) % 256)
      const version = aVersion(name, {
        state,
        editors: ['user-a', 'user-b'],
        reason: 'session-ended',
        createdAt: Date.UTC(2031, 4, 6, 7, 8, 9, 10),
      })
      await versions.insert(version)
      const got = await versions.get(name, version.id)
      expect(got).toStrictEqual(version)
      expect(got?.state).toBeInstanceOf(Uint8Array)
      expect(await versions.get(aDocument(), version.id)).toBeNull()
      expect(await versions.get(name, randomUUID())).toBeNull()
    })

    it("lists a document's versions newest first with their sizes, and no other document's", async () => {
      const versions = await open()
      const name = aDocument()
      const older = aVersion(name, { createdAt: 1_000, state: new Uint8Array(10) })
      const newer = aVersion(name, { createdAt: 2_000, state: new Uint8Array(20), editors: ['u'] })
      // Taken in the same millisecond: the one stored later is the newer.
      const sameMs = aVersion(name, { createdAt: 2_000, state: new Uint8Array(30), reason: 'before-restore' })
      for (const v of [older, newer, sameMs]) await versions.insert(v)
      await versions.insert(aVersion(aDocument()))

      const summary = ({ state, ...rest }: VersionRecord) => ({ ...rest, size: state.byteLength })
      expect(await versions.list(name)).toStrictEqual([summary(sameMs), summary(newer), summary(older)])
      expect(await versions.list(aDocument())).toEqual([])
    })

    it('refuses a second version with the same id', async () => {
      const versions = await open()
      const version = aVersion(aDocument())
      await versions.insert(version)
      await expect(versions.insert({ ...version, reason: 'before-restore' })).rejects.toThrow()
    })

    it(`[V1] keeps the newest ${VERSIONS_KEPT} versions of a document and says how many went`, async () => {
      const versions = await open()
      const name = aDocument()
      const other = aDocument()
      await versions.insert(aVersion(other))
      const taken = Array.from({ length: VERSIONS_KEPT + 3 }, (_, i) => aVersion(name, { createdAt: i }))
      for (const v of taken) await versions.insert(v)

      expect(await versions.prune(name, VERSIONS_KEPT, VERSION_BYTES_KEPT)).toBe(3)
      const kept = await versions.list(name)
      expect(kept).toHaveLength(VERSIONS_KEPT)
      expect(kept.at(-1)?.id).toBe(taken[3]?.id)
      expect(await versions.prune(name, VERSIONS_KEPT, VERSION_BYTES_KEPT)).toBe(0)
      expect(await versions.list(other)).toHaveLength(1)
    })

    it(`[V1] keeps at most ${VERSION_BYTES_KEPT / MiB} MiB of a document's versions, newest first`, async () => {
      const versions = await open()
      const name = aDocument()
      const sizes = [1 * MiB, 16 * MiB, 16 * MiB] // oldest first: the newest two make exactly the cap
      const taken = sizes.map((size, i) =>
        aVersion(name, { createdAt: i, state: new Uint8Array(size).fill(i + 1) }),
      )
      for (const v of taken) await versions.insert(v)
      expect(await versions.prune(name, VERSIONS_KEPT, VERSION_BYTES_KEPT)).toBe(1)
      expect((await versions.list(name)).map((v) => v.id)).toEqual([taken[2]?.id, taken[1]?.id])
      // Compared as buffers: an element-wise deep equality of 16 MiB takes seconds.
      const newest = await versions.get(name, taken[2]?.id ?? '')
      expect(Buffer.from(newest?.state ?? []).equals(Buffer.from(taken[2]?.state ?? []))).toBe(true)
    })

    it('keeps the newest version even when it alone is over the byte cap', async () => {
      const versions = await open()
      const name = aDocument()
      const old = aVersion(name, { createdAt: 1, state: new Uint8Array(100) })
      const big = aVersion(name, { createdAt: 2, state: new Uint8Array(2_000) })
      await versions.insert(old)
      await versions.insert(big)
      expect(await versions.prune(name, 10, 1_000)).toBe(1)
      expect((await versions.list(name)).map((v) => v.id)).toEqual([big.id])
    })
  })
}

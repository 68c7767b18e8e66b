import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { buffer } from 'node:stream/consumers'
import { describe, expect, it } from 'vitest'
import type { ResourceRecord, ResourceStore, StagedFile } from '../../src/stores/resource-store.ts'
import { aCommunity, aPerson, type StoreWorld } from './store-world.ts'

/** Epoch milliseconds beyond 2^32, as real timestamps are. */
const NOW = 1_767_225_600_000

/** Writes `bytes` into the store's staging directory, as an upload would. */
function staged(store: ResourceStore, bytes: Buffer): StagedFile {
  const file = path.join(store.stagingDir, `${randomUUID()}.upload`)
  fs.writeFileSync(file, bytes)
  return { path: file, contentHash: createHash('sha256').update(bytes).digest('hex'), size: bytes.length }
}

function fileRecord(communityId: string, createdBy: string, file: StagedFile, at = NOW): ResourceRecord {
  return {
    id: randomUUID(),
    communityId,
    kind: 'file',
    title: 'Student work.png',
    url: null,
    contentHash: file.contentHash,
    size: file.size,
    type: 'image/png',
    createdBy,
    createdAt: at,
  }
}

function linkRecord(communityId: string, createdBy: string, at = NOW): ResourceRecord {
  return {
    id: randomUUID(),
    communityId,
    kind: 'link',
    title: 'Fractions unit',
    url: 'https://example.org/fractions',
    contentHash: null,
    size: null,
    type: null,
    createdBy,
    createdAt: at,
  }
}

async function read(store: ResourceStore, hash: string): Promise<Buffer | null> {
  const stream = await store.content(hash)
  return stream ? buffer(stream) : null
}

/** Bytes larger than one PostgreSQL chunk (256 KB), not all alike. */
const LARGE = Buffer.from(Array.from({ length: 700 * 1024 }, (_, i) => (i * 7919) % 251))

/** The behaviour every ResourceStore must have: records newest first, bytes by content hash. */
export function resourceStoreContract(
  engine: string,
  open: () => Promise<StoreWorld & { resources: ResourceStore }>,
): void {
  describe(`${engine} satisfies the resource store contract`, () => {
    it('[RS1] keeps links and files, and lists a community’s newest first', async () => {
      const { resources, ...world } = await open()
      const ada = await aPerson(world, 'Ada')
      const community = await aCommunity(world, ada)
      const other = await aCommunity(world, ada, 'Other')
      const first = linkRecord(community, ada, NOW)
      const file = staged(resources, Buffer.from('%PDF-1.4 pretend'))
      const second = fileRecord(community, ada, file, NOW + 1)
      // Same millisecond as the second: the one added later comes first.
      const third = linkRecord(community, ada, NOW + 1)
      await resources.insertLink(first)
      await resources.insertFile(second, file)
      await resources.insertLink(third)
      await resources.insertLink(linkRecord(other, ada))
      expect(await resources.resources(community, 10)).toEqual([third, second, first])
      expect(await resources.resources(community, 2)).toEqual([third, second])
      expect(await resources.resource(second.id)).toEqual(second)
      expect(await resources.resource(randomUUID())).toBeNull()
      expect(fs.existsSync(file.path), 'the staged file was consumed').toBe(false)
    })

    it('[RS3] gives back exactly the bytes kept, across chunk boundaries', async () => {
      const { resources, ...world } = await open()
      const ada = await aPerson(world, 'Ada')
      const community = await aCommunity(world, ada)
      const file = staged(resources, LARGE)
      await resources.insertFile(fileRecord(community, ada, file), file)
      expect((await read(resources, file.contentHash))?.equals(LARGE)).toBe(true)
      expect(await resources.content('0'.repeat(64))).toBeNull()
    })

    it('[RS3] keeps the same bytes once for two records, until the last of them is deleted', async () => {
      const { resources, ...world } = await open()
      const ada = await aPerson(world, 'Ada')
      const community = await aCommunity(world, ada)
      const bytes = Buffer.from(`shared bytes ${randomUUID()}`)
      const a = staged(resources, bytes)
      const b = staged(resources, bytes)
      const one = fileRecord(community, ada, a)
      const two = fileRecord(community, ada, b, NOW + 1)
      await resources.insertFile(one, a)
      await resources.insertFile(two, b)
      expect(fs.existsSync(b.path), 'the duplicate was dropped').toBe(false)

      expect(await resources.deleteResource(one.id)).toBe(true)
      expect((await read(resources, a.contentHash))?.equals(bytes)).toBe(true)
      expect(await resources.deleteResource(two.id)).toBe(true)
      expect(await resources.content(a.contentHash)).toBeNull()
      expect(await resources.deleteResource(two.id)).toBe(false)
      expect(await resources.resource(two.id)).toBeNull()
    })

    it('[RS3] deleting a link leaves every file alone', async () => {
      const { resources, ...world } = await open()
      const ada = await aPerson(world, 'Ada')
      const community = await aCommunity(world, ada)
      const file = staged(resources, Buffer.from(`kept ${randomUUID()}`))
      await resources.insertFile(fileRecord(community, ada, file), file)
      const link = linkRecord(community, ada)
      await resources.insertLink(link)
      expect(await resources.deleteResource(link.id)).toBe(true)
      expect(await read(resources, file.contentHash)).not.toBeNull()
    })

    it('[RS3] a record that cannot be kept leaves neither it nor new bytes behind', async () => {
      const { resources, ...world } = await open()
      const ada = await aPerson(world, 'Ada')
      const file = staged(resources, Buffer.from(`orphan ${randomUUID()}`))
      await expect(resources.insertFile(fileRecord(randomUUID(), ada, file), file)).rejects.toThrow()
      expect(await resources.content(file.contentHash)).toBeNull()
      expect(fs.existsSync(file.path)).toBe(false)
      await expect(resources.insertLink(linkRecord(randomUUID(), ada))).rejects.toThrow()
    })

    it('[RS3] an upload and a delete of the same bytes at once never leave a record without its bytes', async () => {
      const { resources, ...world } = await open()
      const ada = await aPerson(world, 'Ada')
      const community = await aCommunity(world, ada)
      const bytes = Buffer.from(`raced ${randomUUID()}`)
      for (let round = 0; round < 10; round++) {
        const first = staged(resources, bytes)
        const old = fileRecord(community, ada, first)
        await resources.insertFile(old, first)
        const again = staged(resources, bytes)
        const fresh = fileRecord(community, ada, again, NOW + 1)
        await Promise.all([resources.deleteResource(old.id), resources.insertFile(fresh, again)])
        expect((await read(resources, again.contentHash))?.equals(bytes)).toBe(true)
        await resources.deleteResource(fresh.id)
        expect(await resources.content(again.contentHash)).toBeNull()
      }
    })
  })
}

import type { Resource } from '@confer/api'
import type { Pool } from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCommunity, join, type Person, signUp } from '../../../test/support/api-client.ts'
import { openEventStream } from '../../../test/support/live-events.ts'
import {
  type FreshDatabase,
  type FreshRedis,
  freshDatabase,
  freshRedis,
} from '../../../test/support/services/fresh.ts'
import { createPool } from '../src/stores/postgres/pool.ts'
import { download, HTML, PNG, upload } from './resources-support.ts'
import { type RunningServer, startServer } from './test-server.ts'

/**
 * SPEC RS3: with DATABASE_URL the bytes live in PostgreSQL, so every process serves every file
 * (two server instances, each with its own DATA_DIR, on one database and one Redis).
 */
let database: FreshDatabase
let redis: FreshRedis
let pool: Pool
let a: RunningServer
let b: RunningServer
let member: Person
let observer: Person
let communityId: string

const MAX = 2 * 1024 * 1024

beforeAll(async () => {
  database = await freshDatabase()
  redis = freshRedis()
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    REDIS_PREFIX: redis.prefix,
    MAX_UPLOAD_BYTES: String(MAX),
  }
  a = await startServer({ env })
  b = await startServer({ env })
  pool = createPool(database.url)
  const facilitator = await signUp(a.url, 'Fatima')
  member = await signUp(a.url, 'Marcus')
  observer = await signUp(a.url, 'Oscar')
  communityId = await createCommunity(facilitator, 'Grade 4 math')
  await join(facilitator, communityId, member, 'member')
  await join(facilitator, communityId, observer, 'observer')
})
afterAll(async () => {
  await a?.close()
  await b?.close()
  await pool?.end()
  await database?.drop()
})

/** Bytes over several 256 KB chunks, not all alike. */
const LARGE = Buffer.concat([PNG, Buffer.from(Array.from({ length: 900 * 1024 }, (_, i) => (i * 31) % 253))])

async function blobCount(): Promise<number> {
  const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM resource_blobs')
  return Number(rows[0]?.n)
}

describe('[RS3] files on PostgreSQL', () => {
  it('[RS3] a file uploaded through one process downloads whole from the other, and its deletion holds on both', async () => {
    const res = await upload(a.url, member, communityId, 'work.png', LARGE)
    expect(res.status).toBe(201)
    const { resource } = res.body
    const fromB = await download(b.url, observer, resource.url)
    expect(fromB.status).toBe(200)
    expect(fromB.headers.get('content-type')).toBe('image/png')
    expect(fromB.bytes.equals(LARGE)).toBe(true)
    const listed = await fetch(`${b.url}/api/communities/${communityId}/resources`, {
      headers: { cookie: observer.api.cookie ?? '' },
    })
    expect(((await listed.json()) as { resources: Resource[] }).resources.map((r) => r.id)).toContain(
      resource.id,
    )

    const deleted = await fetch(`${b.url}${`/api/resources/${resource.id}`}`, {
      method: 'DELETE',
      headers: { cookie: member.api.cookie ?? '', origin: b.url },
    })
    expect(deleted.status).toBe(204)
    expect((await download(a.url, observer, resource.url)).status).toBe(404)
  })

  it('[RS3] the same bytes uploaded twice are kept once; a refused upload keeps none', async () => {
    const before = await blobCount()
    const one = await upload(a.url, member, communityId, 'one.png', PNG)
    const two = await upload(b.url, member, communityId, 'two.png', PNG)
    expect([one.status, two.status]).toEqual([201, 201])
    expect(await blobCount()).toBe(before + 1)
    expect((await upload(b.url, member, communityId, 'page.pdf', HTML)).status).toBe(415)
    expect((await upload(a.url, member, communityId, 'big.png', Buffer.alloc(MAX + 1))).status).toBe(413)
    expect(await blobCount()).toBe(before + 1)
  })

  it('[RS8] a page open on one process hears of a resource added through the other', async () => {
    const watcher = await openEventStream({ ...observer.api, baseUrl: b.url } as typeof observer.api)
    try {
      await upload(a.url, member, communityId, 'live.png', PNG)
      await watcher.next((e) => e.type === 'resources' && e.communityId === communityId)
    } finally {
      watcher.close()
    }
  })
})

import type { Resource } from '@confer/api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiClient, type Person } from '../../../test/support/api-client.ts'
import { openEventStream } from '../../../test/support/live-events.ts'
import {
  credentials,
  download,
  expiredPerson,
  PNG,
  type ResourceWorld,
  resourceWorld,
  upload,
} from './resources-support.ts'
import { type RunningServer, startServer } from './test-server.ts'

/** Who may add, list, read and delete a community's resources (SPEC RS1, RS2, RS7, RS8). */
let s: RunningServer
let w: ResourceWorld
let expired: Person
let anonymous: Person

beforeAll(async () => {
  s = await startServer()
  w = await resourceWorld(s.url)
  expired = await expiredPerson(s.url, s.dataDir)
  anonymous = { ...w.outsider, api: new ApiClient(s.url), token: '' }
})
afterAll(() => s.close())

const list = async (who: Person = w.member) =>
  (await who.api.get<{ resources: Resource[] }>(`/api/communities/${w.communityId}/resources`)).body.resources

async function addLink(who: Person, title: string): Promise<Resource> {
  const res = await who.api.post<{ resource: Resource }>(`/api/communities/${w.communityId}/resources`, {
    url: 'https://example.org/fractions?unit=3#week-2',
    title,
  })
  expect(res.status).toBe(201)
  return res.body.resource
}

async function addImage(who: Person, title = 'Student work'): Promise<Resource> {
  const res = await upload(s.url, who, w.communityId, 'work.png', PNG, title)
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body.resource
}

describe('[RS1] [RS2] adding and listing', () => {
  it('[RS1] members and facilitators add links and files; everyone in the community lists them, newest first', async () => {
    const link = await addLink(w.member, 'Fractions unit')
    expect(link).toMatchObject({
      kind: 'link',
      title: 'Fractions unit',
      url: 'https://example.org/fractions?unit=3#week-2',
      addedBy: { userId: w.member.id, name: 'Marcus Member' },
    })
    expect(link).not.toHaveProperty('size')
    const file = await addImage(w.facilitator)
    expect(file).toEqual({
      id: file.id,
      kind: 'file',
      title: 'Student work',
      url: `/api/resources/${file.id}/content`,
      size: PNG.length,
      type: 'image/png',
      createdAt: expect.any(String),
      addedBy: { userId: w.facilitator.id, name: 'Fatima Facilitator' },
    })
    for (const who of [w.facilitator, w.member, w.observer]) {
      const ids = (await list(who)).map((r) => r.id)
      expect(ids.indexOf(file.id)).toBeLessThan(ids.indexOf(link.id))
      expect(ids.indexOf(file.id)).toBeGreaterThanOrEqual(0)
    }
  })

  it('[RS2] links are http or https only; anything else is 400 and nothing is kept', async () => {
    const before = await list()
    for (const url of [
      'javascript:alert(document.cookie)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'ftp://example.org/a',
      'example.org',
      `https://example.org/${'a'.repeat(2100)}`,
    ]) {
      const res = await w.member.api.post(`/api/communities/${w.communityId}/resources`, { url, title: 'x' })
      expect(res, url).toMatchObject({ status: 400, body: { error: 'invalid_request' } })
    }
    for (const body of [
      { url: 'https://example.org', title: 'x'.repeat(201) },
      { url: 'https://a.org', extra: 1 },
    ]) {
      const res = await w.member.api.post(`/api/communities/${w.communityId}/resources`, body)
      expect(res.status).toBe(400)
    }
    expect(await list()).toEqual(before)
  })

  it('[RS2] a link without a title is called by its address', async () => {
    const res = await w.member.api.post<{ resource: Resource }>(
      `/api/communities/${w.communityId}/resources`,
      {
        url: 'https://www.allthingsplc.info/',
      },
    )
    expect(res.body.resource).toMatchObject({ title: 'https://www.allthingsplc.info/', kind: 'link' })
  })
})

describe('[RS1] [A1] [A2] [A3] the authorization matrix of every resource route', () => {
  type Who = 'anonymous' | 'expired' | 'outsider' | 'guest' | 'observer' | 'member' | 'facilitator'
  const people = (): Record<Who, Person> => ({
    anonymous,
    expired,
    outsider: w.outsider,
    guest: w.guest,
    observer: w.observer,
    member: w.member,
    facilitator: w.facilitator,
  })
  const refused = { anonymous: 401, expired: 401, outsider: 404, guest: 404 } as const

  async function call(who: Person, method: string, path: string, body?: unknown): Promise<number> {
    const res = await fetch(`${s.url}${path}`, {
      method,
      headers: {
        origin: s.url,
        ...credentials(who),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    })
    await res.arrayBuffer()
    return res.status
  }

  it.each([
    ['POST a link', { ...refused, observer: 403, member: 201, facilitator: 201 }],
    ['POST a file', { ...refused, observer: 403, member: 201, facilitator: 201 }],
    ['GET the list', { ...refused, observer: 200, member: 200, facilitator: 200 }],
    ['GET a file', { ...refused, observer: 200, member: 200, facilitator: 200 }],
    ["DELETE another's", { ...refused, observer: 403, member: 403, facilitator: 204 }],
  ] as const)('%s', async (route, expected) => {
    for (const [who, person] of Object.entries(people()) as [Who, Person][]) {
      const target = await addImage(w.otherMember)
      let status: number
      if (route === 'POST a link') {
        status = await call(person, 'POST', `/api/communities/${w.communityId}/resources`, {
          url: 'https://example.org',
          title: 'Matrix',
        })
      } else if (route === 'POST a file') {
        status = (await upload(s.url, person, w.communityId, 'matrix.png', PNG)).status
      } else if (route === 'GET the list') {
        status = await call(person, 'GET', `/api/communities/${w.communityId}/resources`)
      } else if (route === 'GET a file') {
        status = (await download(s.url, person, target.url)).status
      } else {
        status = await call(person, 'DELETE', `/api/resources/${target.id}`)
      }
      expect(status, `${route} as ${who}`).toBe(expected[who])
    }
  })

  it('[RS8] a member deletes what they added; the file is gone for everyone', async () => {
    const mine = await addImage(w.member, 'Mine')
    expect((await w.member.api.delete(`/api/resources/${mine.id}`)).status).toBe(204)
    expect((await download(s.url, w.facilitator, mine.url)).status).toBe(404)
    expect((await list()).map((r) => r.id)).not.toContain(mine.id)
    expect(await w.member.api.delete(`/api/resources/${mine.id}`)).toMatchObject({ status: 404 })
  })

  it('[A1] outsiders and guests get the same 404 as for an unknown resource or community', async () => {
    const target = await addImage(w.member)
    for (const who of [w.outsider, w.guest]) {
      const known = await download(s.url, who, target.url)
      const unknown = await download(s.url, who, '/api/resources/nosuchresource1/content')
      expect(known.status).toBe(404)
      expect(known.bytes.toString()).toBe(unknown.bytes.toString())
      const forbiddenList = await who.api.get(`/api/communities/${w.communityId}/resources`)
      const unknownList = await who.api.get('/api/communities/nosuchcommunity1/resources')
      expect(forbiddenList).toEqual(unknownList)
      expect(await who.api.delete(`/api/resources/${target.id}`)).toEqual(
        await who.api.delete('/api/resources/nosuchresource1'),
      )
    }
  })
})

describe('[RS8] live lists', () => {
  it('[RS8] another member’s open page hears of an added and a deleted resource; an outsider does not', async () => {
    const watcher = await openEventStream(w.otherMember.api)
    const stranger = await openEventStream(w.outsider.api)
    try {
      const added = await addLink(w.member, 'Live')
      const ours = () =>
        watcher.events.filter((e) => e.type === 'resources' && e.communityId === w.communityId)
      await watcher.next(() => ours().length >= 1)
      await w.member.api.delete(`/api/resources/${added.id}`)
      await watcher.next(() => ours().length >= 2)
      // The outsider's stream hears of their own community, and of nothing before it.
      await w.outsider.api.post(`/api/communities/${w.elsewhereId}/resources`, { url: 'https://example.org' })
      await stranger.next((e) => e.type === 'resources' && e.communityId === w.elsewhereId)
      expect(stranger.events.filter((e) => e.communityId === w.communityId)).toEqual([])
    } finally {
      watcher.close()
      stranger.close()
    }
  })
})

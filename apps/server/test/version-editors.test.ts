import { itemNotes, readAgenda } from '@confer/model'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createMeeting, type Person, rolesFixture } from '../../../test/support/api-client.ts'
import {
  connectClient,
  type TestClient,
  waitForAcknowledged,
  waitForDoc,
  waitForSynced,
} from '../../../test/support/collab-clients.ts'
import { nextEvent, type RunningServer, startServer } from './test-server.ts'

let s: RunningServer
let facilitator: Person
let member: Person
let observer: Person
let communityId: string
const clients: TestClient[] = []

beforeAll(async () => {
  // Versions only when everyone has left or on a restore: a version then holds several people's edits.
  s = await startServer({
    env: {
      VERSION_INTERVAL_MS: '600000',
      COMPACTION_DEBOUNCE_MS: '60000',
      COMPACTION_MAX_DEBOUNCE_MS: '120000',
    },
  })
  ;({ facilitator, member, observer, communityId } = await rolesFixture(s.url, 'Editors team'))
})
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy()
})
afterAll(() => s.close())

type Versions = { versions: { id: string; reason: string; createdAt: string; editors: { name: string }[] }[] }

async function open(name: string, who: Person): Promise<TestClient> {
  const c = connectClient(s.wsUrl, name, who.token)
  clients.push(c)
  await waitForSynced(c)
  return c
}

const versionsOf = async (meetingId: string) =>
  (await observer.api.get<Versions>(`/api/meetings/${meetingId}/versions`)).body.versions
const names = (v: Versions['versions'][number] | undefined) => v?.editors.map((e) => e.name).sort()

async function type(client: TestClient, item: string, text: string): Promise<void> {
  const notes = itemNotes(client.doc, item) as Y.XmlFragment
  notes.insert(notes.length, [new Y.XmlText(text)])
  await waitForAcknowledged(client)
}

describe('who edited, in version history', () => {
  it('[V3] a version names everyone who edited since the one before, whoever left first', async () => {
    const meeting = await createMeeting(facilitator, communityId, 'Editors')
    const name = `meeting/${meeting}`
    const before = (await versionsOf(meeting)).length
    const early = await open(name, member)
    const late = await open(name, facilitator)
    const item = readAgenda(early.doc)[0]?.id as string
    await type(early, item, 'member words ')
    early.destroy()
    await type(late, item, 'facilitator words')
    const taken = nextEvent(s, 'versionTaken', (e) => e.documentName === name)
    late.destroy()
    await taken

    const versions = await versionsOf(meeting)
    expect(versions).toHaveLength(before + 1)
    expect(names(versions[0])).toEqual(['Facilitator', 'Member'])
  })

  it('[V3] a restore: the version before it names who typed, the restorer is named for the restore', async () => {
    const meeting = await createMeeting(facilitator, communityId, 'Restored')
    const name = `meeting/${meeting}`
    const writer = await open(name, member)
    const item = readAgenda(writer.doc)[0]?.id as string
    const [seeded] = await versionsOf(meeting)
    await type(writer, item, 'words the member typed')

    const restored = await facilitator.api.post(`/api/meetings/${meeting}/versions/${seeded?.id}/restore`)
    expect(restored.status).toBe(204)
    await waitForDoc(writer, (doc) => itemNotes(doc, item)?.toString() === '', 'the restored notes')
    const beforeRestore = (await versionsOf(meeting)).find((v) => v.reason === 'before-restore')
    expect(names(beforeRestore)).toEqual(['Member'])

    const taken = nextEvent(s, 'versionTaken', (e) => e.documentName === name)
    writer.destroy()
    await taken
    const [afterRestore] = await versionsOf(meeting)
    expect(afterRestore?.reason).toBe('session-ended')
    expect(names(afterRestore)).toEqual(['Facilitator'])
  })

  it('[V3] a starter charter is the edit of whoever chose it', async () => {
    const name = `community/${communityId}/charter`
    const taken = nextEvent(s, 'versionTaken', (e) => e.documentName === name)
    const applied = await member.api.post(`/api/communities/${communityId}/charter/starter`, {
      starterId: 'starter-essentials',
    })
    expect(applied.status).toBe(204)
    await taken
    const list = await observer.api.get<Versions>(`/api/communities/${communityId}/charter/versions`)
    expect(names(list.body.versions[0])).toEqual(['Member'])
  })
})

import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { SERVER_BUNDLE } from '../../../apps/server/src/node-flags.ts'
import { buildServer } from '../../../scripts/lib/server-build.ts'
import { buildWeb, webBuildIsStale } from '../../../scripts/lib/web-build.ts'
import { createCommunity, createMeeting, join, type Person, signUp } from '../../support/api-client.ts'
import { type ServerProcess, spawnServer } from '../../support/server-process.ts'

const WEB_DIST = path.resolve(import.meta.dirname, '../../../apps/web/dist')

/** Confer serving the built web app, one community, and what the client bench needs of it. */
export interface WebTarget {
  url: string
  wsUrl: string
  process: ServerProcess
  facilitator: Person
  communityId: string
  /** The person at the browser: a member, with a session cookie for the browser's profile. */
  browserUser: Person
  /** `name=value` of the browser user's session cookie. */
  sessionCookie: { name: string; value: string }
  newMeeting(title?: string): Promise<string>
  /** Signs `count` people up into the community as members; their bearer tokens. */
  members(count: number): Promise<Person[]>
  stop(): Promise<void>
}

/**
 * Builds the web app (when stale) and the server bundle, then copies the web build aside: other
 * people rebuilding apps/web/dist mid-run would otherwise swap the files under the browser.
 */
export async function prepareWebBuild(): Promise<string> {
  if (webBuildIsStale() && !buildWeb()) throw new Error('the web app did not build')
  if (!(await buildServer())) throw new Error('the server bundle did not build')
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'confer-web-bench-dist-'))
  fs.cpSync(WEB_DIST, copy, { recursive: true })
  return copy
}

/** The server bundle (what `pnpm start` runs) on a fresh data directory, serving `webDist`. */
export async function startWebTarget(webDist: string): Promise<WebTarget> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'confer-web-bench-'))
  const server = await spawnServer(
    {
      DATA_DIR: dataDir,
      WEB_DIST_DIR: webDist,
      // Prefilling 500 KB of notes sends large updates; the browser's own limits stay as shipped.
      MAX_MESSAGE_BYTES: String(64 * 1024 * 1024),
    },
    SERVER_BUNDLE,
  )
  const facilitator = await signUp(server.url, 'Bench Facilitator')
  const communityId = await createCommunity(facilitator, 'Client bench')
  const browserUser = await signUp(server.url, 'Bench Browser')
  await join(facilitator, communityId, browserUser, 'member')
  const [name = '', value = ''] = (browserUser.api.cookie ?? '').split(/=(.*)/s)
  if (!name || !value) throw new Error('no session cookie after sign-up')
  let people = 0
  return {
    url: server.url,
    wsUrl: server.wsUrl,
    process: server,
    facilitator,
    communityId,
    browserUser,
    sessionCookie: { name, value },
    newMeeting: (title = 'Client bench meeting') => createMeeting(facilitator, communityId, title),
    members: async (count) => {
      const added: Person[] = []
      for (let i = 0; i < count; i++) {
        const person = await signUp(server.url, `Remote Typist ${++people}`)
        await join(facilitator, communityId, person, 'member')
        added.push(person)
      }
      return added
    },
    stop: async () => {
      server.child.kill('SIGTERM')
      await server.exited
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

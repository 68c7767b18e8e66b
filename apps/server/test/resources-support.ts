import fs from 'node:fs'
import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import type { Resource } from '@confer/api'
import { zipSync } from 'fflate'
import {
  ApiClient,
  createCommunity,
  createMeeting,
  join,
  type Person,
  signUp,
} from '../../../test/support/api-client.ts'
import { DATABASE_FILE } from '../src/stores/sqlite/database.ts'

/** A 1×1 PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)
export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
)
export const HTML = Buffer.from(
  '<!doctype html><html><body><script>alert(document.cookie)</script></body></html>',
)
export const SVG = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>',
)
export const TEXT = Buffer.from('Fractions: ½ + ¼ = ¾ — notes from Tuesday\n')

/** A Word document as Word writes one: file-type sees `word/` inside the zip. */
export function docx(): Buffer {
  return Buffer.from(
    zipSync({
      '[Content_Types].xml': Buffer.from('<?xml version="1.0"?><Types/>'),
      'word/document.xml': Buffer.from('<?xml version="1.0"?><w:document/>'),
    }),
  )
}

/** A zip file-type cannot tell from any other: only a name can make it an office file. */
export function plainZip(): Buffer {
  return Buffer.from(zipSync({ 'notes.txt': Buffer.from('just a zip') }))
}

export interface Answer<T = unknown> {
  status: number
  headers: Headers
  body: T
}

/** The person's session cookie, or their bearer token when they have no cookie. */
export function credentials(who: Person | null): Record<string, string> {
  if (who?.api.cookie) return { cookie: who.api.cookie }
  if (who?.api.bearer) return { authorization: `Bearer ${who.api.bearer}` }
  return {}
}

async function answer<T>(res: Response): Promise<Answer<T>> {
  const text = await res.text()
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as T }
}

/** Sends a file as the web app's form does: multipart `title` then `file`. */
export async function upload(
  baseUrl: string,
  who: Person | null,
  communityId: string,
  fileName: string,
  bytes: Uint8Array,
  title?: string,
): Promise<Answer<{ resource: Resource; error?: string; message?: string }>> {
  const form = new FormData()
  if (title !== undefined) form.append('title', title)
  form.append('file', new Blob([new Uint8Array(bytes)]), fileName)
  const headers: Record<string, string> = { origin: baseUrl, ...credentials(who) }
  const res = await fetch(`${baseUrl}/api/communities/${communityId}/resources`, {
    method: 'POST',
    headers,
    body: form,
  })
  return answer(res)
}

/** GET of a file's bytes, with the person's cookie (or none). */
export async function download(
  baseUrl: string,
  who: Person | null,
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const res = await fetch(`${baseUrl}${url}`, {
    headers: { ...headers, ...credentials(who) },
  })
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) }
}

/** Every file under `dir`, relative to it. */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort()
}

export interface ResourceWorld {
  facilitator: Person
  member: Person
  otherMember: Person
  observer: Person
  outsider: Person
  /** A member of another community of the community's network, guest in a meeting opened to it. */
  guest: Person
  communityId: string
  /** The outsider's own community. */
  elsewhereId: string
}

/** One person per role around a community in a network, with a guest let into one of its meetings. */
export async function resourceWorld(baseUrl: string): Promise<ResourceWorld> {
  const [facilitator, member, otherMember, observer, outsider, guest, guestFacilitator] = await Promise.all([
    signUp(baseUrl, 'Fatima Facilitator'),
    signUp(baseUrl, 'Marcus Member'),
    signUp(baseUrl, 'Olga Other'),
    signUp(baseUrl, 'Oscar Observer'),
    signUp(baseUrl, 'Otto Outsider'),
    signUp(baseUrl, 'Gina Guest'),
    signUp(baseUrl, 'Greta Guest-facilitator'),
  ])
  const communityId = await createCommunity(facilitator, 'Grade 4 math')
  await join(facilitator, communityId, member, 'member')
  await join(facilitator, communityId, otherMember, 'member')
  await join(facilitator, communityId, observer, 'observer')
  const elsewhereId = await createCommunity(outsider, 'Elsewhere')

  const network = await facilitator.api.post<{ network: { id: string } }>('/api/networks', {
    name: 'County math',
    communityId,
  })
  const invite = await facilitator.api.post<{ code: string }>(
    `/api/networks/${network.body.network.id}/invites`,
  )
  const guestCommunity = await createCommunity(guestFacilitator, 'Roosevelt math')
  await guestFacilitator.api.post(`/api/network-invites/${invite.body.code}/accept`, {
    communityId: guestCommunity,
  })
  await join(guestFacilitator, guestCommunity, guest, 'member')
  const meetingId = await createMeeting(facilitator, communityId, 'Targeted networking')
  const opened = await facilitator.api.put(`/api/meetings/${meetingId}/network-access`, {
    guestRole: 'member',
  })
  if (opened.status !== 200) throw new Error('the meeting was not opened to the network')
  if ((await guest.api.get(`/api/meetings/${meetingId}`)).status !== 200) throw new Error('not a guest')
  return { facilitator, member, otherMember, observer, outsider, guest, communityId, elsewhereId }
}

/** A person whose session and token have expired (in the SQLite file of the server at `dataDir`). */
export async function expiredPerson(baseUrl: string, dataDir: string): Promise<Person> {
  const person = await signUp(baseUrl, 'Expired')
  const db = new DatabaseSync(path.join(dataDir, DATABASE_FILE))
  try {
    db.prepare('UPDATE sessions SET expires_at = ? WHERE user_id = ?').run(Date.now() - 1, person.id)
  } finally {
    db.close()
  }
  const api = new ApiClient(baseUrl, { origin: null })
  api.bearer = person.token
  return { ...person, api }
}

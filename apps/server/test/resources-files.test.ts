import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Resource } from '@confer/api'
import { strFromU8, unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCommunity, join, type Person, signUp } from '../../../test/support/api-client.ts'
import { until } from '../../../test/support/wait.ts'
import {
  credentials,
  docx,
  download,
  filesUnder,
  HTML,
  PDF,
  PNG,
  plainZip,
  SVG,
  TEXT,
  upload,
} from './resources-support.ts'
import { type RunningServer, startServer } from './test-server.ts'

/** Uploads: size, type on the bytes, names that go nowhere, how files are served (SPEC RS3–RS7). */
const MAX = 256 * 1024
let s: RunningServer
let member: Person
let observer: Person
let communityId: string
const resourcesDir = () => path.join(s.dataDir, 'resources')

beforeAll(async () => {
  s = await startServer({ env: { MAX_UPLOAD_BYTES: String(MAX) } })
  const facilitator = await signUp(s.url, 'Fatima')
  member = await signUp(s.url, 'Marcus')
  observer = await signUp(s.url, 'Oscar')
  communityId = await createCommunity(facilitator, 'Grade 4 math')
  await join(facilitator, communityId, member, 'member')
  await join(facilitator, communityId, observer, 'observer')
})
afterAll(() => s.close())

const list = async () =>
  (await member.api.get<{ resources: Resource[] }>(`/api/communities/${communityId}/resources`)).body
    .resources

/** What is on disk and listed: an upload that was refused must change neither. */
async function kept(): Promise<{ listed: string[]; files: string[] }> {
  return { listed: (await list()).map((r) => r.id), files: filesUnder(resourcesDir()) }
}

/** A PNG of exactly `size` bytes: its signature, then zeros (file-type reads the signature). */
const pngOf = (size: number) => Buffer.concat([PNG, Buffer.alloc(size - PNG.length)])

/** A multipart body sent in chunks with no Content-Length, as a client streaming a file would. */
async function streamedUpload(bytes: number): Promise<{ status: number; body: { error?: string } }> {
  const boundary = `----confer${randomUUID()}`
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n`,
  )
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(head)
      controller.enqueue(PNG)
      for (let sent = PNG.length; sent < bytes; sent += 64 * 1024)
        controller.enqueue(new Uint8Array(64 * 1024))
      controller.enqueue(tail)
      controller.close()
    },
  })
  const res = await fetch(`${s.url}/api/communities/${communityId}/resources`, {
    method: 'POST',
    headers: {
      origin: s.url,
      ...credentials(member),
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    body,
    duplex: 'half',
  } as RequestInit)
  return { status: res.status, body: (await res.json()) as { error?: string } }
}

describe('[RS4] size', () => {
  it('[RS4] takes a file of exactly MAX_UPLOAD_BYTES', async () => {
    const res = await upload(s.url, member, communityId, 'exact.png', pngOf(MAX))
    expect(res.status).toBe(201)
    expect(res.body.resource.size).toBe(MAX)
  })

  it.each([
    ['one byte over, read until the limit', MAX + 1],
    ['far over, refused from its Content-Length', MAX * 4],
  ])('[RS4] refuses a file %s with 413 too_large and keeps nothing', async (_, size) => {
    const before = await kept()
    const res = await upload(s.url, member, communityId, 'big.png', pngOf(size))
    expect(res).toMatchObject({ status: 413, body: { error: 'too_large' } })
    expect(res.body.message).toMatch(/larger than/)
    expect(await kept()).toEqual(before)
    expect(filesUnder(path.join(resourcesDir(), '.staging'))).toEqual([])
  })

  it('[RS4] refuses a streamed upload with no Content-Length once it passes the limit', async () => {
    const before = await kept()
    expect(await streamedUpload(MAX * 3)).toMatchObject({ status: 413, body: { error: 'too_large' } })
    expect(await kept()).toEqual(before)
    // The connection is still good for the next request.
    expect((await upload(s.url, member, communityId, 'after.png', PNG)).status).toBe(201)
  })

  it('[RS4] an upload cut off mid-way leaves nothing behind', async () => {
    const before = await kept()
    const staging = path.join(resourcesDir(), '.staging')
    const watching = (recheck: () => void) => {
      const watcher = fs.watch(staging, recheck)
      return () => watcher.close()
    }
    const boundary = `----confer${randomUUID()}`
    let source: ReadableStreamDefaultController<Uint8Array> | undefined
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        source = controller
        controller.enqueue(
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cut.png"\r\n\r\n`,
          ),
        )
        controller.enqueue(PNG)
        controller.enqueue(new Uint8Array(32 * 1024))
      },
    })
    const abort = new AbortController()
    const sent = fetch(`${s.url}/api/communities/${communityId}/resources`, {
      method: 'POST',
      headers: {
        origin: s.url,
        ...credentials(member),
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      body,
      duplex: 'half',
      signal: abort.signal,
    } as RequestInit).catch(() => null)
    await until(() => filesUnder(staging).length > 0, watching, 'the upload to be staged')
    abort.abort()
    source?.error(new Error('the client went away'))
    await sent
    await until(() => filesUnder(staging).length === 0, watching, 'the staged part to be removed')
    expect(await kept()).toEqual(before)
  })
})

describe('[RS5] type, checked on the bytes', () => {
  it.each([
    ['an HTML page renamed .pdf', 'report.pdf', HTML],
    ['an HTML page', 'page.html', HTML],
    ['an HTML page renamed .txt', 'notes.txt', HTML],
    ['an SVG', 'drawing.svg', SVG],
    ['an SVG renamed .png', 'drawing.png', SVG],
    ['an SVG renamed .txt', 'drawing.txt', SVG],
    ['a script', 'run.js', Buffer.from('fetch("/api/me").then(r => r.text()).then(alert)\n')],
    ['a shell script renamed .txt', 'run.txt', Buffer.from('#!/bin/sh\nrm -rf /\n')],
    ['a plain zip', 'archive.zip', plainZip()],
    ['a plain zip renamed .pdf', 'archive.pdf', plainZip()],
    ['binary bytes named .txt', 'data.txt', Buffer.from([0x41, 0x00, 0x42, 0xff, 0xfe])],
    ['bytes that are not UTF-8 named .txt', 'latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a])],
    ['an executable', 'setup.exe', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)])],
  ])('[RS5] refuses %s with 415 type_not_allowed, keeping nothing', async (_, name, bytes) => {
    const before = await kept()
    const res = await upload(s.url, member, communityId, name, bytes)
    expect(res).toMatchObject({ status: 415, body: { error: 'type_not_allowed' } })
    expect(await kept()).toEqual(before)
  })

  it.each([
    ['a PNG', 'work.png', PNG, 'image/png'],
    ['a PNG whatever its name says', 'work.txt', PNG, 'image/png'],
    ['a PDF', 'rubric.pdf', PDF, 'application/pdf'],
    [
      'a Word document',
      'plan.docx',
      docx(),
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    [
      'a zip named as a Word document',
      'plan.docx',
      plainZip(),
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    ['UTF-8 text', 'notes.txt', TEXT, 'text/plain; charset=utf-8'],
    ['CSV', 'scores.csv', Buffer.from('student,score\nA,4\n'), 'text/plain; charset=utf-8'],
  ])('[RS5] accepts %s, stored as its type', async (_, name, bytes, type) => {
    const res = await upload(s.url, member, communityId, name, bytes)
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body.resource).toMatchObject({ kind: 'file', type, size: bytes.length, title: name })
    const got = await download(s.url, observer, res.body.resource.url)
    expect(got.headers.get('content-type')).toBe(type)
    expect(got.bytes.equals(bytes)).toBe(true)
  })

  it('[RS5] refuses an empty file with 400', async () => {
    const res = await upload(s.url, member, communityId, 'empty.txt', Buffer.alloc(0))
    expect(res).toMatchObject({ status: 400, body: { error: 'invalid_request' } })
  })
})

describe('[RS6] names go nowhere', () => {
  it('[RS6] a file named with ../ is kept under its hash inside DATA_DIR; the name is only its title', async () => {
    const marker = `escape-${randomUUID()}.txt`
    const bytes = Buffer.from(`trying to get out ${marker}\n`)
    const name = `../../../../../../tmp/${marker}`
    const res = await upload(s.url, member, communityId, name, bytes)
    expect(res.status).toBe(201)
    expect(res.body.resource.title).toBe(marker)
    for (const dir of ['/tmp', path.dirname(s.dataDir), s.dataDir, resourcesDir()]) {
      expect(fs.existsSync(path.join(dir, marker)), dir).toBe(false)
    }
    const hash = createHash('sha256').update(bytes).digest('hex')
    expect(filesUnder(resourcesDir())).toContain(path.join(hash.slice(0, 2), hash))
    // Every stored file is named by the hash of its bytes.
    for (const file of filesUnder(resourcesDir())) {
      const content = fs.readFileSync(path.join(resourcesDir(), file))
      expect(path.basename(file)).toBe(createHash('sha256').update(content).digest('hex'))
    }
    const got = await download(s.url, member, res.body.resource.url)
    expect(got.headers.get('content-disposition')).not.toMatch(/\.\.|\//)
  })

  it('[RS6] a Windows path and a name of only dots become plain titles', async () => {
    const windows = await upload(s.url, member, communityId, '..\\..\\Windows\\win.txt', TEXT)
    expect(windows.body.resource.title).toBe('win.txt')
    const dots = await upload(s.url, member, communityId, '..', PNG)
    expect(dots.body.resource.title).toBe('Untitled file')
  })
})

describe('[RS7] serving', () => {
  it('[RS7] images and PDFs open inline, everything else downloads; nothing is sniffed and nothing runs', async () => {
    const cases = [
      ['work.png', PNG, /^inline; filename="work\.png"/],
      ['rubric.pdf', PDF, /^inline; filename="rubric\.pdf"/],
      ['notes.txt', TEXT, /^attachment; filename="notes\.txt"/],
      ['plan.docx', docx(), /^attachment; filename="plan\.docx"/],
    ] as const
    for (const [name, bytes, disposition] of cases) {
      const { body } = await upload(s.url, member, communityId, name, bytes)
      const got = await download(s.url, observer, body.resource.url)
      expect(got.status).toBe(200)
      expect(got.headers.get('x-content-type-options')).toBe('nosniff')
      expect(got.headers.get('content-disposition')).toMatch(disposition)
      const csp = got.headers.get('content-security-policy') ?? ''
      expect(csp).toContain("default-src 'none'")
      expect(csp).not.toContain('script-src')
      if (name !== 'rubric.pdf') expect(csp).toContain('sandbox')
      expect(got.headers.get('cache-control')).toBe('private, no-cache')
    }
  })

  it('[RS7] a title of any kind makes a safe download name, with the extension of the stored type', async () => {
    const { body } = await upload(s.url, member, communityId, 'x.png', PNG, 'Élève "A" — work; 1')
    const disposition = (await download(s.url, member, body.resource.url)).headers.get('content-disposition')
    expect(disposition).toBe(
      `inline; filename="lve A  work 1.png"; filename*=UTF-8''%C3%89l%C3%A8ve%20A%20%E2%80%94%20work%3B%201.png`,
    )
  })

  it('[RS7] the same bytes are checked, not sent again', async () => {
    const { body } = await upload(s.url, member, communityId, 'work.png', PNG)
    const first = await download(s.url, member, body.resource.url)
    const etag = first.headers.get('etag') ?? ''
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/)
    const again = await download(s.url, member, body.resource.url, { 'if-none-match': etag })
    expect(again.status).toBe(304)
    expect(again.bytes.length).toBe(0)
  })
})

describe('[RS3] [X6] the community archive', () => {
  it('[RS3] carries every shared file with its bytes, and the links', async () => {
    const bytes = Buffer.concat([PNG, Buffer.from(randomUUID())])
    await upload(s.url, member, communityId, 'class photo.png', bytes, 'Gallery walk: table 3')
    await member.api.post(`/api/communities/${communityId}/resources`, {
      url: 'https://example.org/a(b)',
      title: 'Rubric [v2]',
    })
    const res = await fetch(`${s.url}/api/communities/${communityId}/export.zip`, {
      headers: credentials(member),
    })
    expect(res.status).toBe(200)
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()))
    const photo = Object.keys(files).find((name) => name.startsWith('resources/Gallery walk'))
    expect(photo).toMatch(/^resources\/Gallery walk[^/]*table 3\.png$/)
    expect(Buffer.from(files[photo ?? ''] ?? []).equals(bytes)).toBe(true)
    expect(strFromU8(files['resources/links.md'] ?? new Uint8Array())).toContain(
      '- [Rubric \\[v2\\]](https://example.org/a%28b%29)',
    )
  })
})

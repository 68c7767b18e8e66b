import { addAction, addAgendaItem, itemNotes, readAgenda } from '@confer/model'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { type Block, type Inline, parseMarkdown } from '../../../apps/web/src/summary/markdown.ts'
import {
  createCommunity,
  createMeeting,
  join,
  type Person,
  signUp,
} from '../../../test/support/api-client.ts'
import {
  connectClient,
  type TestClient,
  waitForAcknowledged,
  waitForDoc,
  waitForSynced,
} from '../../../test/support/collab-clients.ts'
import { nextEvent, type RunningServer, startServer } from './test-server.ts'

/**
 * SPEC H6: exports and restores never answer 5xx, whatever the document holds, and the Markdown
 * export carries no raw HTML, no unsafe links and no fence break-out.
 */

const DEPTH = 5_000
// The deep documents are written before any depth limit on incoming updates applies.
const env = {
  MAX_XML_DEPTH: '100000',
  VERSION_INTERVAL_MS: '0',
  COMPACTION_DEBOUNCE_MS: '20',
  COMPACTION_MAX_DEBOUNCE_MS: '50',
}

let s: RunningServer
let facilitator: Person
let member: Person
let communityId: string
const clients: TestClient[] = []

beforeAll(async () => {
  s = await startServer({ env })
  facilitator = await signUp(s.url, 'Fatima <b>Facilitator</b> F')
  member = await signUp(s.url, 'Marcus <img src=x onerror=alert(1)> M')
  communityId = await createCommunity(facilitator, '<i>Grade 5</i> & [team](javascript:alert(0))')
  await join(facilitator, communityId, member, 'member')
})
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy()
})
afterAll(() => s.close())

async function open(meetingId: string, who: Person = member): Promise<TestClient> {
  const c = connectClient(s.wsUrl, `meeting/${meetingId}`, who.token)
  clients.push(c)
  await waitForSynced(c)
  return c
}

function firstNotes(doc: Y.Doc): Y.XmlFragment {
  const notes = itemNotes(doc, readAgenda(doc)[0]?.id ?? '')
  if (!notes) throw new Error('the meeting has no notes')
  return notes
}

/**
 * Nests bulleted lists `DEPTH` elements deep, each item saying its level, as a member pressing
 * Tab (or a hostile client) could. Each element is inserted into an already integrated parent,
 * so building it never recurses.
 */
function writeDeepNotes(doc: Y.Doc): void {
  doc.transact(() => {
    let parent: Y.XmlFragment = firstNotes(doc)
    for (let level = 1; level <= DEPTH / 2; level++) {
      const list = new Y.XmlElement('bulletList')
      parent.insert(parent.length, [list])
      const item = new Y.XmlElement('listItem')
      list.insert(0, [item])
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [new Y.XmlText(`level ${level}`)])
      item.insert(0, [paragraph])
      parent = item
    }
  })
}

/** How deep elements nest under `fragment`, and all its text, without recursion. */
function measure(fragment: Y.XmlFragment): { depth: number; text: string[] } {
  let depth = 0
  const text: string[] = []
  const stack: [Y.XmlFragment, number][] = [[fragment, 0]]
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [node, level] = next
    depth = Math.max(depth, level)
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlElement) stack.push([child, level + 1])
      else if (child instanceof Y.XmlText) text.push(child.toString())
    }
  }
  return { depth, text }
}

const versionTaken = (name: string) => nextEvent(s, 'versionTaken', (e) => e.documentName === name)

async function summary(meetingId: string, who: Person = member): Promise<{ status: number; text: string }> {
  const res = await fetch(`${s.url}/api/meetings/${meetingId}/summary.md`, {
    headers: { cookie: who.api.cookie ?? '' },
  })
  return { status: res.status, text: await res.text() }
}

/** The first version of the meeting whose first item's notes pass `check`, waiting for it to be taken. */
async function versionWhere(meetingId: string, check: (notes: Y.XmlFragment) => boolean): Promise<string> {
  for (;;) {
    const taken = versionTaken(`meeting/${meetingId}`)
    const list = await member.api.get<{ versions: { id: string }[] }>(`/api/meetings/${meetingId}/versions`)
    for (const { id } of list.body.versions) {
      const res = await fetch(`${s.url}/api/meetings/${meetingId}/versions/${id}`, {
        headers: { cookie: member.api.cookie ?? '' },
      })
      expect(res.status).toBe(200)
      const old = new Y.Doc()
      Y.applyUpdate(old, new Uint8Array(await res.arrayBuffer()))
      const notes = itemNotes(old, readAgenda(old)[0]?.id ?? '')
      if (notes && check(notes)) return id
    }
    await taken
  }
}

describe('a document nested 5,000 levels deep', () => {
  let meetingId: string
  const isShallow = (notes: Y.XmlFragment) => measure(notes).text.join() === 'before the flood'
  const isDeep = (notes: Y.XmlFragment) => measure(notes).depth === DEPTH + 1

  it('[H6] summary.md answers 200 with every level of the notes, its nesting flattened past a depth', async () => {
    meetingId = await createMeeting(facilitator, communityId, 'Deep notes')
    const tab = await open(meetingId)
    firstNotes(tab.doc).insert(0, [paragraphOf(new Y.XmlText('before the flood'))])
    await waitForAcknowledged(tab)
    await versionWhere(meetingId, isShallow)
    writeDeepNotes(tab.doc)
    await waitForAcknowledged(tab)

    const res = await summary(meetingId)
    expect(res.status).toBe(200)
    for (const level of [1, 2, 100, DEPTH / 2]) expect(res.text).toContain(`level ${level}\n`)
    // Nesting is kept while a reader can follow it, then the rest reads as flat text.
    const indents = res.text.split('\n').map((line) => line.length - line.trimStart().length)
    expect(Math.max(...indents)).toBeLessThan(100)
    expect(res.text).toMatch(/^ {2,}- level 3$/m)
    // The web app's summary page reads it without running out of stack either.
    expect(parseMarkdown(res.text).length).toBeGreaterThan(0)
  })

  it('[H6] restores the version from before the nesting over it, to every connected client', async () => {
    const writer = await open(meetingId)
    const watcher = await open(meetingId, facilitator)
    expect(isDeep(firstNotes(watcher.doc))).toBe(true)
    const shallow = await versionWhere(meetingId, isShallow)

    const restore = await member.api.post(`/api/meetings/${meetingId}/versions/${shallow}/restore`)
    expect(restore.status).toBe(204)
    for (const c of [writer, watcher]) {
      await waitForDoc(c, (doc) => isShallow(firstNotes(doc)), 'the notes from before the nesting')
      expect(measure(firstNotes(c.doc)).depth).toBe(1)
    }
  })

  it('[H6] restores a version nested 5,000 levels deep whole, to every connected client', async () => {
    const writer = await open(meetingId)
    const watcher = await open(meetingId, facilitator)
    const deep = await versionWhere(meetingId, isDeep)

    const restore = await member.api.post(`/api/meetings/${meetingId}/versions/${deep}/restore`)
    expect(restore.status).toBe(204)
    for (const c of [writer, watcher]) {
      await waitForDoc(c, (doc) => isDeep(firstNotes(doc)), 'the restored deep notes')
      const { text } = measure(firstNotes(c.doc))
      expect(text).toHaveLength(DEPTH / 2 + 1)
      expect(text).toContain(`level ${DEPTH / 2}`)
    }
  })

  it('[H6] refuses with 422 to restore a version nested deeper than MAX_XML_DEPTH, changing nothing', async () => {
    const deep = await versionWhere(meetingId, isDeep)
    // The operator lowers the limit after the deep version was taken.
    // Same port, so everyone's API client reaches the restarted server.
    const port = new URL(s.url).port
    await s.close()
    s = await startServer({ dataDir: s.dataDir, env: { ...env, PORT: port, MAX_XML_DEPTH: '100' } })
    const name = `meeting/${meetingId}`
    await open(meetingId)
    const live = s.server.hocuspocus.documents.get(name)
    if (!live) throw new Error('the document is not loaded')
    const before = Y.encodeStateVector(live)
    const versions = async () =>
      (await member.api.get<{ versions: unknown[] }>(`/api/meetings/${meetingId}/versions`)).body.versions
    const count = (await versions()).length

    const restore = await member.api.post<{ error: string; message: string }>(
      `/api/meetings/${meetingId}/versions/${deep}/restore`,
    )
    expect(restore.status).toBe(422)
    expect(restore.body.error).toBe('invalid_request')
    expect(restore.body.message).toMatch(/5001 levels deep, more than the 100/)
    // Nothing was written: no version before a restore, no change to the live document.
    expect(await versions()).toHaveLength(count)
    expect(Y.encodeStateVector(live)).toEqual(before)
  })
})

/** Every link a reader of the parsed Markdown could follow. */
function links(blocks: Block[]): string[] {
  const hrefs: string[] = []
  const inline = (nodes: Inline[]): void => {
    for (const node of nodes) {
      if (node.type === 'link') hrefs.push(node.href)
      if ('children' in node) inline(node.children)
    }
  }
  for (const block of blocks) {
    if (block.type === 'heading' || block.type === 'paragraph') inline(block.children)
    else if (block.type === 'quote') hrefs.push(...links(block.children))
    else if (block.type === 'list') for (const item of block.items) hrefs.push(...links(item.children))
    else if (block.type === 'table') for (const row of [block.head, ...block.rows]) row.forEach(inline)
  }
  return hrefs
}

function codeBlocks(blocks: Block[]): string[] {
  return blocks.flatMap((block) =>
    block.type === 'code'
      ? [block.text]
      : block.type === 'quote'
        ? codeBlocks(block.children)
        : block.type === 'list'
          ? block.items.flatMap((item) => codeBlocks(item.children))
          : [],
  )
}

/** The Markdown with its fenced code blocks (CommonMark: closed by a fence at least as long) cut out. */
function outsideCode(markdown: string): string {
  const kept: string[] = []
  let fence: string | null = null
  for (const line of markdown.split('\n')) {
    const run = /^ {0,3}(`{3,})/.exec(line)?.[1]
    if (fence === null && run) fence = run
    else if (fence !== null && run && run.length >= fence.length && line.trim() === run) fence = null
    else if (fence === null) kept.push(line)
  }
  return kept.join('\n')
}

describe('the Markdown export of hostile text', () => {
  const codeText = 'before\n```\n<script>alert(8)</script>\n````\nafter'

  it('[H6] escapes every field: no raw HTML, only http(s) and mailto links, and code stays inside its fence', async () => {
    const meetingId = await createMeeting(
      facilitator,
      communityId,
      '<script>alert(1)</script> [x](javascript:alert(1))',
    )
    const tab = await open(meetingId)
    const doc = tab.doc
    doc.transact(() => {
      const notes = firstNotes(doc)
      // A plain insert after a mark continues the mark: {} ends it.
      const linked = new Y.XmlText()
      linked.insert(0, 'innocent', { link: { href: 'javascript:alert(5)' } })
      linked.insert(8, ' and ', {})
      linked.insert(13, 'tabbed', { link: { href: 'java\tscript:alert(6)' } })
      linked.insert(19, ' and ', {})
      linked.insert(24, 'a guide', { link: { href: 'https://example.org/a(b) c' } })
      linked.insert(31, ' and ', {})
      linked.insert(36, 'tick`s', { code: true })
      const html = new Y.XmlText('<div onmouseover=alert(7)>hover</div>\n<script>alert(9)</script>')
      const code = new Y.XmlElement('codeBlock')
      code.setAttribute('language', 'js`\n<b>')
      code.insert(0, [new Y.XmlText(codeText)])
      notes.insert(notes.length, [
        paragraphOf(linked),
        paragraphOf(html),
        paragraphOf(new Y.XmlText('- not a list, # not a heading, 1. not numbered')),
        code,
        paragraphOf(new Y.XmlText('after the code')),
      ])
    })
    addAgendaItem(doc, { title: '<iframe src="javascript:alert(2)">', ownerId: member.id })
    addAction(doc, {
      text: '[click me](javascript:alert(3)) <a href="javascript:alert(4)">x</a>',
      ownerId: member.id,
    })
    await waitForAcknowledged(tab)

    const { status, text: markdown } = await summary(meetingId)
    expect(status).toBe(200)

    // Outside code, every "<" and "&" is escaped, so no Markdown reader sees a tag or an entity.
    const prose = outsideCode(markdown)
    expect(prose).not.toMatch(/(^|[^\\])[<&]/m)
    expect(prose).toContain('\\<script\\>alert(1)\\</script\\>')
    expect(prose).toContain('\\<img src=x onerror=alert(1)\\>')
    // Link syntax typed as text stays text; a link mark with an unsafe scheme keeps only its words.
    expect(prose).not.toMatch(/(^|[^\\])\]\((?!https?:|mailto:)/m)
    const blocks = parseMarkdown(markdown)
    expect(links(blocks)).toEqual(['https://example.org/a%28b%29%20c'])
    expect(prose).toContain('innocent and tabbed and [a guide](https://example.org/a%28b%29%20c)')
    // Typed block syntax does not start a block.
    expect(prose).toContain('\\- not a list, \\# not a heading, 1. not numbered')
    // The fence is longer than any run of backticks inside, and its info string is inert.
    expect(markdown).toContain(`\`\`\`\`\`\n${codeText}\n\`\`\`\`\``)
    expect(codeBlocks(blocks)).toEqual([codeText])
    expect(prose).toContain('after the code')
    expect(prose).toContain('``tick`s``')
  })
})

function paragraphOf(text: Y.XmlText): Y.XmlElement {
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [text])
  return paragraph
}

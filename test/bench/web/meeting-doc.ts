import { addAgendaItem, itemNotes, readAgenda } from '@confer/model'
import * as Y from 'yjs'
import { BenchClient } from '../clients.ts'

/**
 * Meeting documents for the client bench, written and typed into by raw protocol clients
 * (test/bench/clients.ts). Notes are what the editor binding (y-tiptap) makes of ProseMirror
 * paragraphs: a `paragraph` element holding one text, inside an item's notes fragment.
 */

const SENTENCE =
  'We looked at the exit tickets from Tuesday and most students could explain the strategy but not why it works. '

export interface Connection {
  wsUrl: string
  token: string
  room: string
}

function connect(c: Connection, presence?: string): BenchClient {
  return new BenchClient({
    framing: 'hocuspocus',
    url: c.wsUrl,
    room: c.room,
    token: c.token,
    ...(presence ? { presence } : {}),
  })
}

function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph')
  p.insert(0, [new Y.XmlText(text)])
  return p
}

export interface Prefilled {
  /** The encoded document's size once written (Y.encodeStateAsUpdate). */
  bytes: number
  /** Agenda item ids in order; the first is the seeded "Notes" item. */
  itemIds: string[]
}

/**
 * Writes notes into a meeting until its encoded state reaches `bytes`: spread over `items`
 * agenda items (the seeded one and new ones), paragraphs of a few sentences each. Resolves once
 * the server acknowledged every update (so the page that opens next loads all of it).
 */
export async function prefillMeeting(c: Connection, bytes: number, items: number): Promise<Prefilled> {
  let expected = 1
  let acks = 0
  let allSent = false
  let done: () => void = () => {}
  const acknowledged = new Promise<void>((resolve) => {
    done = resolve
  })
  const client = new BenchClient({
    framing: 'hocuspocus',
    url: c.wsUrl,
    room: c.room,
    token: c.token,
    onAck: () => {
      acks += 1
      if (allSent && acks >= expected) done()
    },
  })
  await client.synced
  const doc = client.doc
  doc.on('update', (_u: Uint8Array, origin: unknown) => {
    if (origin !== client) expected += 1
  })
  for (let i = readAgenda(doc).length; i < items; i++)
    addAgendaItem(doc, { title: `Topic ${i + 1}`, minutes: 10 })
  const itemIds = readAgenda(doc).map((item) => item.id)
  const fragments = itemIds.map((id) => itemNotes(doc, id)).filter((f): f is Y.XmlFragment => f !== null)
  let n = 0
  while (Y.encodeStateAsUpdate(doc).length < bytes) {
    // 20 paragraphs per update, round-robin over the items: each update stays far below the
    // server's per-update limits, and every item ends with about the same share.
    doc.transact(() => {
      for (let k = 0; k < 20; k++) {
        const fragment = fragments[n % fragments.length]
        fragment?.insert(fragment.length, [paragraph(`${n + 1}. ${SENTENCE.repeat(1 + (n % 4))}`)])
        n += 1
      }
    })
  }
  allSent = true
  if (acks >= expected) done()
  await acknowledged
  const size = Y.encodeStateAsUpdate(doc).length
  client.close()
  return { bytes: size, itemIds }
}

const WORDS =
  'the students need more time with fractions before the unit test so we plan a small group on'.split(' ')

/**
 * A person typing into an item's notes from another machine: their own paragraph at a spot in
 * the notes, a character at a time at about `charsPerSecond` (jittered), with their caret in the
 * awareness after every keystroke as the editor's caret plugin publishes it.
 */
export class RemoteTypist {
  readonly client: BenchClient
  readonly #itemId: string
  readonly #at: number
  #text: Y.XmlText | null = null
  #timer: NodeJS.Timeout | null = null
  #word = 0
  typed = 0

  constructor(c: Connection, name: string, itemId: string, at: number) {
    this.client = connect(c, name)
    this.#itemId = itemId
    this.#at = at
  }

  async start(charsPerSecond: number): Promise<void> {
    await this.client.synced
    const fragment = itemNotes(this.client.doc, this.#itemId)
    if (!fragment) throw new Error(`no notes for item ${this.#itemId}`)
    this.#newParagraph(fragment, Math.min(Math.floor(this.#at * fragment.length), fragment.length))
    const meanMs = 1000 / charsPerSecond
    const tick = () => {
      this.#type(fragment)
      this.#timer = setTimeout(tick, meanMs * (0.5 + Math.random()))
    }
    this.#timer = setTimeout(tick, meanMs * Math.random())
  }

  #newParagraph(fragment: Y.XmlFragment, index: number): void {
    const p = paragraph('')
    fragment.insert(index, [p])
    this.#text = p.get(0) as Y.XmlText
  }

  #type(fragment: Y.XmlFragment): void {
    let text = this.#text
    if (!text) return
    // A new paragraph after every ~200 characters, right after the current one (Enter).
    if (text.length > 200) {
      const parent = text.parent as Y.XmlElement
      const index = fragment.toArray().indexOf(parent)
      this.#newParagraph(fragment, index < 0 ? fragment.length : index + 1)
      text = this.#text as Y.XmlText
    }
    const word = WORDS[this.#word % WORDS.length] ?? 'x'
    const offset = text.length
    const typedInWord = offset - text.toString().lastIndexOf(' ') - 1
    const next = typedInWord >= word.length ? ' ' : (word[typedInWord] ?? ' ')
    if (next === ' ') this.#word += 1
    text.insert(offset, next)
    this.typed += 1
    const at = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, offset + 1))
    this.client.awareness.setLocalStateField('cursor', { anchor: at, head: at })
  }

  stop(): void {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
  }

  close(): void {
    this.stop()
    this.client.close()
  }
}

/** Plain text of an item's notes as a remote client holds it (paragraphs joined by newlines). */
export function notesText(doc: Y.Doc, itemId: string): string {
  const fragment = itemNotes(doc, itemId)
  if (!fragment) return ''
  return fragment
    .toArray()
    .map((node) =>
      node instanceof Y.XmlElement
        ? node
            .toArray()
            .map((t) => (t instanceof Y.XmlText ? t.toString() : ''))
            .join('')
        : '',
    )
    .join('\n')
}

import type { MyAction } from '@confer/api'
import {
  ACTION_FIELDS,
  type ActionCopy,
  type ActionField,
  type ActionPatch,
  type ActionStamps,
  actionsMap,
  carryOverActions,
  meetingDocumentName,
  mergeActionFields,
  readActionCopies,
  updateAction,
} from '@confer/model'
import type { IndexedAction, MeetingRecord, MeetingStore } from '../stores/meeting-store.ts'
import type { DocumentEditor } from './document-editor.ts'
import type { MeetingService } from './meeting-service.ts'
import { notFound, ServiceError } from './service-error.ts'

/** The writes that make copies agree: meeting → item → fields with their stamps. */
type Writes = Map<string, Map<string, { fields: ActionPatch; changedAt: Partial<ActionStamps> }>>

/**
 * An action item is one thing in every meeting holding its id (DESIGN §3, SPEC T1–T3). When a
 * meeting document's items change, `synchronize` compares them with that meeting's index rows
 * (what was there before): a field that changed is copied to every other copy of the item, the
 * latest stamp winning; an item that is new or open again here is carried into the community's
 * next meeting when that one is later; then the meeting is indexed again. Copies written to
 * change in turn and are synchronized the same way, which ends there: they already agree.
 *
 * Runs one at a time on this process (a queue), so two meetings' changes to one item are
 * merged in order; processes merge each other's results the same way (stamps decide, and equal
 * copies are never written).
 */
export class ActionService {
  readonly #meetings: MeetingService
  readonly #store: MeetingStore
  readonly #editor: DocumentEditor
  readonly #now: () => number
  #tail: Promise<void> = Promise.resolve()
  /** Meetings waiting in the queue: asking again before their turn reads then, once. */
  readonly #queued = new Map<string, Promise<void>>()

  constructor(
    meetings: MeetingService,
    store: MeetingStore,
    editor: DocumentEditor,
    now: () => number = Date.now,
  ) {
    this.#meetings = meetings
    this.#store = store
    this.#editor = editor
    this.#now = now
  }

  /**
   * Queues a meeting's items to be merged, carried and indexed; `read` gives them as they are
   * when its turn comes. Never await this from inside a document hook of the document it
   * writes to (the queue may be writing to that document): the extension does not.
   */
  synchronize(meetingId: string, read: () => ActionCopy[] | Promise<ActionCopy[]>): Promise<void> {
    const waiting = this.#queued.get(meetingId)
    if (waiting) return waiting
    const run = this.#tail.then(async () => {
      this.#queued.delete(meetingId)
      await this.#synchronize(meetingId, await read())
    })
    this.#queued.set(meetingId, run)
    this.#tail = run.catch(() => {})
    return run
  }

  /** Resolves once the queue is empty, what was queued meanwhile included. */
  async settled(): Promise<void> {
    let tail: Promise<void>
    do {
      tail = this.#tail
      await tail
    } while (tail !== this.#tail)
  }

  /** GET /api/me/actions: the open items I own across my communities (SPEC T3). */
  async mine(userId: string): Promise<MyAction[]> {
    return (await this.#store.openActionsOwnedBy(userId)).map((a) => ({
      communityId: a.communityId,
      communityName: a.communityName,
      meetingId: a.meetingId,
      meetingTitle: a.meetingTitle,
      meetingStartsAt: new Date(a.meetingStartsAt).toISOString(),
      actionId: a.actionId,
      text: a.text,
      due: a.due,
      done: a.done,
    }))
  }

  /**
   * PATCH /api/meetings/:id/actions/:actionId: ticks an item done (or open again) in that
   * meeting's document, as an editor of the meeting would, and answers once every copy and the
   * index agree. Whoever may edit the meeting may; observers 403; anyone else 404.
   */
  async update(
    meetingId: string,
    actionId: string,
    userId: string,
    patch: { done: boolean },
  ): Promise<MyAction> {
    const access = await this.#meetings.access(meetingId, userId)
    if (!access) throw notFound('That meeting')
    if (access.role === 'observer') {
      throw new ServiceError(403, 'forbidden', 'Observers can read action items but not change them.')
    }
    const name = meetingDocumentName(meetingId)
    let found = false
    await this.#editor.edit(name, (doc) => {
      found = actionsMap(doc).has(actionId)
      if (found) updateAction(doc, actionId, patch, this.#now())
    })
    if (!found) throw notFound('That action item')
    await this.synchronize(meetingId, () => this.#editor.read(name, readActionCopies))
    await this.settled()
    const item = (await this.#editor.read(name, readActionCopies)).find((a) => a.id === actionId)
    if (!item) throw notFound('That action item')
    return {
      communityId: access.meeting.communityId,
      communityName: (await this.#meetings.view(meetingId, userId)).communityName,
      meetingId,
      meetingTitle: access.meeting.title,
      meetingStartsAt: new Date(access.meeting.startsAt).toISOString(),
      actionId,
      text: item.text,
      due: item.due,
      done: item.done,
    }
  }

  async #synchronize(meetingId: string, copies: ActionCopy[]): Promise<void> {
    const meeting = await this.#store.meetingById(meetingId)
    // Not scheduled yet (its document is prepared first): MeetingService indexes it.
    if (!meeting) return
    const before = new Map((await this.#store.actionsOf(meetingId)).map((a) => [a.actionId, a]))
    const changed = new Map<string, ActionField[]>()
    for (const copy of copies) {
      const was = before.get(copy.id)
      const fields = was ? ACTION_FIELDS.filter((f) => was[f] !== copy[f]) : [...ACTION_FIELDS]
      if (fields.length > 0) changed.set(copy.id, fields)
    }
    const removed = [...before.keys()].some((id) => !copies.some((c) => c.id === id))
    if (changed.size === 0 && !removed) return
    const merged = changed.size > 0 ? await this.#propagate(meeting, copies, changed, before) : copies
    await this.#carryForward(meeting, merged, before)
    await this.#meetings.indexActions(meetingId, merged)
  }

  /**
   * Makes every copy of each changed item agree on the fields that changed here: per field, the
   * copy with the latest stamp wins; on a tie, this meeting's value when the item was here
   * before (it is what changed), else the others' (a copy that just arrived is the older one).
   * Only copies whose index says they differ are read; one that changed since its last index
   * is merged when its own turn comes. Returns this meeting's items as they end up.
   */
  async #propagate(
    meeting: MeetingRecord,
    copies: ActionCopy[],
    changed: Map<string, ActionField[]>,
    before: Map<string, IndexedAction>,
  ): Promise<ActionCopy[]> {
    const here = new Map(copies.map((c) => [c.id, c]))
    const elsewhere = (await this.#store.actionCopies(meeting.communityId, [...changed.keys()])).filter(
      (row) =>
        row.meetingId !== meeting.id &&
        (changed.get(row.actionId) ?? []).some((f) => row[f] !== here.get(row.actionId)?.[f]),
    )
    if (elsewhere.length === 0) return copies
    const others = new Map<string, Map<string, ActionCopy>>()
    for (const meetingId of new Set(elsewhere.map((row) => row.meetingId))) {
      const read = await this.#editor.read(meetingDocumentName(meetingId), readActionCopies)
      others.set(meetingId, new Map(read.map((c) => [c.id, c])))
    }

    const writes: Writes = new Map()
    const write = (meetingId: string, id: string, field: ActionField, winner: ActionCopy) => {
      const byItem = writes.get(meetingId) ?? new Map()
      const entry = byItem.get(id) ?? { fields: {}, changedAt: {} }
      Object.assign(entry.fields, { [field]: winner[field] })
      entry.changedAt[field] = winner.changedAt[field]
      byItem.set(id, entry)
      writes.set(meetingId, byItem)
    }
    for (const [id, fields] of changed) {
      const mine = here.get(id) as ActionCopy
      const theirs: [string, ActionCopy][] = []
      for (const [meetingId, items] of others) {
        const copy = items.get(id)
        if (copy) theirs.push([meetingId, copy])
      }
      if (theirs.length === 0) continue
      const candidates: [string, ActionCopy][] = before.has(id)
        ? [[meeting.id, mine], ...theirs]
        : [...theirs, [meeting.id, mine]]
      for (const field of fields) {
        let [, winner] = candidates[0] as [string, ActionCopy]
        for (const [, copy] of candidates) if (copy.changedAt[field] > winner.changedAt[field]) winner = copy
        for (const [meetingId, copy] of candidates) {
          if (copy[field] !== winner[field] || copy.changedAt[field] < winner.changedAt[field])
            write(meetingId, id, field, winner)
        }
      }
    }
    for (const [meetingId, byItem] of writes) {
      await this.#editor.edit(meetingDocumentName(meetingId), (doc) => {
        for (const [id, { fields, changedAt }] of byItem) mergeActionFields(doc, id, fields, changedAt)
      })
    }
    const ownWrites = writes.get(meeting.id)
    if (!ownWrites) return copies
    return copies.map((copy) => {
      const own = ownWrites.get(copy.id)
      return own ? { ...copy, ...own.fields, changedAt: { ...copy.changedAt, ...own.changedAt } } : copy
    })
  }

  /**
   * An item that appeared here, or is open again, is carried into the community's next meeting
   * (the earliest not started and not cancelled) when that one comes after this one (SPEC T2).
   * Carrying runs forward only: a later meeting's new items do not travel back.
   */
  async #carryForward(meeting: MeetingRecord, items: ActionCopy[], before: Map<string, IndexedAction>) {
    const opened = items.filter((a) => !a.done && (before.get(a.id)?.done ?? true))
    if (opened.length === 0) return
    const next = await this.#store.nextMeeting(meeting.communityId, this.#now())
    if (!next || next.id === meeting.id || next.startsAt <= meeting.startsAt) return
    const there = new Set(
      (
        await this.#store.actionCopies(
          meeting.communityId,
          opened.map((a) => a.id),
        )
      )
        .filter((row) => row.meetingId === next.id)
        .map((row) => row.actionId),
    )
    const missing = opened.filter((a) => !there.has(a.id))
    if (missing.length === 0) return
    await this.#editor.edit(meetingDocumentName(next.id), (doc) => carryOverActions(missing, meeting.id, doc))
  }
}

import type { RunActionBody, RunContextResponse } from '@confer/api'
import {
  formatDocumentName,
  logRunTransition,
  type RunState,
  readRun,
  readSpeakers,
  writeRun,
} from '@confer/model'
import { type Protocol, type RunAction, transition } from '@confer/protocols'
import type { CommunityStore } from '../stores/community-store.ts'
import type { DocumentEditor, EditorOptions } from './document-editor.ts'
import { LocalLock, type MeetingLock } from './meeting-lock.ts'
import type { MeetingService } from './meeting-service.ts'
import type { ProtocolService } from './protocol-service.ts'
import { meetingNames, notInMeeting, plannedPresenter } from './run-people.ts'
import { notFound, ServiceError } from './service-error.ts'

const runDocument = (meetingId: string) => formatDocumentName({ kind: 'meetingRun', meetingId })
/** What the actions on one meeting's round are serialised on, in this process and across processes. */
export const runLockKey = (meetingId: string): string => `run:${meetingId}`

export interface RunResult {
  run: RunState
  speakers: readonly string[]
}

/**
 * Facilitation as a server mutation: AUTH (a facilitator of the meeting's community),
 * VALIDATION (the transition makes sense now), RESOLUTION (the new state, stamped with the
 * server's clock, written to the read-only run document). Actions on one meeting are applied
 * one at a time, so two facilitators clicking at once get one consistent sequence: under a lock
 * that spans processes when there are several (SPEC R7), each action reads the run state with
 * every committed change of the others (another process' last write may not have arrived
 * through Redis yet) and its write is committed before the lock is released. Writing from a
 * stale state would not merely repeat a step: a Y.Map key written concurrently is won by the
 * higher client id, not the later write. It also names what the run document holds by id
 * (`context`) for everyone in the meeting.
 */
export class RunService {
  readonly #meetings: MeetingService
  readonly #protocols: ProtocolService
  readonly #communityStore: CommunityStore
  readonly #editor: DocumentEditor
  readonly #now: () => number
  readonly #lock: MeetingLock

  constructor(
    meetings: MeetingService,
    protocols: ProtocolService,
    communityStore: CommunityStore,
    editor: DocumentEditor,
    lock: MeetingLock = new LocalLock(),
    now: () => number = Date.now,
  ) {
    this.#meetings = meetings
    this.#protocols = protocols
    this.#communityStore = communityStore
    this.#editor = editor
    this.#now = now
    this.#lock = lock
  }

  async act(meetingId: string, userId: string, input: RunActionBody): Promise<RunResult> {
    // AUTH
    const access = await this.#meetings.access(meetingId, userId)
    if (!access) throw notFound('That meeting')
    if (access.guest || access.role !== 'facilitator') {
      throw new ServiceError(403, 'forbidden', 'Only a facilitator of this community runs the protocol.')
    }
    const communityId = access.meeting.communityId
    return this.#lock.runExclusive(runLockKey(meetingId), () => this.#apply(meetingId, communityId, input))
  }

  /**
   * The protocol being run and the names of the go-round, for anyone who may open the meeting.
   * Network guests cannot read the host community, so without this they could show neither a
   * community's own protocol nor who speaks.
   */
  async context(meetingId: string, userId: string): Promise<RunContextResponse<Protocol>> {
    const access = await this.#meetings.access(meetingId, userId)
    if (!access) throw notFound('That meeting')
    const communityId = access.meeting.communityId
    const { run, speakers } = await this.#read(meetingId)
    const protocol = run.protocolId ? await this.#protocols.find(communityId, run.protocolId) : null
    const named = run.presenterId ? [...speakers, run.presenterId] : speakers
    const names = await meetingNames(this.#communityStore, access.meeting, named)
    const person = (id: string) => {
      const name = names.get(id)
      return name === undefined ? null : { userId: id, name }
    }
    const people = speakers.flatMap((id) => person(id) ?? [])
    return { protocol, people, presenter: run.presenterId ? person(run.presenterId) : null }
  }

  async #apply(meetingId: string, communityId: string, input: RunActionBody): Promise<RunResult> {
    const current = await this.#read(meetingId, { latest: true })
    // VALIDATION: the go-round and the presenter are people who may open the meeting, guests too.
    const named =
      input.action === 'speakers'
        ? input.userIds
        : input.action === 'presenter' && input.userId
          ? [input.userId]
          : input.action === 'start' && input.presenterId
            ? [input.presenterId]
            : []
    if ((await notInMeeting(this.#meetings, meetingId, named)).length > 0) {
      throw new ServiceError(
        400,
        'invalid_request',
        input.action === 'speakers'
          ? 'Everyone in the go-round must be a member of this community or a guest of this meeting.'
          : 'The presenter must be a member of this community or a guest of this meeting.',
      )
    }
    const protocolId = input.action === 'start' ? input.protocolId : current.run.protocolId
    const protocol = protocolId ? await this.#protocols.find(communityId, protocolId) : null
    if (input.action === 'start' && !protocol) throw notFound('That protocol')
    let action: RunAction = input
    // A round started without a presenter keeps the one chosen while idle, else gets the owner of
    // the agenda item it was started for (while that owner may still open the meeting).
    if (input.action === 'start' && input.presenterId === undefined) {
      const chosen = current.run.state === 'idle' ? current.run.presenterId : null
      const owner = chosen ? null : await plannedPresenter(this.#editor, meetingId, input.protocolId)
      const admitted = owner !== null && (await notInMeeting(this.#meetings, meetingId, [owner])).length === 0
      action = { ...input, presenterId: chosen ?? (admitted ? owner : null) }
    }
    const now = this.#now()
    const result = transition({ ...current, protocol, now }, action)
    if (!result.ok) throw new ServiceError(409, 'invalid_transition', result.reason)
    // RESOLUTION: the new state and, in the same transaction, the steps' log with the server's time.
    await this.#editor.edit(runDocument(meetingId), (doc) =>
      doc.transact(() => {
        const before = readRun(doc)
        writeRun(doc, result.run, result.speakers)
        logRunTransition(doc, before, result.run, now)
      }),
    )
    return { run: result.run, speakers: result.speakers }
  }

  #read(meetingId: string, options?: EditorOptions): Promise<RunResult> {
    return this.#editor.read(
      runDocument(meetingId),
      (doc) => ({ run: readRun(doc), speakers: readSpeakers(doc) }),
      options,
    )
  }
}

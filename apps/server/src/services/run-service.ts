import type { RunActionBody, RunContextResponse } from '@confer/api'
import { formatDocumentName, type RunState, readRun, readSpeakers, writeRun } from '@confer/model'
import { type Protocol, transition } from '@confer/protocols'
import type { CommunityStore } from '../stores/community-store.ts'
import type { DocumentEditor } from './document-editor.ts'
import type { MeetingService } from './meeting-service.ts'
import type { ProtocolService } from './protocol-service.ts'
import { notFound, ServiceError } from './service-error.ts'

const runDocument = (meetingId: string) => formatDocumentName({ kind: 'meetingRun', meetingId })

export interface RunResult {
  run: RunState
  speakers: readonly string[]
}

/**
 * Facilitation as a server mutation: AUTH (a facilitator of the meeting's community),
 * VALIDATION (the transition makes sense now), RESOLUTION (the new state, stamped with the
 * server's clock, written to the read-only run document). Actions on one meeting are applied
 * one at a time, so two facilitators clicking at once get one consistent sequence. It also
 * names what the run document holds by id (`context`) for everyone in the meeting.
 */
export class RunService {
  readonly #meetings: MeetingService
  readonly #protocols: ProtocolService
  readonly #communityStore: CommunityStore
  readonly #editor: DocumentEditor
  readonly #now: () => number
  readonly #queues = new Map<string, Promise<unknown>>()

  constructor(
    meetings: MeetingService,
    protocols: ProtocolService,
    communityStore: CommunityStore,
    editor: DocumentEditor,
    now: () => number = Date.now,
  ) {
    this.#meetings = meetings
    this.#protocols = protocols
    this.#communityStore = communityStore
    this.#editor = editor
    this.#now = now
  }

  async act(meetingId: string, userId: string, input: RunActionBody): Promise<RunResult> {
    // AUTH
    const access = await this.#meetings.access(meetingId, userId)
    if (!access) throw notFound('That meeting')
    if (access.guest || access.role !== 'facilitator') {
      throw new ServiceError(403, 'forbidden', 'Only a facilitator of this community runs the protocol.')
    }
    const communityId = access.meeting.communityId
    return this.#oneAtATime(meetingId, () => this.#apply(meetingId, communityId, input))
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
    const names = new Map((await this.#communityStore.members(communityId)).map((m) => [m.userId, m.name]))
    const people = speakers.flatMap((id) => {
      const name = names.get(id)
      return name === undefined ? [] : [{ userId: id, name }]
    })
    return { protocol, people }
  }

  async #apply(meetingId: string, communityId: string, input: RunActionBody): Promise<RunResult> {
    const current = await this.#read(meetingId)
    // VALIDATION
    if (input.action === 'speakers') {
      const members = new Set((await this.#communityStore.members(communityId)).map((m) => m.userId))
      if (input.userIds.some((id) => !members.has(id))) {
        throw new ServiceError(
          400,
          'invalid_request',
          'Everyone in the go-round must be a member of this community.',
        )
      }
    }
    const protocolId = input.action === 'start' ? input.protocolId : current.run.protocolId
    const protocol = protocolId ? await this.#protocols.find(communityId, protocolId) : null
    if (input.action === 'start' && !protocol) throw notFound('That protocol')
    const result = transition({ ...current, protocol, now: this.#now() }, input)
    if (!result.ok) throw new ServiceError(409, 'invalid_transition', result.reason)
    // RESOLUTION
    await this.#editor.edit(runDocument(meetingId), (doc) => writeRun(doc, result.run, result.speakers))
    return { run: result.run, speakers: result.speakers }
  }

  #read(meetingId: string): Promise<RunResult> {
    return this.#editor.read(runDocument(meetingId), (doc) => ({
      run: readRun(doc),
      speakers: readSpeakers(doc),
    }))
  }

  #oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#queues.get(key) ?? Promise.resolve()
    const next = previous.then(work, work)
    const settled = next.catch(() => undefined)
    this.#queues.set(key, settled)
    void settled.then(() => {
      if (this.#queues.get(key) === settled) this.#queues.delete(key)
    })
    return next
  }
}

import * as Y from 'yjs'

/**
 * Typed access to a `meeting/<id>/run` document (DESIGN §3): the facilitator's protocol round.
 * Only the server writes it; clients read it to show the same step and countdown.
 */
export type RunStatus = 'idle' | 'running' | 'paused' | 'done'

export interface RunState {
  protocolId: string | null
  step: number
  /** Index into the go-round order of who speaks now. */
  speaker: number
  state: RunStatus
  /** Server epoch ms when the current step's time is up (while running). */
  endsAt: number | null
  /** Time left in the step when paused; negative when paused in overtime. */
  remainingMs: number | null
  /**
   * Who presents in this round (a member of the community or a guest of the meeting): the
   * person every "presenter" step names. Absent in documents written before it existed.
   */
  presenterId: string | null
}

export const IDLE_RUN: RunState = {
  protocolId: null,
  step: 0,
  speaker: 0,
  state: 'idle',
  endsAt: null,
  remainingMs: null,
  presenterId: null,
}

const STATUSES: readonly RunStatus[] = ['idle', 'running', 'paused', 'done']

const runMap = (doc: Y.Doc) => doc.getMap<unknown>('run')
export const speakersArray = (doc: Y.Doc): Y.Array<string> => doc.getArray<string>('speakers')
/** `log`: one entry per step a round went through, with the server's times (see `logRunTransition`). */
export const runLogArray = (doc: Y.Doc): Y.Array<Y.Map<unknown>> => doc.getArray<Y.Map<unknown>>('log')

const int = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0)
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null)
const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null)

export function readRun(doc: Y.Doc): RunState {
  const map = runMap(doc)
  const state = map.get('state')
  const protocolId = map.get('protocolId')
  return {
    protocolId: typeof protocolId === 'string' ? protocolId : null,
    step: int(map.get('step')),
    speaker: int(map.get('speaker')),
    state: STATUSES.includes(state as RunStatus) ? (state as RunStatus) : 'idle',
    endsAt: num(map.get('endsAt')),
    remainingMs: num(map.get('remainingMs')),
    presenterId: str(map.get('presenterId')),
  }
}

export function readPresenter(doc: Y.Doc): string | null {
  return str(runMap(doc).get('presenterId'))
}

export function readSpeakers(doc: Y.Doc): string[] {
  return speakersArray(doc)
    .toArray()
    .filter((id): id is string => typeof id === 'string')
}

/** Writes the whole round in one transaction, so no client ever sees half a transition. */
export function writeRun(doc: Y.Doc, run: RunState, speakers: readonly string[]): void {
  doc.transact(() => {
    const map = runMap(doc)
    for (const [key, value] of Object.entries(run)) {
      if (map.get(key) !== value) map.set(key, value)
    }
    const current = readSpeakers(doc)
    if (current.length !== speakers.length || current.some((id, i) => id !== speakers[i])) {
      const array = speakersArray(doc)
      array.delete(0, array.length)
      array.insert(0, [...speakers])
    }
  })
}

/** Time left in the current step at `now` (negative in overtime), or null when no timer runs. */
export function remainingAt(run: RunState, now: number): number | null {
  if (run.state === 'running' && run.endsAt !== null) return run.endsAt - now
  if (run.state === 'paused') return run.remainingMs
  return null
}

/** One step a round went through: when it started and ended by the server's clock. */
export interface RunLogEntry {
  protocolId: string
  /** 0-based step index in the protocol. */
  step: number
  startedAt: number
  /** Null while the step is still on. */
  endedAt: number | null
}

/** The log keeps the latest entries only, so a long series of rounds cannot grow the document without end. */
export const MAX_RUN_LOG = 500

/** The round's history, oldest first; malformed entries are skipped. */
export function readRunLog(doc: Y.Doc): RunLogEntry[] {
  return runLogArray(doc)
    .toArray()
    .flatMap((entry) => {
      if (!(entry instanceof Y.Map)) return []
      const protocolId = str(entry.get('protocolId'))
      const startedAt = num(entry.get('startedAt'))
      if (protocolId === null || startedAt === null) return []
      return [{ protocolId, step: int(entry.get('step')), startedAt, endedAt: num(entry.get('endedAt')) }]
    })
}

const isLive = (run: RunState) => run.state === 'running' || run.state === 'paused'

/**
 * Records a transition from `before` to `after` at server time `now`: leaving a step ends its
 * entry, entering one starts a new entry. Pausing, extending and turns within a step change nothing
 * here. Call it inside the transaction that writes `after`.
 */
export function logRunTransition(doc: Y.Doc, before: RunState, after: RunState, now: number): void {
  const sameStep =
    isLive(before) && isLive(after) && before.protocolId === after.protocolId && before.step === after.step
  if (sameStep) return
  const log = runLogArray(doc)
  doc.transact(() => {
    // Open entries can only be at the end: every transition closes them before adding one.
    for (let i = log.length - 1; i >= 0; i--) {
      const entry = log.get(i)
      if (!(entry instanceof Y.Map) || num(entry.get('endedAt')) !== null) break
      entry.set('endedAt', now)
    }
    if (isLive(after) && after.protocolId !== null) {
      const entry = new Y.Map<unknown>()
      entry.set('protocolId', after.protocolId)
      entry.set('step', after.step)
      entry.set('startedAt', now)
      entry.set('endedAt', null)
      log.push([entry])
    }
    if (log.length > MAX_RUN_LOG) log.delete(0, log.length - MAX_RUN_LOG)
  })
}

import type * as Y from 'yjs'

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
}

export const IDLE_RUN: RunState = {
  protocolId: null,
  step: 0,
  speaker: 0,
  state: 'idle',
  endsAt: null,
  remainingMs: null,
}

const STATUSES: readonly RunStatus[] = ['idle', 'running', 'paused', 'done']

const runMap = (doc: Y.Doc) => doc.getMap<unknown>('run')
export const speakersArray = (doc: Y.Doc): Y.Array<string> => doc.getArray<string>('speakers')

const int = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0)
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null)

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
  }
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

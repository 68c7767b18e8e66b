import type { RunContextResponse } from '@confer/api'
import { useMemo, useState } from 'react'
import { useApi } from '../api/useApi.ts'
import type { Protocol } from '../protocols/protocol-types.ts'
import { getRunContext } from './facilitation-api.ts'

export interface RunContext {
  /** The protocol being run, as the server named it; null when idle or not named yet. */
  protocol: Protocol | null
  /** False while the answer for the round's current protocol is still on its way. */
  settled: boolean
  /** Names of the people in the go-round and of the presenter, by user id. */
  names: ReadonlyMap<string, string>
}

const NO_NAMES: ReadonlyMap<string, string> = new Map()

/**
 * What the run document only holds by id — the protocol, the go-round's people and the presenter —
 * named by the server for anyone in the meeting, network guests included (they cannot read the
 * community). Asked again whenever the round's protocol, go-round or presenter changes; the last
 * answer is kept while the next is on its way, so names and titles do not flicker.
 */
export function useRunContext(
  meetingId: string,
  protocolId: string | null,
  speakers: readonly string[],
  presenterId: string | null = null,
): RunContext {
  const idle = protocolId === null && speakers.length === 0 && presenterId === null
  const key = idle
    ? null
    : `run-context:${meetingId}:${protocolId ?? ''}:${speakers.join(',')}:${presenterId ?? ''}`
  const resource = useApi(key, (signal) => getRunContext(meetingId, signal))
  const [last, setLast] = useState<RunContextResponse<Protocol> | null>(null)
  if (resource.data && resource.data !== last) setLast(resource.data)
  const answer = resource.data ?? last
  const names = useMemo(() => {
    if (!answer) return NO_NAMES
    // Answers from a server older than the presenter have no `presenter`.
    const named = answer.presenter ? [...answer.people, answer.presenter] : answer.people
    return new Map(named.map((p) => [p.userId, p.name]))
  }, [answer])
  // An answer about an earlier protocol (the round moved on since) names nothing.
  const protocol = answer?.protocol && answer.protocol.id === protocolId ? answer.protocol : null
  const settled = protocolId === null || protocol !== null || !resource.loading
  return { protocol, settled, names }
}

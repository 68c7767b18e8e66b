import { apiRequest } from '../api/client.ts'
import type { Protocol } from './protocol-types.ts'

/**
 * The protocols a meeting can use, read by the agenda and by facilitation alike; the library's
 * editing routes stay with facilitation (facilitation-api.ts).
 */

const id = encodeURIComponent
type Signal = AbortSignal | undefined

export interface CommunityProtocols {
  builtIn: Protocol[]
  own: Protocol[]
}

/** The library and the meeting's community's own protocols, for everyone in the meeting (guests too). */
export const getMeetingProtocols = (meetingId: string, signal?: Signal) =>
  apiRequest<CommunityProtocols>('GET', `/api/meetings/${id(meetingId)}/protocols`, { signal })

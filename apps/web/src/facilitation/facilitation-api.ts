import type { RunActionBody, RunContextResponse } from '@confer/api'
import type { RunState } from '@confer/model'
import { apiRequest } from '../api/client.ts'
import type { Protocol, ProtocolBody } from '../protocols/protocol-types.ts'
import type { CommunityProtocols } from '../protocols/protocols-api.ts'

/** The facilitation routes (DESIGN §3), typed; ids go through encodeURIComponent. */

const id = encodeURIComponent
type Signal = AbortSignal | undefined

export const getCommunityProtocols = (communityId: string, signal?: Signal) =>
  apiRequest<CommunityProtocols>('GET', `/api/communities/${id(communityId)}/protocols`, { signal })
export const createProtocol = (communityId: string, body: ProtocolBody) =>
  apiRequest<{ protocol: Protocol }>('POST', `/api/communities/${id(communityId)}/protocols`, { body })
export const updateProtocol = (communityId: string, protocolId: string, body: ProtocolBody) =>
  apiRequest<{ protocol: Protocol }>(
    'PUT',
    `/api/communities/${id(communityId)}/protocols/${id(protocolId)}`,
    { body },
  )
export const deleteProtocol = (communityId: string, protocolId: string) =>
  apiRequest<null>('DELETE', `/api/communities/${id(communityId)}/protocols/${id(protocolId)}`)

/** A facilitator action; the server stamps its own clock and writes the run document. */
export const runAction = (meetingId: string, body: RunActionBody) =>
  apiRequest<{ run: RunState; speakers: string[] }>('POST', `/api/meetings/${id(meetingId)}/run`, { body })

/** The protocol being run and the go-round's names, for anyone in the meeting (guests too). */
export const getRunContext = (meetingId: string, signal?: Signal) =>
  apiRequest<RunContextResponse<Protocol>>('GET', `/api/meetings/${id(meetingId)}/run/context`, { signal })

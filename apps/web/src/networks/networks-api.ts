import type { NetworkInvitePreview, NetworkMeeting } from '@confer/api'
import { apiRequest } from '../api/client.ts'

/** Network routes only network pages use: opened meetings (SPEC G1) and an invitation's preview. */

const id = encodeURIComponent
type Signal = AbortSignal | undefined

export const getGuestMeetings = (signal?: Signal) =>
  apiRequest<{ meetings: NetworkMeeting[] }>('GET', '/api/me/network-meetings', { signal })
export const getNetworkMeetings = (networkId: string, signal?: Signal) =>
  apiRequest<{ meetings: NetworkMeeting[] }>('GET', `/api/networks/${id(networkId)}/meetings`, { signal })
export const getNetworkInvite = (code: string, signal?: Signal) =>
  apiRequest<{ invite: NetworkInvitePreview }>('GET', `/api/network-invites/${id(code)}`, {
    signal,
    allowUnauthenticated: true,
  })

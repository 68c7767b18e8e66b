import type { CommunityProgress, NetworkProgress } from '@confer/api'
import { apiRequest } from '../api/client.ts'

/** Progress routes (SPEC PR1–PR4): members, observers and sponsors of a community; a network's facilitators and sponsors. */

const id = encodeURIComponent
type Signal = AbortSignal | undefined

export const getCommunityProgress = (communityId: string, signal?: Signal) =>
  apiRequest<CommunityProgress>('GET', `/api/communities/${id(communityId)}/progress`, { signal })
export const getNetworkProgress = (networkId: string, signal?: Signal) =>
  apiRequest<NetworkProgress>('GET', `/api/networks/${id(networkId)}/progress`, { signal })

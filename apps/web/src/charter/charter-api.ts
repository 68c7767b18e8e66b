import type { CharterAffirmations, NormsCheckSummary, NormsTrend } from '@confer/api'
import { apiRequest } from '../api/client.ts'

/** The charter's REST routes (norms themselves live in the shared document). */

const id = encodeURIComponent
type Signal = AbortSignal | undefined

export interface StarterCharterView {
  id: string
  name: string
  norms: string[]
}

export const listStarterCharters = (signal?: Signal) =>
  apiRequest<{ starters: StarterCharterView[] }>('GET', '/api/starter-charters', { signal })
export const applyStarterCharter = (communityId: string, starterId: string) =>
  apiRequest<null>('POST', `/api/communities/${id(communityId)}/charter/starter`, { body: { starterId } })
export const affirmCharter = (communityId: string, version: string) =>
  apiRequest<CharterAffirmations>('POST', `/api/communities/${id(communityId)}/charter/affirm`, {
    body: { version },
  })
export const getAffirmations = (communityId: string, signal?: Signal) =>
  apiRequest<CharterAffirmations>('GET', `/api/communities/${id(communityId)}/charter/affirmations`, {
    signal,
  })
export const getNormsTrend = (communityId: string, signal?: Signal) =>
  apiRequest<NormsTrend>('GET', `/api/communities/${id(communityId)}/norms-trend`, { signal })
export const getNormsCheck = (meetingId: string, signal?: Signal) =>
  apiRequest<NormsCheckSummary>('GET', `/api/meetings/${id(meetingId)}/norms-check`, { signal })
export const submitNormsCheck = (
  meetingId: string,
  ratings: { normId: string; rating: number; comment?: string }[],
) => apiRequest<NormsCheckSummary>('PUT', `/api/meetings/${id(meetingId)}/norms-check`, { body: { ratings } })

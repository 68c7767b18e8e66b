import type { SearchResponse } from '@confer/api'
import { apiRequest } from '../api/client.ts'

const id = encodeURIComponent

/** Every community of mine, and the meetings opened to me as a guest (SPEC Q3). */
export const searchEverywhere = (q: string, signal?: AbortSignal) =>
  apiRequest<SearchResponse>('GET', `/api/search?q=${id(q)}`, { signal })

/** One community's archive (SPEC Q2). */
export const searchCommunity = (communityId: string, q: string, signal?: AbortSignal) =>
  apiRequest<SearchResponse>('GET', `/api/communities/${id(communityId)}/search?q=${id(q)}`, { signal })

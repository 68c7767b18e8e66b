import type { ResourceCreated, ResourceList } from '@confer/api'
import { apiRequest } from '../api/client.ts'

const id = encodeURIComponent

export const listResources = (communityId: string, signal?: AbortSignal) =>
  apiRequest<ResourceList>('GET', `/api/communities/${id(communityId)}/resources`, { signal })

export const addLink = (communityId: string, body: { url: string; title?: string }) =>
  apiRequest<ResourceCreated>('POST', `/api/communities/${id(communityId)}/resources`, { body })

export const deleteResource = (resourceId: string) =>
  apiRequest<null>('DELETE', `/api/resources/${id(resourceId)}`)

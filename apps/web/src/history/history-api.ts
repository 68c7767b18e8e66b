import type { DocumentVersion } from '@confer/api'
import { ApiError, apiRequest } from '../api/client.ts'

/** Where a document's versions live: a meeting's notes, a community's charter or its plan. */
export type HistorySource =
  | { kind: 'meeting'; meetingId: string }
  | { kind: 'charter'; communityId: string }
  | { kind: 'plan'; communityId: string }

const id = encodeURIComponent

export function historyBase(source: HistorySource): string {
  if (source.kind === 'meeting') return `/api/meetings/${id(source.meetingId)}`
  return `/api/communities/${id(source.communityId)}/${source.kind}`
}

export const listVersions = (source: HistorySource, signal?: AbortSignal) =>
  apiRequest<{ versions: DocumentVersion[] }>('GET', `${historyBase(source)}/versions`, { signal })

export const restoreVersion = (source: HistorySource, versionId: string) =>
  apiRequest<null>('POST', `${historyBase(source)}/versions/${id(versionId)}/restore`)

/** The version's Yjs update (binary), to load into a fresh Y.Doc. */
export async function fetchVersionState(
  source: HistorySource,
  versionId: string,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  let response: Response
  try {
    response = await fetch(`${historyBase(source)}/versions/${id(versionId)}`, {
      credentials: 'same-origin',
      signal: signal ?? null,
    })
  } catch (error) {
    if (signal?.aborted) throw error
    throw new ApiError(
      0,
      'network',
      'Confer cannot be reached right now. Check your connection and try again.',
    )
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: string; message?: string }
    throw new ApiError(
      response.status,
      body.error ?? 'unknown',
      body.message ?? 'Could not load that version.',
    )
  }
  return new Uint8Array(await response.arrayBuffer())
}

import type { Limits } from '@confer/model'
import type { Configuration } from '@hocuspocus/server'
import { MIN_WAITING_FRAME_COST } from './document-addresses.ts'

/**
 * Hocuspocus' own bounds on what waits for authentication, set one step above what SocketBudget
 * lets through (document-addresses.ts counts as Hocuspocus does, never less), so that ours trip
 * first and the client is told why with a documented code (4413, 4429) instead of Hocuspocus'
 * undocumented 4205 "Reset Connection". They stay as a backstop, should the two ever drift.
 */
export function hocuspocusQueueLimits(
  limits: Limits,
): Pick<
  Configuration,
  'maxUnauthenticatedQueueSize' | 'maxUnauthenticatedQueueMessages' | 'maxPendingDocuments'
> {
  return {
    maxUnauthenticatedQueueSize: limits.preAuthBytes + 1,
    maxUnauthenticatedQueueMessages: Math.floor(limits.preAuthBytes / MIN_WAITING_FRAME_COST) + 1,
    maxPendingDocuments: limits.documentsPerSocket + 1,
  }
}

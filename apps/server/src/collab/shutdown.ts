import type { Hocuspocus } from '@hocuspocus/server'

/**
 * Runs the pending compactions and waits until Hocuspocus has unloaded every document, or the
 * deadline passes. Every acknowledged update is already in the log, so a missed deadline costs
 * only a longer log to replay at the next start, never an edit.
 */
export async function drainDocuments(hocuspocus: Hocuspocus, deadlineMs: number): Promise<boolean> {
  hocuspocus.closeConnections()
  hocuspocus.flushPendingStores()
  const until = Date.now() + deadlineMs
  while (hocuspocus.getDocumentsCount() > 0 || hocuspocus.loadingDocuments.size > 0) {
    if (Date.now() > until) return false
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  return true
}

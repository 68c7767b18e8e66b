/**
 * The shared documents open in this tab, seen from outside the editor code (which loads only
 * on meeting pages): log-out asks whether edits still wait for the server, then closes them.
 */
export interface OpenDocument {
  /** Edits made on this device that the server has not confirmed yet. */
  hasUnconfirmedEdits(): boolean
  /** Disconnects and closes the local copy, so it can be deleted. */
  close(): Promise<void>
}

const open = new Set<OpenDocument>()

export function registerOpenDocument(document: OpenDocument): () => void {
  open.add(document)
  return () => open.delete(document)
}

export function anyUnconfirmedEdits(): boolean {
  return [...open].some((document) => document.hasUnconfirmedEdits())
}

export async function closeAllDocuments(): Promise<void> {
  const all = [...open]
  open.clear()
  await Promise.all(all.map((document) => document.close()))
}

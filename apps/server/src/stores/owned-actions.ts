import type { OwnedAction } from './meeting-store.ts'

/**
 * Both engines' last step of `openActionsOwnedBy`, from every copy of the items the person owns
 * in any copy, latest meeting first: an item carried over lives in several meetings under one
 * id, and its latest copy is the truth (as on the community page). Kept when that copy is open
 * and theirs; due first (undated last), then by text.
 */
export function latestOpenOwnedBy(userId: string, latestFirst: readonly OwnedAction[]): OwnedAction[] {
  const latest = new Map<string, OwnedAction>()
  for (const copy of latestFirst) {
    const key = `${copy.communityId}/${copy.actionId}`
    if (!latest.has(key)) latest.set(key, copy)
  }
  return [...latest.values()]
    .filter((a) => !a.done && a.ownerId === userId)
    .sort(
      (a, b) =>
        (a.due ?? '9999').localeCompare(b.due ?? '9999') ||
        a.text.localeCompare(b.text) ||
        a.actionId.localeCompare(b.actionId),
    )
}

/**
 * The only awareness fields the server forwards, and their shapes. A client cannot speak for
 * another user: the name is replaced by the authenticated account's.
 */
export interface AwarenessUser {
  id: string
  name: string
  color: string
}

const COLOR = /^#[0-9a-fA-F]{6}$/
const MAX_CURSOR_JSON = 2_000
const DEFAULT_COLOR = '#64748b'

export interface Identity {
  userId: string
  userName: string
  readOnly: boolean
}

/** A relative-position cursor as y-prosemirror writes it: small, plain JSON objects. */
function sanitizeCursor(value: unknown): unknown {
  if (value === null) return null
  if (typeof value !== 'object') return undefined
  const cursor = value as { anchor?: unknown; head?: unknown }
  if (typeof cursor.anchor !== 'object' || typeof cursor.head !== 'object') return undefined
  const json = JSON.stringify({ anchor: cursor.anchor, head: cursor.head })
  return json.length <= MAX_CURSOR_JSON ? JSON.parse(json) : undefined
}

export function sanitizeAwarenessState(
  state: Record<string, unknown>,
  who: Identity,
): Record<string, unknown> {
  const user = state.user as { color?: unknown } | undefined
  const color = typeof user?.color === 'string' && COLOR.test(user.color) ? user.color : DEFAULT_COLOR
  const clean: Record<string, unknown> = { user: { id: who.userId, name: who.userName, color } }
  if (typeof state.idle === 'boolean') clean.idle = state.idle
  // Read-only people are present, but do not place carets or selections in others' views.
  if (!who.readOnly) {
    const cursor = sanitizeCursor(state.cursor)
    if (cursor !== undefined) clean.cursor = cursor
    if (typeof state.itemId === 'string' && state.itemId.length <= 64) clean.itemId = state.itemId
  }
  return clean
}

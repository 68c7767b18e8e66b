import { colorForName } from './color.ts'

/** Who this browser is, until accounts exist: a self-chosen display name. */
export interface Identity {
  /** What the user typed, possibly blank while they edit it. */
  draft: string
  /** The name others see: the draft, or a guest name when the draft is blank. */
  name: string
  color: string
  /** This browser's fallback name, used whenever the draft is blank. */
  guestName: string
}

const NAME_KEY = 'confer.displayName'
const GUEST_KEY = 'confer.guestName'
export const MAX_NAME_LENGTH = 40

type Listener = () => void
const listeners = new Set<Listener>()
let current: Identity | null = null

function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key)
  } catch {
    return null
  }
}

function writeStorage(key: string, value: string): void {
  try {
    localStorage.setItem(key, value)
  } catch {
    // Private mode or a full quota: the name still works for this tab.
  }
}

/** Generated once per browser so a blank name never changes who you are to others. */
function guestName(): string {
  const stored = readStorage(GUEST_KEY)
  if (stored) return stored
  const name = `Guest ${1000 + Math.floor(Math.random() * 9000)}`
  writeStorage(GUEST_KEY, name)
  return name
}

function build(draft: string): Identity {
  const guest = guestName()
  const name = draft.trim().slice(0, MAX_NAME_LENGTH) || guest
  return { draft, name, color: colorForName(name), guestName: guest }
}

export function getIdentity(): Identity {
  current ??= build(readStorage(NAME_KEY) ?? guestName())
  return current
}

export function setDisplayName(draft: string): void {
  writeStorage(NAME_KEY, draft)
  current = build(draft)
  for (const listener of listeners) listener()
}

export function subscribeIdentity(listener: Listener): () => void {
  listeners.add(listener)
  // Another tab renamed us: follow it so both tabs show one person.
  const onStorage = (event: StorageEvent) => {
    if (event.key !== NAME_KEY) return
    current = build(event.newValue ?? '')
    listener()
  }
  window.addEventListener('storage', onStorage)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('storage', onStorage)
  }
}

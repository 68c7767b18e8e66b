import { useCallback, useSyncExternalStore } from 'react'

/** Fired in this tab when a choice changes (`storage` events only reach other tabs). */
const EVENT = 'confer:stored-choice'

/** When storage is unavailable (some private modes) a choice lasts for this page only. */
const fallback = new Map<string, string>()

function read(key: string): string | null {
  try {
    return localStorage.getItem(key) ?? fallback.get(key) ?? null
  } catch {
    return fallback.get(key) ?? null
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('storage', onChange)
  window.addEventListener(EVENT, onChange)
  return () => {
    window.removeEventListener('storage', onChange)
    window.removeEventListener(EVENT, onChange)
  }
}

/**
 * A layout choice remembered on this device (a folded strip, the phone's tab): one of `options`,
 * `initial` until chosen. Anything else found in storage (an older version's value) counts as unset.
 */
export function useStoredChoice<T extends string>(
  key: string,
  options: readonly T[],
  initial: T,
): [T, (next: T) => void] {
  const stored = useSyncExternalStore(subscribe, () => read(key))
  const value = options.find((option) => option === stored) ?? initial
  const set = useCallback(
    (next: T) => {
      fallback.set(key, next)
      try {
        localStorage.setItem(key, next)
      } catch {
        // Private mode without storage: the fallback keeps it for this page.
      }
      window.dispatchEvent(new Event(EVENT))
    },
    [key],
  )
  return [value, set]
}

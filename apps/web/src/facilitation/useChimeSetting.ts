import { useCallback, useEffect, useSyncExternalStore } from 'react'
import { primeChime } from './chime.ts'

/** Whether this device chimes when a step's time is up; remembered on the device, off by default. */
const KEY = 'confer:chime'
const EVENT = 'confer:chime-setting'

/** Used when storage is unavailable (some private modes): the setting lasts for this page. */
let fallback = false

function read(): boolean {
  try {
    const stored = localStorage.getItem(KEY)
    return stored === null ? fallback : stored === 'on'
  } catch {
    return fallback
  }
}

function subscribe(onChange: () => void): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key === KEY) onChange()
  }
  window.addEventListener('storage', onStorage)
  window.addEventListener(EVENT, onChange)
  return () => {
    window.removeEventListener('storage', onStorage)
    window.removeEventListener(EVENT, onChange)
  }
}

export function useChimeSetting(): [on: boolean, set: (on: boolean) => void] {
  const on = useSyncExternalStore(subscribe, read)
  // Turned on in an earlier visit: the browser allows sound after this page's first click or key.
  useEffect(() => {
    if (!on) return
    const prime = () => primeChime()
    document.addEventListener('pointerdown', prime, { once: true })
    document.addEventListener('keydown', prime, { once: true })
    return () => {
      document.removeEventListener('pointerdown', prime)
      document.removeEventListener('keydown', prime)
    }
  }, [on])
  const set = useCallback((next: boolean) => {
    if (next) primeChime()
    fallback = next
    try {
      localStorage.setItem(KEY, next ? 'on' : 'off')
    } catch {
      // Private mode without storage: the setting lasts for this page only.
    }
    window.dispatchEvent(new Event(EVENT))
  }, [])
  return [on, set]
}

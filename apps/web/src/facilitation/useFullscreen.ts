import { useCallback, useSyncExternalStore } from 'react'

function subscribe(onChange: () => void): () => void {
  document.addEventListener('fullscreenchange', onChange)
  return () => document.removeEventListener('fullscreenchange', onChange)
}

const isFullscreen = () => document.fullscreenElement !== null

/** Whether the page fills the screen, whether it can, and a toggle (Fullscreen API). */
export function useFullscreen(): { available: boolean; active: boolean; toggle: () => void } {
  const active = useSyncExternalStore(subscribe, isFullscreen)
  const toggle = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => {})
    else void document.documentElement.requestFullscreen().catch(() => {})
  }, [])
  return { available: document.fullscreenEnabled, active, toggle }
}

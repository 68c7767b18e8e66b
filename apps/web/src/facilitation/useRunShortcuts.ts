import { useEffect, useRef } from 'react'

export interface ShortcutHandlers {
  toggle: () => void
  next: () => void
  prev: () => void
  extend: () => void
}

export const SHORTCUTS: readonly { keys: string; does: string }[] = [
  { keys: 'Space', does: 'pause or resume' },
  { keys: 'N', does: 'next step or turn' },
  { keys: 'P', does: 'previous step or turn' },
  { keys: 'E', does: 'one more minute' },
]

/** Typing somewhere: text fields, the notes editor, a list box. */
function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  return target.closest('input, textarea, select, [contenteditable="true"], [role="textbox"]') !== null
}

/** Space already means "press" on buttons, links and the like: leave it to them. */
function pressable(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('button, a[href], summary, [role="button"]') !== null
}

/**
 * The facilitator's keys, active while `enabled` and focus is not in a text field or a dialog:
 * Space pauses or resumes, N next, P previous, E adds a minute.
 */
export function useRunShortcuts(enabled: boolean, handlers: ShortcutHandlers): void {
  const current = useRef(handlers)
  useEffect(() => {
    current.current = handlers
  })
  useEffect(() => {
    if (!enabled) return
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat || event.ctrlKey || event.metaKey || event.altKey) return
      const target = event.target
      if (typingIn(target)) return
      if (target instanceof HTMLElement && target.closest('dialog')) return
      const key = event.key.toLowerCase()
      const run = current.current
      let handler: (() => void) | null = null
      if (key === ' ' && !pressable(target)) handler = run.toggle
      else if (key === 'n') handler = run.next
      else if (key === 'p') handler = run.prev
      else if (key === 'e') handler = run.extend
      if (!handler) return
      event.preventDefault()
      handler()
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [enabled])
}

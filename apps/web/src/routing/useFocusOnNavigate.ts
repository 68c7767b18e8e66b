import { type RefObject, useEffect, useRef } from 'react'

/**
 * After an in-app navigation the clicked control is gone and focus would fall to the body;
 * moving it to the page region lets keyboard and screen-reader users start from the new page.
 */
export function useFocusOnNavigate(path: string, target: RefObject<HTMLElement | null>): void {
  // Compared with the last path, not "first run", so StrictMode's repeated effects stay quiet.
  const shownPath = useRef(path)
  useEffect(() => {
    if (shownPath.current === path) return
    shownPath.current = path
    target.current?.focus({ preventScroll: true })
  }, [path, target])
}

/**
 * Resolves once `check()` is true, re-checking whenever `subscribe`'s callback fires.
 * Tests wait on events this way, never on sleeps; the timeout only turns a hang into a failure.
 */
export function until(
  check: () => boolean,
  subscribe: (recheck: () => void) => () => void,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (check()) return resolve()
    const timer = setTimeout(() => {
      unsubscribe()
      reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`))
    }, timeoutMs)
    const unsubscribe = subscribe(() => {
      if (!check()) return
      clearTimeout(timer)
      unsubscribe()
      resolve()
    })
  })
}

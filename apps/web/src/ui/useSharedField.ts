import { type ChangeEvent, useState } from 'react'

/**
 * An input bound to a value in a shared document. Every change is written through at once (so
 * it is kept on the device like any edit), but while the person is typing the field shows their
 * own text: someone else's edit arriving mid-word does not move the caret. Once focus leaves,
 * the field shows the shared value again.
 */
export function useSharedField(shared: string, write: (value: string) => void) {
  const [draft, setDraft] = useState<string | null>(null)
  return {
    value: draft ?? shared,
    onFocus: () => setDraft(shared),
    onBlur: () => setDraft(null),
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      setDraft(event.target.value)
      write(event.target.value)
    },
  }
}

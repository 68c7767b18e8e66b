import { type RefObject, useCallback, useRef, useState } from 'react'

/** What the list's form is open for: a new entry (with what it starts from) or an existing one. */
export type InlineEditing<T, F> = { kind: 'new'; initial: F } | { kind: 'edit'; item: T } | null

/** How a feature changes its list; each answers what to announce (null: nothing happened). */
export interface InlineListChanges<T, F> {
  add: (fields: F) => string | null
  edit: (item: T, fields: F) => string | null
  remove: (item: T) => string
}

export interface InlineList<T, F> {
  editing: InlineEditing<T, F>
  /** The entry whose removal waits for confirmation. */
  removing: T | null
  /** The last change, for the panel's live region. */
  announcement: string
  /** Focus returns here when the form closes, so keyboard users carry on where they were. */
  addButton: RefObject<HTMLButtonElement | null>
  startNew: (initial: F) => void
  startEdit: (item: T) => void
  close: () => void
  save: (fields: F) => void
  askRemove: (item: T) => void
  confirmRemove: () => void
  cancelRemove: () => void
}

/** The state of a list edited in place: one form at a time, removal confirmed, changes announced. */
export function useInlineList<T, F>(changes: InlineListChanges<T, F>): InlineList<T, F> {
  const [editing, setEditing] = useState<InlineEditing<T, F>>(null)
  const [removing, setRemoving] = useState<T | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const addButton = useRef<HTMLButtonElement>(null)

  const announce = (text: string | null) => {
    if (text !== null) setAnnouncement(text)
  }
  const close = useCallback(() => {
    setEditing(null)
    // The add button is back only after the form is gone.
    requestAnimationFrame(() => addButton.current?.focus())
  }, [])
  // Stable, so a feature may open the form from an effect (a draft from the notes).
  const startNew = useCallback((initial: F) => setEditing({ kind: 'new', initial }), [])
  const startEdit = useCallback((item: T) => setEditing({ kind: 'edit', item }), [])

  return {
    editing,
    removing,
    announcement,
    addButton,
    startNew,
    startEdit,
    close,
    save: (fields) => {
      announce(editing?.kind === 'edit' ? changes.edit(editing.item, fields) : changes.add(fields))
      close()
    },
    askRemove: setRemoving,
    confirmRemove: () => {
      if (removing !== null) announce(changes.remove(removing))
      setRemoving(null)
    },
    cancelRemove: () => setRemoving(null),
  }
}

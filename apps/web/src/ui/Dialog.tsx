import { type ReactNode, type RefObject, useEffect, useId, useRef } from 'react'

interface DialogProps {
  open: boolean
  title: string
  onClose: () => void
  children: ReactNode
  /** Focused when the dialog opens; otherwise the browser picks the first focusable control. */
  initialFocus?: RefObject<HTMLElement | null>
  className?: string
  /** A "Close" button in the corner; dialogs with their own Cancel button leave it out. */
  closeButton?: boolean
}

/**
 * A modal dialog on the native <dialog>: the browser traps focus inside, closes it on Escape
 * and returns focus to the control that opened it. Content renders only while open.
 */
export function Dialog(props: DialogProps) {
  const { open, title, onClose, children, initialFocus, className, closeButton = true } = props
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) {
      dialog.showModal()
      initialFocus?.current?.focus()
    } else if (!open && dialog.open) {
      dialog.close()
    }
  }, [open, initialFocus])
  return (
    <dialog
      ref={ref}
      className={className ? `dialog ${className}` : 'dialog'}
      aria-labelledby={titleId}
      onClose={onClose}
    >
      {open && (
        <>
          <div className="dialog__head">
            <h2 id={titleId} className="dialog__title">
              {title}
            </h2>
            {closeButton && (
              <button type="button" className="button button--quiet" onClick={onClose}>
                Close
              </button>
            )}
          </div>
          {children}
        </>
      )}
    </dialog>
  )
}

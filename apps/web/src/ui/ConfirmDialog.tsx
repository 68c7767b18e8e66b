import { type ReactNode, useRef } from 'react'
import { Dialog } from './Dialog.tsx'

interface ConfirmDialogProps {
  open: boolean
  title: string
  children: ReactNode
  confirmLabel: string
  cancelLabel?: string
  /** The confirm button is styled as destructive (removing, leaving, losing notes). */
  danger?: boolean
  pending?: boolean
  error?: string | null | undefined
  onConfirm: () => void
  onCancel: () => void
}

/** "Are you sure?" for actions that cannot be undone; the safe choice has the focus. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { open, title, children, confirmLabel, cancelLabel = 'Cancel', danger, pending, error } = props
  const cancelRef = useRef<HTMLButtonElement>(null)
  return (
    <Dialog
      open={open}
      title={title}
      onClose={props.onCancel}
      initialFocus={cancelRef}
      className="dialog--confirm"
      closeButton={false}
    >
      <div className="dialog__body">{children}</div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog__actions">
        <button type="button" ref={cancelRef} className="button button--secondary" onClick={props.onCancel}>
          {cancelLabel}
        </button>
        <button
          type="button"
          className={danger ? 'button button--danger' : 'button button--primary'}
          disabled={pending}
          onClick={props.onConfirm}
        >
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  )
}

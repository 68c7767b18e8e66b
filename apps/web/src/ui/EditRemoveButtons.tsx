interface Props {
  className: string
  /** What each button is heard as: which entry it edits or removes. */
  editLabel: string
  removeLabel: string
  onEdit: () => void
  onRemove: () => void
}

/** A row's edit and remove buttons, in a list edited in place. */
export function EditRemoveButtons({ className, editLabel, removeLabel, onEdit, onRemove }: Props) {
  return (
    <p className={className}>
      <button
        type="button"
        className="button button--quiet button--small"
        aria-label={editLabel}
        onClick={onEdit}
      >
        Edit
      </button>
      <button
        type="button"
        className="button button--quiet button--small"
        aria-label={removeLabel}
        onClick={onRemove}
      >
        Remove
      </button>
    </p>
  )
}

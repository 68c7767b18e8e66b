import { Fragment, type ReactNode, type Ref, useId } from 'react'
import { ConfirmDialog } from './ConfirmDialog.tsx'
import type { InlineList } from './useInlineList.ts'

interface Props<T extends F & { id: string }, F> {
  list: InlineList<T, F>
  items: readonly T[]
  /** False for observers and read-only guests: they see the list, nothing to change it. */
  editable: boolean
  /** The entry's name in the buttons and the dialog: "Add …", "Save …", "Remove this …?". */
  noun: string
  title: string
  /** Shown after the title, e.g. "(3 open)". */
  count: string
  className: string
  panelRef?: Ref<HTMLElement>
  emptyNote: string
  listClassName: string
  /** The rows' class; the row holding the form gets its `--editing` variant too. */
  rowClassName: string
  /** One row, an `<li>`, with edit and remove wired to `list.startEdit` and `list.askRemove`. */
  renderRow: (item: T) => ReactNode
  renderForm: (form: { initial: F; submitLabel: string }) => ReactNode
  /** What the add button's form starts from. */
  blank: F
  /** A new entry's form starts afresh when this changes (e.g. a new draft replaces its text). */
  newFormKey?: (initial: F) => string
  /** What the removal dialog says the entry is. */
  removalText: (item: T) => string
}

/**
 * A panel listing entries that are added, edited and removed in place: the list or its empty
 * note, the form in the row being edited or below the list, a live region for each change and a
 * confirmation before removing. Each feature brings its own rows and form fields.
 */
export function InlineListPanel<T extends F & { id: string }, F>(props: Props<T, F>) {
  const { list, items, editable, noun, renderRow, renderForm } = props
  const headingId = useId()
  const { editing, removing } = list
  return (
    <section ref={props.panelRef} className={props.className} aria-labelledby={headingId}>
      <h2 id={headingId} className="panel__title">
        {props.title} <span className="panel__count">{props.count}</span>
      </h2>
      {items.length === 0 ? (
        <p className="empty-note">{props.emptyNote}</p>
      ) : (
        <ul className={props.listClassName}>
          {items.map((item) =>
            editing?.kind === 'edit' && editing.item.id === item.id ? (
              <li key={item.id} className={`${props.rowClassName} ${props.rowClassName}--editing`}>
                {renderForm({ initial: item, submitLabel: `Save ${noun}` })}
              </li>
            ) : (
              <Fragment key={item.id}>{renderRow(item)}</Fragment>
            ),
          )}
        </ul>
      )}
      {editable &&
        (editing?.kind === 'new' ? (
          <Fragment key={props.newFormKey?.(editing.initial)}>
            {renderForm({ initial: editing.initial, submitLabel: `Add ${noun}` })}
          </Fragment>
        ) : (
          <button
            ref={list.addButton}
            type="button"
            className="button button--secondary button--small"
            onClick={() => list.startNew(props.blank)}
          >
            {`Add ${noun}`}
          </button>
        ))}
      <p className="visually-hidden" aria-live="polite">
        {list.announcement}
      </p>
      <ConfirmDialog
        open={removing !== null}
        title={`Remove this ${noun}?`}
        confirmLabel="Remove"
        danger
        onConfirm={list.confirmRemove}
        onCancel={list.cancelRemove}
      >
        <p>{removing !== null ? props.removalText(removing) : ''}</p>
      </ConfirmDialog>
    </section>
  )
}

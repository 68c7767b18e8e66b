import { type ActionItem, addAction, removeAction, updateAction } from '@confer/model'
import { useEffect, useRef } from 'react'
import type * as Y from 'yjs'
import { useActionDraft } from '../editor/action-draft.ts'
import type { MeetingPeople } from '../meeting-data/useMeetingPeople.ts'
import type { EarlierMeeting } from '../meeting-data/useMeetingTitles.ts'
import { InlineListPanel } from '../ui/InlineListPanel.tsx'
import { useInlineList } from '../ui/useInlineList.ts'
import { type ActionFields, ActionForm } from './ActionForm.tsx'
import { ActionRow, actionLabel } from './ActionRow.tsx'
import { useActions } from './useActions.ts'
import './actions.css'

interface Props {
  doc: Y.Doc
  editable: boolean
  people: MeetingPeople
  earlierMeeting: (meetingId: string) => EarlierMeeting | undefined
}

const blank = (text = ''): ActionFields => ({ text, ownerId: null, due: null })

/**
 * The meeting's action items, open ones first. Items still open at the previous meeting were
 * carried over by the server when this one was scheduled, and say where they came from.
 */
export function ActionsPanel({ doc, editable, people, earlierMeeting }: Props) {
  const actions = useActions(doc)
  const panel = useRef<HTMLElement>(null)
  const drafts = useActionDraft()
  const open = actions.filter((a) => !a.done).length
  const list = useInlineList<ActionItem, ActionFields>({
    add: (fields) => {
      addAction(doc, fields)
      return `Added action item ${fields.text}.`
    },
    edit: (action, fields) => {
      updateAction(doc, action.id, fields)
      return `Saved ${fields.text}.`
    },
    remove: (action) => {
      removeAction(doc, action.id)
      return `Removed ${actionLabel(action)}.`
    },
  })
  const { startNew } = list

  useEffect(() => {
    if (!drafts || !editable) return
    return drafts.listen((text) => {
      startNew(blank(text))
      panel.current?.scrollIntoView({ block: 'nearest' })
    })
  }, [drafts, editable, startNew])

  return (
    <InlineListPanel
      list={list}
      items={actions}
      editable={editable}
      noun="action item"
      title="Action items"
      count={`(${open} open)`}
      className="panel actions-panel"
      panelRef={panel}
      emptyNote="No action items yet."
      listClassName="action-list"
      rowClassName="action-row"
      blank={blank()}
      // A new draft from the notes replaces the form's text.
      newFormKey={(initial) => initial.text}
      renderRow={(action) => (
        <ActionRow
          doc={doc}
          action={action}
          editable={editable}
          people={people}
          earlierMeeting={earlierMeeting}
          onEdit={list.startEdit}
          onRemove={list.askRemove}
        />
      )}
      renderForm={({ initial, submitLabel }) => (
        <ActionForm
          initial={initial}
          people={people}
          submitLabel={submitLabel}
          onSubmit={list.save}
          onCancel={list.close}
        />
      )}
      removalText={actionLabel}
    />
  )
}

import { type AgendaItem, addDecision, type Decision, editDecision, removeDecision } from '@confer/model'
import type * as Y from 'yjs'
import { InlineListPanel } from '../ui/InlineListPanel.tsx'
import { useInlineList } from '../ui/useInlineList.ts'
import { type DecisionFields, DecisionForm } from './DecisionForm.tsx'
import { DecisionRow } from './DecisionRow.tsx'
import { useDecisions } from './useDecisions.ts'
import './decisions.css'

interface Props {
  doc: Y.Doc
  agenda: readonly AgendaItem[]
  /** False for observers and read-only guests: they see the list, nothing to change it. */
  editable: boolean
}

const NEW: DecisionFields = { text: '', itemId: null }

/**
 * What the meeting decided, oldest first, each with its agenda item. Decisions come from "Mark
 * as decision" in an item's notes or are added here; everyone sees each change as it happens.
 */
export function DecisionsPanel({ doc, agenda, editable }: Props) {
  const decisions = useDecisions(doc)
  const list = useInlineList<Decision, DecisionFields>({
    add: (fields) => (addDecision(doc, fields) !== null ? `Added decision: ${fields.text}.` : null),
    edit: (decision, fields) =>
      editDecision(doc, decision.id, fields) ? `Saved decision: ${fields.text}.` : null,
    remove: (decision) => {
      removeDecision(doc, decision.id)
      return `Removed decision: ${decision.text}.`
    },
  })

  return (
    <InlineListPanel
      list={list}
      items={decisions}
      editable={editable}
      noun="decision"
      title="Decisions"
      count={`(${decisions.length})`}
      className="panel decisions-panel"
      emptyNote={
        editable
          ? 'No decisions yet. Mark a line in the notes as a decision, or add one here.'
          : 'No decisions yet.'
      }
      listClassName="decision-list"
      rowClassName="decision-row"
      blank={NEW}
      renderRow={(decision) => (
        <DecisionRow
          decision={decision}
          agenda={agenda}
          editable={editable}
          onEdit={list.startEdit}
          onRemove={list.askRemove}
        />
      )}
      renderForm={({ initial, submitLabel }) => (
        <DecisionForm
          initial={initial}
          agenda={agenda}
          submitLabel={submitLabel}
          onSubmit={list.save}
          onCancel={list.close}
        />
      )}
      removalText={(decision) => decision.text}
    />
  )
}

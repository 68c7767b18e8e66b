import type { AgendaItem, Decision } from '@confer/model'
import { EditRemoveButtons } from '../ui/EditRemoveButtons.tsx'
import { decisionItemLabel } from './decision-item.ts'

interface Props {
  decision: Decision
  agenda: readonly AgendaItem[]
  editable: boolean
  onEdit: (decision: Decision) => void
  onRemove: (decision: Decision) => void
}

/** One decision: what was decided and under which agenda item; edit and remove for editors. */
export function DecisionRow({ decision, agenda, editable, onEdit, onRemove }: Props) {
  const item = decisionItemLabel(agenda, decision.itemId)
  return (
    <li className="decision-row">
      <p className="decision-row__text">{decision.text}</p>
      <p className="decision-row__item">
        <span className="visually-hidden">Agenda item: </span>
        {item}
      </p>
      {editable && (
        <EditRemoveButtons
          className="decision-row__buttons"
          editLabel={`Edit decision: ${decision.text}`}
          removeLabel={`Remove decision: ${decision.text}`}
          onEdit={() => onEdit(decision)}
          onRemove={() => onRemove(decision)}
        />
      )}
    </li>
  )
}

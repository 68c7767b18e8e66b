import { budgetText, timeBudget } from './agenda-time.ts'

/** The running total of planned minutes against the meeting's length, in words and colour. */
export function AgendaTotal({ planned, duration }: { planned: number; duration: number }) {
  return (
    <p className="agenda-total" data-budget={timeBudget(planned, duration)}>
      <span className="agenda-total__dot" aria-hidden="true" />
      {budgetText(planned, duration)}
    </p>
  )
}

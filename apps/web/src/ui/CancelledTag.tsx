import './meeting-status.css'

/** "Cancelled" next to a meeting's title: in words, not only a struck-through title. */
export function CancelledTag() {
  return <span className="tag tag--cancelled">Cancelled</span>
}

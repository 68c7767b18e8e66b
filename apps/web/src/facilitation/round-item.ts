import type { AgendaItem } from '@confer/model'
import { currentItemId } from '../meeting-data/current-item.ts'

/**
 * The agenda item a protocol round belongs to: the first open item that plans the protocol being
 * run (the facilitator started it for that item), else the item the team is on.
 */
export function roundItemId(agenda: readonly AgendaItem[], protocolId: string | null): string | null {
  const planned = protocolId ? agenda.find((item) => !item.done && item.protocolId === protocolId) : undefined
  return planned?.id ?? currentItemId(agenda)
}

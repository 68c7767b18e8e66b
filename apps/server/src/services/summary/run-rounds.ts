import type { RunLogEntry } from '@confer/model'

/** One protocol round as the run log recorded it: the steps it went through, in order. */
export interface LoggedRound {
  protocolId: string
  steps: RunLogEntry[]
}

/**
 * Splits the run log into rounds. Moving between steps ends one entry and starts the next at
 * the same server instant; a round that was stopped and started again (or another protocol)
 * leaves a gap, so a gap or a new protocol starts a new round.
 */
export function groupRounds(log: readonly RunLogEntry[]): LoggedRound[] {
  const rounds: LoggedRound[] = []
  let current: LoggedRound | null = null
  let previous: RunLogEntry | null = null
  for (const entry of log) {
    const continues =
      current !== null &&
      previous !== null &&
      previous.protocolId === entry.protocolId &&
      previous.endedAt === entry.startedAt
    if (!continues || current === null) {
      current = { protocolId: entry.protocolId, steps: [] }
      rounds.push(current)
    }
    current.steps.push(entry)
    previous = entry
  }
  return rounds
}

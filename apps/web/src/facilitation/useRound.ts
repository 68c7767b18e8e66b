import type { MeetingView, Member } from '@confer/api'
import type { Protocol } from '../protocols/protocol-types.ts'
import { type Protocols, useProtocols } from '../protocols/useProtocols.ts'
import { useMemberNames } from './useMemberNames.ts'
import { useRunContext } from './useRunContext.ts'
import { type RunView, useRunDocument } from './useRunDocument.ts'

export interface Round {
  /** The run document; null until it has loaded. */
  document: RunView | null
  /** The protocol being run, or null when idle or not known (yet). */
  protocol: Protocol | null
  /** Whether this page has asked everyone it can about the protocol (false: still loading). */
  protocolKnown: boolean
  /** What the facilitator can start: the library and the community's own. */
  protocols: Protocols
  /** The community's people (empty for guests, who cannot read the community). */
  members: Member[]
  nameOf: (userId: string, position: number) => string
  nameFor: (userId: string) => string | null
  /** The presenter's name; null when none is chosen (or nobody could name them yet). */
  presenter: string | null
}

const NOBODY: readonly string[] = []

/**
 * A meeting's protocol round as a page shows it: the run document, with its protocol and the
 * names of the go-round and the presenter from the server's run context (what guests have) or the
 * community's own lists.
 */
export function useRound(meeting: MeetingView['meeting'], guest: boolean): Round {
  const round = useRunDocument(meeting.id)
  const protocolId = round?.run.protocolId ?? null
  const presenterId = round?.run.presenterId ?? null
  const context = useRunContext(meeting.id, protocolId, round?.speakers ?? NOBODY, presenterId)
  const protocols = useProtocols(meeting.id, protocolId)
  const { members, nameOf, nameFor } = useMemberNames(meeting.communityId, guest, context.names)
  const protocol = context.protocol ?? protocols.find(protocolId)
  return {
    document: round,
    protocol,
    protocolKnown: protocol !== null || (context.settled && protocols.loaded),
    protocols,
    members,
    nameOf,
    nameFor,
    presenter: presenterId ? nameFor(presenterId) : null,
  }
}

import { z } from 'zod'
import { nameSchema } from './names.ts'

const CommunityIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'That is not a community id.')

export const CreateNetworkBody = z.strictObject({
  name: nameSchema('network name', { empty: 'Give the network a name.', max: 120 }),
  purpose: z.string().trim().max(2000).optional(),
  /** The first member community: one the creator facilitates. */
  communityId: CommunityIdSchema,
})
export const AddNetworkCommunityBody = z.strictObject({ communityId: CommunityIdSchema })

export interface NetworkSummary {
  id: string
  name: string
}

export interface Network {
  id: string
  name: string
  purpose: string
  communities: { id: string; name: string }[]
  /** Whether the caller facilitates a community in it (and so may add communities). */
  canManage: boolean
}

export interface NetworkInvite {
  code: string
  expiresAt: string
}

/** What a network invitation offers, shown before a facilitator picks the community that joins. */
export interface NetworkInvitePreview {
  network: { name: string; purpose: string }
  /** Name of the facilitator who made the link (null once their account is gone). */
  invitedBy: string | null
  expiresAt: string
  /**
   * 'sponsor' for a sponsor invitation (SPEC PR4: accepted with no body, it makes the person a
   * sponsor); absent for one that brings a community into the network.
   */
  kind?: 'sponsor'
}

/**
 * A meeting opened to a network's guests (SPEC G1): where it comes from and, when the caller is a
 * guest in it (not a member of its community), through which network.
 */
export interface NetworkMeeting {
  id: string
  communityId: string
  communityName: string
  title: string
  startsAt: string
  durationMinutes: number
  networkGuestRole: 'member' | 'observer'
  /** True when the caller is a guest (a member of another community of the network). */
  guest: boolean
  network: { id: string; name: string }
}

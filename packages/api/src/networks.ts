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
  expiresAt: string
}

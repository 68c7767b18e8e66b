import type { AcceptedSponsorInvite, SponsorInvite } from '@confer/api'
import { apiRequest } from '../api/client.ts'

/** Sponsor invitations (SPEC PR4): made by a facilitator of a community in the network. */

const id = encodeURIComponent

export const createSponsorInvite = (networkId: string) =>
  apiRequest<SponsorInvite>('POST', `/api/networks/${id(networkId)}/sponsor-invites`)
/** With no body, the server reads the code as a sponsor invitation. */
export const acceptSponsorInvite = (code: string) =>
  apiRequest<AcceptedSponsorInvite>('POST', `/api/network-invites/${id(code)}/accept`)

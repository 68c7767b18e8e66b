/**
 * Sponsors of networks (a principal, a district lead): people who follow the progress of every
 * community in a network and see nothing else, and the invitation links that make them so.
 */
export interface SponsorInviteRecord {
  codeHash: string
  networkId: string
  createdBy: string
  createdAt: number
  expiresAt: number
}

export interface SponsorStore {
  insertSponsorInvite(invite: SponsorInviteRecord): Promise<void>
  /** The network a sponsor invitation leads to, when it stops working and who made it (null once gone). */
  sponsorInvite(
    codeHash: string,
  ): Promise<{ networkId: string; expiresAt: number; invitedByName: string | null } | null>
  /** Makes the user a sponsor of the network, or returns false when they already are. */
  addSponsor(networkId: string, userId: string, at: number): Promise<boolean>
  isSponsor(networkId: string, userId: string): Promise<boolean>
  /** The networks the user sponsors, by name. */
  sponsoredBy(userId: string): Promise<{ id: string; name: string }[]>
  /** Whether the user sponsors a network the community is linked to. */
  sponsorsCommunity(communityId: string, userId: string): Promise<boolean>
}

import type { Role } from '@confer/api'

/** Communities, who belongs with which role, invitations and networks of communities. */
export interface CommunityRecord {
  id: string
  name: string
  focus: string
  createdAt: number
}

export interface MembershipRecord {
  communityId: string
  userId: string
  role: Role
  joinedAt: number
}

export interface MemberRow {
  userId: string
  name: string
  email: string
  role: Role
}

export interface InviteRecord {
  id: string
  codeHash: string
  communityId: string
  role: Role
  createdBy: string
  createdAt: number
  expiresAt: number
  revokedAt: number | null
}

export interface NetworkRecord {
  id: string
  name: string
  purpose: string
  createdBy: string
  createdAt: number
}

export interface CommunityStore {
  /** Creates the community with its first member in one transaction. */
  insertCommunity(community: CommunityRecord, facilitatorId: string): Promise<void>
  communityById(id: string): Promise<CommunityRecord | null>
  updateCommunity(id: string, changes: { name?: string; focus?: string }): Promise<void>
  communitiesOf(userId: string): Promise<(CommunityRecord & { role: Role })[]>
  membership(communityId: string, userId: string): Promise<MembershipRecord | null>
  members(communityId: string): Promise<MemberRow[]>
  /** Adds a member, or returns false when already a member. */
  addMember(membership: MembershipRecord): Promise<boolean>
  /**
   * Sets a role (or removes the member, with `null`) unless that would leave the community
   * without a facilitator; returns 'last_facilitator' then. Checked and written atomically.
   */
  changeRole(
    communityId: string,
    userId: string,
    role: Role | null,
  ): Promise<'ok' | 'not_member' | 'last_facilitator'>

  insertInvite(invite: InviteRecord): Promise<void>
  inviteByCodeHash(codeHash: string): Promise<InviteRecord | null>
  invitesOf(communityId: string, now: number): Promise<InviteRecord[]>
  revokeInvite(communityId: string, inviteId: string, at: number): Promise<boolean>

  insertNetwork(network: NetworkRecord, firstCommunityId: string): Promise<void>
  networkById(id: string): Promise<NetworkRecord | null>
  addNetworkCommunity(networkId: string, communityId: string, at: number): Promise<boolean>
  networkCommunities(networkId: string): Promise<{ id: string; name: string }[]>
  networksOfCommunity(communityId: string): Promise<{ id: string; name: string }[]>
  /** Networks any of the user's communities belong to. */
  networksOfUser(userId: string): Promise<NetworkRecord[]>
  insertNetworkInvite(invite: {
    codeHash: string
    networkId: string
    createdBy: string
    createdAt: number
    expiresAt: number
  }): Promise<void>
  /**
   * The network an invitation code leads to, when it stops working and who made it (their name,
   * null once the account is gone), or null if unknown.
   */
  networkInvite(
    codeHash: string,
  ): Promise<{ networkId: string; expiresAt: number; invitedByName: string | null } | null>
  /** Whether the user belongs to some community that shares a network with `communityId`. */
  sharesNetworkWith(communityId: string, userId: string): Promise<boolean>
}

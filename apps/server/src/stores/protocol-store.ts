import type { Protocol } from '@confer/protocols'

/** Protocols a community copied and adapted (the built-in library lives in code). */
export interface ProtocolStore {
  save(communityId: string, protocol: Protocol, userId: string, at: number): Promise<void>
  ofCommunity(communityId: string): Promise<Protocol[]>
  find(communityId: string, id: string): Promise<Protocol | null>
  remove(communityId: string, id: string): Promise<boolean>
}

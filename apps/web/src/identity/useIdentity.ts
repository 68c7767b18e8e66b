import { useSyncExternalStore } from 'react'
import { getIdentity, type Identity, subscribeIdentity } from './identity-store.ts'

export function useIdentity(): Identity {
  return useSyncExternalStore(subscribeIdentity, getIdentity)
}

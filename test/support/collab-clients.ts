import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import * as Y from 'yjs'
import { until } from './wait.ts'

export interface TestClient {
  provider: HocuspocusProvider
  doc: Y.Doc
  destroy(): void
}

/** A real provider on its own socket, as a browser tab would have. */
export function connectClient(wsUrl: string, name: string, token = ''): TestClient {
  const doc = new Y.Doc()
  // Quick, unlimited reconnects: restart tests wait for clients to come back by themselves.
  const websocketProvider = new HocuspocusProviderWebsocket({
    url: wsUrl,
    maxAttempts: 0,
    delay: 100,
    minDelay: 100,
    maxDelay: 1_000,
  })
  const provider = new HocuspocusProvider({ websocketProvider, name, document: doc, token })
  provider.attach()
  return {
    provider,
    doc,
    destroy() {
      provider.destroy()
      websocketProvider.destroy()
      doc.destroy()
    },
  }
}

export function waitForSynced(client: TestClient, timeoutMs?: number): Promise<void> {
  const { provider } = client
  return until(
    () => provider.isSynced,
    (recheck) => {
      provider.on('synced', recheck)
      return () => provider.off('synced', recheck)
    },
    `${provider.configuration.name} to sync`,
    timeoutMs,
  )
}

/** Waits until the server has acknowledged every local change (the provider's own measure). */
export function waitForAcknowledged(client: TestClient, timeoutMs?: number): Promise<void> {
  const { provider } = client
  return until(
    () => provider.isSynced && !provider.hasUnsyncedChanges,
    (recheck) => {
      provider.on('unsyncedChanges', recheck)
      provider.on('synced', recheck)
      return () => {
        provider.off('unsyncedChanges', recheck)
        provider.off('synced', recheck)
      }
    },
    `${provider.configuration.name} to have no unsynced changes`,
    timeoutMs,
  )
}

/** Waits until `check(doc)` holds, re-checking on every change to the document. */
export function waitForDoc(client: TestClient, check: (doc: Y.Doc) => boolean, what: string): Promise<void> {
  return until(
    () => check(client.doc),
    (recheck) => {
      client.doc.on('update', recheck)
      return () => client.doc.off('update', recheck)
    },
    what,
  )
}

/** Resolves with the reason of the first refused authentication. */
export function waitForDenied(client: TestClient): Promise<string> {
  return new Promise((resolve) => {
    client.provider.on('authenticationFailed', ({ reason }: { reason: string }) => resolve(reason))
  })
}

/** Waits until `check()` holds, re-checking on every awareness change the client sees. */
export function waitForAwareness(client: TestClient, check: () => boolean, what: string): Promise<void> {
  const awareness = client.provider.awareness
  if (!awareness) throw new Error('this client has no awareness')
  return until(
    check,
    (recheck) => {
      awareness.on('change', recheck)
      return () => awareness.off('change', recheck)
    },
    what,
  )
}

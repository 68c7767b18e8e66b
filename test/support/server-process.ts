import { type ChildProcess, spawn } from 'node:child_process'
import readline from 'node:readline'
import { SERVER_ENV, SERVER_MAIN, SERVER_NODE_FLAGS } from '../../apps/server/src/node-flags.ts'

export interface ServerProcess {
  url: string
  wsUrl: string
  child: ChildProcess
  /** Resolves with how the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/** The Node flags and environment a server starts with (`apps/server/src/node-flags.ts`). */
export interface ServerRuntime {
  nodeFlags: readonly string[]
  env: Readonly<Record<string, string>>
}

/**
 * The real server as its own process, with the Node flags `pnpm start` gives it, so a test can
 * kill -9 it. Tests run the TypeScript sources; the benchmark passes the bundle `pnpm start`
 * runs, so it measures what runs in production. Resolves once it logs the address it listens on.
 */
export function spawnServer(
  env: Record<string, string>,
  entry: string = SERVER_MAIN,
  runtime: ServerRuntime = { nodeFlags: SERVER_NODE_FLAGS, env: SERVER_ENV },
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...runtime.nodeFlags, entry], {
    env: {
      ...runtime.env,
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      WEB_DIST_DIR: '',
      AUTH_RATE_LIMIT: '10000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }))
  })
  const stderr: string[] = []
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()))

  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout as NodeJS.ReadableStream })
    lines.on('line', (line) => {
      let entry: { url?: unknown } = {}
      try {
        entry = JSON.parse(line)
      } catch {
        return
      }
      if (typeof entry.url === 'string') {
        resolve({ url: entry.url, wsUrl: `${entry.url.replace(/^http/, 'ws')}/collab`, child, exited })
      }
    })
    exited.then(({ code, signal }) =>
      reject(new Error(`server exited before listening (${code ?? signal}): ${stderr.join('')}`)),
    )
  })
}

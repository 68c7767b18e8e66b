import path from 'node:path'
import { pathToFileURL } from 'node:url'

/**
 * V8 flags the server process runs with. V8 grows the young generation with the allocation
 * rate, and on a machine with plenty of memory lets each semi-space reach 32 MB under
 * collaboration load: 64 MB of RSS that holds only garbage between scavenges. Measured with
 * bench S3 (800 connections, 400 updates/s): 16 MB saves ~37 MB and 8 MB ~55 MB of RSS, both
 * at the default's CPU per update within run-to-run noise; 1 MB or --optimize-for-size cost
 * 15–30 % more CPU.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8']

/** The server's entry point in source form: tests and `pnpm dev` run it as TypeScript. */
export const SERVER_MAIN = path.join(import.meta.dirname, 'main.ts')

/** The built server (scripts/lib/server-build.ts): what `pnpm start` and the benchmark run. */
export const SERVER_BUNDLE = path.resolve(import.meta.dirname, '../dist/main.mjs')

/**
 * Turns this process into the server, run with SERVER_NODE_FLAGS (flags that size the heap only
 * take effect at start). execve replaces the process: no parent is left holding memory or
 * signals, and the pid stays the same for whoever started it.
 */
export async function becomeServer(entry: string = SERVER_BUNDLE): Promise<void> {
  if (process.execve) {
    process.execve(process.execPath, [process.execPath, ...SERVER_NODE_FLAGS, entry], process.env)
  }
  // Windows has no execve: run here, without the heap flags.
  await import(pathToFileURL(entry).href)
}

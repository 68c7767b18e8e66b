import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

/**
 * V8 flags the server process runs with.
 *
 * The semi-space cap: V8 grows the young generation with the allocation rate, and on a machine
 * with plenty of memory lets each semi-space reach 32 MB under collaboration load: 64 MB of RSS
 * that holds only garbage between scavenges. Measured with bench S3 (800 connections, 400
 * updates/s): 16 MB saves ~37 MB and 8 MB ~55 MB of RSS, both at the default's CPU per update
 * within run-to-run noise; 1 MB or --optimize-for-size cost 15–30 % more CPU.
 *
 * The pool size: see v8PoolSize.
 */
export const SERVER_NODE_FLAGS: readonly string[] = [
  '--max-semi-space-size=8',
  `--v8-pool-size=${v8PoolSize(os.availableParallelism())}`,
]

/**
 * V8's background threads (concurrent compilers, GC helpers) number 4 by default, whatever
 * the machine. With fewer cores than those threads plus the event loop, a compile job takes
 * the core the event loop was on, and every message waiting behind it waits too. So the pool
 * leaves a core to the event loop, up to V8's default. Measured with bench on 2 cores (a pool
 * of 1 against 4, 5 paired rounds each): edit→remote p99 0.80× in S2 and S3, CPU per
 * delivered update and RSS unchanged (test/bench/BASELINE.md).
 */
export function v8PoolSize(cores: number): number {
  return Math.max(1, Math.min(4, cores - 1))
}

/**
 * Environment the server process starts with, under whatever the operator set. glibc serves
 * requests under 128 KB from its main heap, and V8 parses and compiles in 32 KB zone segments
 * there: loading the bundle leaves ~10 MB of freed segments resident between live chunks, and
 * each lazy compile later adds more. From 32 KB up, allocations get their own mappings, which go
 * back to the system when freed. Measured: malloc heap after start 12.0 → 2.2 MB; bench S3 RSS
 * 153–158 → 140–142 MiB; ~180 mmap/munmap pairs a second under S3 (libuv's 64 KB read
 * buffers), CPU per update within run-to-run noise. Other C libraries ignore the variable.
 */
export const SERVER_ENV: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: '32768' }

/** The server's entry point in source form: tests and `pnpm dev` run it as TypeScript. */
export const SERVER_MAIN = path.join(import.meta.dirname, 'main.ts')

/** The built server (scripts/lib/server-build.ts): what `pnpm start` and the benchmark run. */
export const SERVER_BUNDLE = path.resolve(import.meta.dirname, '../dist/main.mjs')

/**
 * Turns this process into the server, run with SERVER_NODE_FLAGS and SERVER_ENV (both only
 * take effect at start). execve replaces the process: no parent is left holding memory or
 * signals, and the pid stays the same for whoever started it.
 */
export async function becomeServer(entry: string = SERVER_BUNDLE): Promise<void> {
  if (process.execve) {
    process.execve(process.execPath, [process.execPath, ...SERVER_NODE_FLAGS, entry], {
      ...SERVER_ENV,
      ...process.env,
    })
  }
  // Windows has no execve: run here, without the heap flags.
  await import(pathToFileURL(entry).href)
}

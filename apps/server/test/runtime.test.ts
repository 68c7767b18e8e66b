import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { SERVER_ENV, SERVER_NODE_FLAGS, v8PoolSize } from '../src/node-flags.ts'

/** Runs becomeServer (what `pnpm start` ends with) on an entry that reports how it was started. */
function startedAs(env: Record<string, string> = {}): {
  pids: number[]
  flags: string[]
  mmap: string | null
  v8Workers: number
} {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'confer-runtime-'))
  const entry = path.join(dir, 'report.mjs')
  fs.writeFileSync(
    entry,
    [
      "import fs from 'node:fs'",
      // V8 names its background threads; /proc lists every thread of this process.
      "const v8Workers = fs.readdirSync('/proc/self/task').filter((t) => fs.readFileSync('/proc/self/task/' + t + '/comm', 'utf8').trim() === 'V8Worker').length",
      'console.log(JSON.stringify({ pid: process.pid, flags: process.execArgv, mmap: process.env.MALLOC_MMAP_THRESHOLD_ ?? null, v8Workers }))',
    ].join('\n'),
  )
  const starter = path.join(dir, 'start.ts')
  const nodeFlags = path.join(import.meta.dirname, '../src/node-flags.ts')
  fs.writeFileSync(
    starter,
    `import { becomeServer } from ${JSON.stringify(nodeFlags)}\nconsole.log(process.pid)\nawait becomeServer(${JSON.stringify(entry)})\n`,
  )
  const lines = execFileSync(process.execPath, [starter], { env: { ...process.env, ...env } })
    .toString()
    .trim()
    .split('\n')
  const report = JSON.parse(lines[1] ?? '{}') as {
    pid: number
    flags: string[]
    mmap: string | null
    v8Workers: number
  }
  return {
    pids: [Number(lines[0]), report.pid],
    flags: report.flags,
    mmap: report.mmap,
    v8Workers: report.v8Workers,
  }
}

describe('runtime', () => {
  it('runs on the pinned Node 24, not the machine’s Node 20', () => {
    expect(process.versions.node.startsWith('24.')).toBe(true)
  })

  it('becomes the server in the same process, with the server’s heap flags and malloc setting', () => {
    const { pids, flags, mmap } = startedAs()
    expect(pids[1]).toBe(pids[0])
    expect(flags).toEqual(SERVER_NODE_FLAGS)
    expect(mmap).toBe(SERVER_ENV.MALLOC_MMAP_THRESHOLD_)
  })

  it('leaves a core to the event loop: V8’s background threads number one fewer than the cores, up to V8’s 4', () => {
    expect([1, 2, 3, 4, 5, 64].map(v8PoolSize)).toEqual([1, 1, 2, 3, 4, 4])
    expect(startedAs().v8Workers).toBe(v8PoolSize(os.availableParallelism()))
  })

  it('keeps an operator’s own malloc setting', () => {
    expect(startedAs({ MALLOC_MMAP_THRESHOLD_: '65536' }).mmap).toBe('65536')
  })
})

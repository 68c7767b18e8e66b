import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { SERVER_ENV, SERVER_NODE_FLAGS } from '../src/node-flags.ts'

/** Runs becomeServer (what `pnpm start` ends with) on an entry that reports how it was started. */
function startedAs(env: Record<string, string> = {}): {
  pids: number[]
  flags: string[]
  mmap: string | null
} {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'confer-runtime-'))
  const entry = path.join(dir, 'report.mjs')
  fs.writeFileSync(
    entry,
    'console.log(JSON.stringify({ pid: process.pid, flags: process.execArgv, mmap: process.env.MALLOC_MMAP_THRESHOLD_ ?? null }))',
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
  const report = JSON.parse(lines[1] ?? '{}') as { pid: number; flags: string[]; mmap: string | null }
  return { pids: [Number(lines[0]), report.pid], flags: report.flags, mmap: report.mmap }
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

  it('keeps an operator’s own malloc setting', () => {
    expect(startedAs({ MALLOC_MMAP_THRESHOLD_: '65536' }).mmap).toBe('65536')
  })
})

/**
 * `pnpm test`: every check and test the project has, in order — lint, typecheck, unit and
 * integration (Vitest), then real-browser tests (Playwright) on a fresh build. Every step
 * runs even after a failure so one run shows everything; the exit code is non-zero if any
 * step failed. Reports land in .reports/ for .ci/run to count.
 */
import fs from 'node:fs'
import path from 'node:path'
import { ROOT, run } from './lib/run.ts'
import { buildServer } from './lib/server-build.ts'
import { typecheck } from './lib/typecheck.ts'
import { buildWeb } from './lib/web-build.ts'

const REPORTS = path.join(ROOT, '.reports')
fs.rmSync(REPORTS, { recursive: true, force: true })
fs.mkdirSync(REPORTS, { recursive: true })

interface Check {
  name: string
  ok: boolean
}
const checks: Check[] = []

async function step(name: string, action: () => boolean | Promise<boolean>): Promise<boolean> {
  console.log(`\n── ${name} ──`)
  const ok = await action()
  checks.push({ name, ok })
  return ok
}

await step('lint (biome)', () => run('biome', ['check', '.']))
await step('typecheck (tsc)', typecheck)
const vitestOk = run('vitest', [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${path.join(REPORTS, 'vitest.json')}`,
])
// The browser tests run against the server bundle `pnpm start` runs.
const built =
  (await step('build web app (vite)', buildWeb)) &&
  (await step('build server bundle (rolldown)', buildServer))
let e2eOk = false
if (built) {
  e2eOk = run(process.execPath, ['test/e2e/ensure-chromium.ts']) && run('playwright', ['test'])
}

// Lint, typecheck and build count as one test each in the closing summary.
fs.writeFileSync(path.join(REPORTS, 'checks.json'), `${JSON.stringify({ checks }, null, 2)}\n`)

const failed = [...checks.filter((c) => !c.ok).map((c) => c.name)]
if (!vitestOk) failed.push('vitest')
if (!e2eOk) failed.push('playwright')
if (failed.length > 0) {
  console.error(`\nFailed: ${failed.join(', ')}`)
  process.exit(1)
}
console.log('\nAll checks and tests passed.')

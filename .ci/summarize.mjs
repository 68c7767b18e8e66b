// Sums the runners' JSON reports in .reports/ into one line: "N passed, N failed[, N skipped]".
// Plain JavaScript on purpose: it must run on whatever Node the machine has, even when the
// install of the pinned runtime failed. Usage: node .ci/summarize.mjs <exit status of the tests>
import fs from 'node:fs'

const status = Number(process.argv[2] ?? 1)
const read = (file) => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch {
    return null
  }
}

let passed = 0
let failed = 0
let skipped = 0

const vitest = read('.reports/vitest.json')
if (vitest) {
  passed += vitest.numPassedTests ?? 0
  failed += vitest.numFailedTests ?? 0
  skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0)
}
const playwright = read('.reports/playwright.json')
if (playwright?.stats) {
  passed += (playwright.stats.expected ?? 0) + (playwright.stats.flaky ?? 0)
  failed += playwright.stats.unexpected ?? 0
  skipped += playwright.stats.skipped ?? 0
}
const checks = read('.reports/checks.json')
for (const check of checks?.checks ?? []) {
  if (check.ok) passed += 1
  else failed += 1
}
// A failed run must never read as green, even if a runner died before writing its report.
if (status !== 0 && failed === 0) failed = 1

console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`)

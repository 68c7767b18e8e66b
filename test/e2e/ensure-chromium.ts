/**
 * Browser tests drive Debian's Chromium; Playwright's own browser downloads are not reachable
 * here. Installs it with apt-get when it is missing (CI and fresh machines run as root).
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'

export const CHROMIUM = '/usr/bin/chromium'

if (!fs.existsSync(CHROMIUM)) {
  if (process.getuid?.() !== 0) {
    console.error(`${CHROMIUM} is missing. Install it with: sudo apt-get install -y chromium`)
    process.exit(1)
  }
  console.log('Installing Chromium for the browser tests (apt-get)…')
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env })
}

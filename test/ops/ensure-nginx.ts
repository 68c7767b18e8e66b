/**
 * The nginx tests run Debian's nginx. Like Chromium (test/e2e/ensure-chromium.ts) it is
 * installed with apt-get when missing and we are root; anyone else gets the command to run and
 * the tests are skipped.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const CANDIDATES = ['/usr/sbin/nginx', '/usr/bin/nginx']

export function ensureNginx(): { binary: string; reason?: undefined } | { binary: null; reason: string } {
  const found = findNginx()
  if (found) return { binary: found }
  if (process.getuid?.() !== 0) {
    return { binary: null, reason: 'nginx is missing. Install it with: sudo apt-get install -y nginx' }
  }
  console.log('Installing nginx for the reverse proxy tests (apt-get)…')
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'nginx'], {
      stdio: 'inherit',
      env,
    })
  } catch (error) {
    return { binary: null, reason: `apt-get could not install nginx: ${(error as Error).message}` }
  }
  const installed = findNginx()
  return installed
    ? { binary: installed }
    : { binary: null, reason: 'apt-get installed nginx, but no binary was found' }
}

function findNginx(): string | null {
  const onPath = (process.env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, 'nginx'))
  return [...onPath, ...CANDIDATES].find((file) => fs.existsSync(file)) ?? null
}

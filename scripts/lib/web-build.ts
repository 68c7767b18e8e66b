import fs from 'node:fs'
import path from 'node:path'
import { newestMtime } from './mtime.ts'
import { precompress } from './precompress.ts'
import { ROOT, run } from './run.ts'

const WEB = path.join(ROOT, 'apps/web')
const INDEX = path.join(WEB, 'dist/index.html')
const SOURCES = ['src', 'index.html', 'vite.config.ts', 'package.json', '../../packages']

/** True when there is no build, or a source file changed after it was made. */
export function webBuildIsStale(): boolean {
  if (!fs.existsSync(INDEX)) return true
  const built = fs.statSync(INDEX).mtimeMs
  return SOURCES.some((source) => newestMtime(path.join(WEB, source)) > built)
}

/**
 * Builds apps/web into apps/web/dist with the workspace's Vite, on this (pinned) Node, then writes
 * the brotli and gzip variants the server sends (after Vite, so the service worker gets them too).
 */
export function buildWeb(): boolean {
  const vite = path.join(WEB, 'node_modules/vite/bin/vite.js')
  if (!run(process.execPath, [vite, 'build'], { cwd: WEB })) return false
  const count = precompress(path.join(WEB, 'dist'))
  console.log(`precompressed ${count} files (.br, .gz)`)
  return true
}

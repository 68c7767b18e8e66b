import fs from 'node:fs'
import path from 'node:path'
import { build } from 'rolldown'
import { SERVER_BUNDLE } from '../../apps/server/src/node-flags.ts'
import { newestMtime } from './mtime.ts'
import { ROOT } from './run.ts'

const ENTRY = path.join(ROOT, 'apps/server/src/main.ts')
// The bundle holds the dependencies too, so a changed lockfile makes it stale.
const SOURCES = ['apps/server/src', 'apps/server/package.json', 'packages', 'pnpm-lock.yaml']

/** True when there is no bundle, or a source or the lockfile changed after it was made. */
export function serverBuildIsStale(): boolean {
  if (!fs.existsSync(SERVER_BUNDLE)) return true
  const built = fs.statSync(SERVER_BUNDLE).mtimeMs
  return SOURCES.some((source) => newestMtime(path.join(ROOT, source)) > built)
}

/**
 * Bundles the server and its dependencies into one minified ES module (apps/server/dist), the
 * file `pnpm start` runs. Measured with bench S3 against running the TypeScript sources: about
 * 23 MB less RSS under load and 50 MB less idle, because Node no longer loads its type stripper
 * and keeps one small source text instead of hundreds of module files. A source map sits beside
 * it; run with `--enable-source-maps` for stack traces in source terms.
 *
 * The output is pure ASCII (non-ASCII escaped, comments dropped, licence comments included: the
 * bundle is a local build, never redistributed; the licences stay in node_modules). V8 keeps a
 * module's source text for its whole life, and one non-ASCII character makes it a two-byte
 * string: 2.4 MB of heap instead of 1.2.
 */
export async function buildServer(): Promise<boolean> {
  try {
    await build({
      input: ENTRY,
      platform: 'node',
      logLevel: 'warn',
      output: {
        file: SERVER_BUNDLE,
        format: 'esm',
        minify: true,
        sourcemap: true,
        codeSplitting: false,
        charset: 'ascii',
        comments: false,
      },
    })
    return true
  } catch (error) {
    console.error(error instanceof Error ? error.message : error)
    return false
  }
}

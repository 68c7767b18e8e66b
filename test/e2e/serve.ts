/**
 * The server the browser tests run against: the built server (the bundle `pnpm start` runs) and
 * the built web app, on a fresh data directory per run so no test sees another run's documents.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { SERVER_BUNDLE } from '../../apps/server/src/node-flags.ts'
import { buildServer, serverBuildIsStale } from '../../scripts/lib/server-build.ts'

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'confer-e2e-'))
process.env.DATA_DIR = dataDir
// Every browser test signs people up from 127.0.0.1; the limit itself is tested in the server suite.
process.env.AUTH_RATE_LIMIT ??= '10000'
process.on('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }))

// `pnpm test` has just built it; a direct `playwright test` may find it missing or stale.
if (serverBuildIsStale() && !(await buildServer())) process.exit(1)
await import(pathToFileURL(SERVER_BUNDLE).href)

/**
 * The server the browser tests run against: the real server and the built web app, on a fresh
 * data directory per run so no test sees another run's documents.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'confer-e2e-'))
process.env.DATA_DIR = dataDir
// Every browser test signs people up from 127.0.0.1; the limit itself is tested in the server suite.
process.env.AUTH_RATE_LIMIT ??= '10000'
process.on('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }))

await import('../../apps/server/src/main.ts')

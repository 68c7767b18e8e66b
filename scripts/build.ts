import { buildServer } from './lib/server-build.ts'
import { buildWeb } from './lib/web-build.ts'

process.exit(buildWeb() && (await buildServer()) ? 0 : 1)

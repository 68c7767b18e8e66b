import { buildWeb } from './lib/web-build.ts'

process.exit(buildWeb() ? 0 : 1)

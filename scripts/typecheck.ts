import { typecheck } from './lib/typecheck.ts'

process.exit(typecheck() ? 0 : 1)

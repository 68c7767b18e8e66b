/**
 * `pnpm migrate:postgres`: copies the embedded SQLite installation in DATA_DIR (default ./data)
 * into the empty PostgreSQL database at DATABASE_URL, in one transaction, and prints what it
 * copied. Stop the server first: edits made after the copy reads the SQLite file are not copied.
 *
 *   DATA_DIR=./data DATABASE_URL=postgres://confer:…@db.example/confer pnpm migrate:postgres
 *   pnpm migrate:postgres --data-dir ./data --database-url postgres://…
 */
import { parseArgs } from 'node:util'
import { CopyRefused, copySqliteToPostgres } from '../apps/server/src/stores/copy-to-postgres.ts'

const USAGE =
  'usage: DATA_DIR=<dir> DATABASE_URL=postgres://… pnpm migrate:postgres [--data-dir <dir>] [--database-url <url>]'

let dataDir: string
let databaseUrl: string | undefined
try {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      help: { type: 'boolean' },
    },
  })
  if (values.help) {
    console.log(USAGE)
    process.exit(0)
  }
  dataDir = values['data-dir'] ?? process.env.DATA_DIR ?? './data'
  databaseUrl = values['database-url'] ?? process.env.DATABASE_URL
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`)
  process.exit(2)
}
if (!databaseUrl || !/^postgres(ql)?:\/\//.test(databaseUrl)) {
  console.error(`DATABASE_URL must be a postgres:// or postgresql:// URL of an empty database.\n${USAGE}`)
  process.exit(2)
}

try {
  await copySqliteToPostgres({ dataDir, databaseUrl, log: (line) => console.log(line) })
  console.log('Done. Start the server with this DATABASE_URL.')
} catch (error) {
  if (error instanceof CopyRefused) {
    console.error(`Nothing was copied: ${error.message}`)
  } else {
    console.error('The copy failed and was rolled back; the PostgreSQL database holds none of it.')
    console.error(error)
  }
  process.exit(1)
}

/**
 * `pnpm start`: builds the web app and the server bundle when either is missing or out of date,
 * then becomes the server process, with the server's Node flags (embedded SQLite in ./data
 * unless DATA_DIR or DATABASE_URL say otherwise).
 */
import { becomeServer } from '../apps/server/src/node-flags.ts'
import { buildServer, serverBuildIsStale } from './lib/server-build.ts'
import { buildWeb, webBuildIsStale } from './lib/web-build.ts'

if (webBuildIsStale()) {
  console.log('Building the web app…')
  if (!buildWeb()) {
    console.error('The web app did not build; see the errors above.')
    process.exit(1)
  }
}
if (serverBuildIsStale()) {
  console.log('Building the server…')
  if (!(await buildServer())) {
    console.error('The server did not build; see the errors above.')
    process.exit(1)
  }
}

await becomeServer()

/**
 * `pnpm start`: builds the web app when it is missing or out of date, then runs the server
 * (embedded SQLite in ./data unless DATA_DIR or DATABASE_URL say otherwise).
 */
import { buildWeb, webBuildIsStale } from './lib/web-build.ts'

if (webBuildIsStale()) {
  console.log('Building the web app…')
  if (!buildWeb()) {
    console.error('The web app did not build; see the errors above.')
    process.exit(1)
  }
}

await import('../apps/server/src/main.ts')

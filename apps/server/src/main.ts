import { ConfigError, loadConfig } from './config.ts'
import { createServer } from './server.ts'

const SHUTDOWN_TIMEOUT_MS = 10_000

async function main(): Promise<void> {
  const config = loadConfig()
  const server = await createServer(config)
  const log = server.app.log
  const url = await server.listen()
  log.info({ node: process.version, dataDir: config.dataDir, url }, 'listening')
  // A person starting it wants the address to open, not a JSON line to dig it out of; behind a
  // proxy that is the public origin. Printed whatever LOG_LEVEL says.
  process.stdout.write(`Confer is running at ${config.publicOrigin ?? url}\n`)

  let stopping = false
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    log.info({ signal }, 'shutting down')
    const timer = setTimeout(() => {
      log.error('shutdown took too long; exiting')
      process.exit(1)
    }, SHUTDOWN_TIMEOUT_MS)
    timer.unref()
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed')
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message)
    process.exit(2)
  }
  console.error(error)
  process.exit(1)
})

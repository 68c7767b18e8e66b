import net from 'node:net'

/**
 * A loopback port nothing listens on right now. PostgreSQL and Redis take their port on the
 * command line (Redis' `--port 0` switches TCP off instead of picking one), so we ask the kernel
 * for one and hand it over; another process could take it in between, which the callers retry.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port)
        else reject(new Error('the kernel gave no port'))
      })
    })
  })
}

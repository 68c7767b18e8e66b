/**
 * The reference server most Yjs projects start from: y-websocket's server utilities (yjs 13),
 * on its own port, with the same metrics endpoint as Confer so both are measured alike.
 */
import http from 'node:http'
import { createRequire } from 'node:module'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import v8 from 'node:v8'
import { WebSocketServer } from 'ws'

const require = createRequire(import.meta.url)
const { setupWSConnection } = require('y-websocket/bin/utils') as {
  setupWSConnection: (conn: unknown, req: http.IncomingMessage) => void
}

const delay = monitorEventLoopDelay({ resolution: 1 })
delay.enable()

const server = http.createServer((req, res) => {
  if (req.url?.startsWith('/metrics')) {
    const ms = (ns: number) => Math.round((ns / 1e6) * 100) / 100
    const memory = process.memoryUsage()
    const body = {
      eventLoopDelayMs: { max: ms(delay.max), p99: ms(delay.percentile(99)), mean: ms(delay.mean) },
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      heapTotalBytes: memory.heapTotal,
      externalBytes: memory.external,
      heapSpaceBytes: Object.fromEntries(
        v8.getHeapSpaceStatistics().map((space) => [space.space_name, space.space_size]),
      ),
    }
    if (req.url.includes('reset=1')) delay.reset()
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    return
  }
  res.writeHead(404).end()
})
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false })
server.on('upgrade', (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => setupWSConnection(ws, req))
})
server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  console.log(JSON.stringify({ url: `http://127.0.0.1:${port}` }))
})
process.on('SIGTERM', () => process.exit(0))

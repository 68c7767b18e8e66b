import { spawn } from 'node:child_process'
import path from 'node:path'
import readline from 'node:readline'
import type { LoadParams, LoadResult } from './loadgen.ts'
import { cpuMs, peakRssBytes, rssBytes } from './proc-stats.ts'
import type { RoomLoad } from './scenarios.ts'
import type { Target } from './targets.ts'

export interface Measurement {
  result: LoadResult
  serverCpuMs: number
  serverRssBytes: number
  serverRssBeforeBytes: number
  /** The server's highest resident memory since it started (VmHWM), read at the window's end. */
  serverPeakRssBytes: number
  serverEventLoopDelayMaxMs: number
}

/** What runs beside the meeting (S7's hostile clients): started once it is under way, stopped at the window's end. */
export interface Beside {
  start(): void
  stop(): void
}

/** Runs the load generator (its own process) against a target and samples the server around the window. */
export async function measureRoomLoad(target: Target, load: RoomLoad, beside?: Beside): Promise<Measurement> {
  const params: LoadParams = {
    ...load,
    framing: target.framing,
    url: target.wsUrl,
    ...(target.token ? { token: target.token } : {}),
    rooms: target.rooms.slice(0, load.rooms),
  }
  const rssBefore = rssBytes(target.pid)
  const child = spawn(
    process.execPath,
    [path.join(import.meta.dirname, 'loadgen.ts'), Buffer.from(JSON.stringify(params)).toString('base64')],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  let cpuStart = 0
  let cpuEnd = 0
  let rss = 0
  let peakRss = 0
  // The server is sampled while the generator's last lines may already be arriving: the result
  // waits for this sample, or the event-loop delay read at the end would be lost (read as 0).
  let endSample: Promise<number> = Promise.resolve(0)
  const lines = readline.createInterface({ input: child.stdout as NodeJS.ReadableStream })
  const result = await new Promise<LoadResult>((resolve, reject) => {
    lines.on('line', async (line) => {
      const message = JSON.parse(line) as { event?: string; result?: LoadResult }
      if (message.event === 'ready') {
        beside?.start()
      } else if (message.event === 'start') {
        cpuStart = cpuMs(target.pid)
        await target.metrics(true)
      } else if (message.event === 'end') {
        cpuEnd = cpuMs(target.pid)
        rss = rssBytes(target.pid)
        peakRss = peakRssBytes(target.pid)
        endSample = target.metrics().then((m) => m.eventLoopDelayMs.max)
        // After the metrics request is on its way: closing the hostile sockets is not the window's work.
        beside?.stop()
      } else if (message.result) {
        resolve(message.result)
      }
    })
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load generator exited with ${code}`))
    })
  })
  return {
    result,
    serverCpuMs: cpuEnd - cpuStart,
    serverRssBytes: rss,
    serverRssBeforeBytes: rssBefore,
    serverPeakRssBytes: peakRss,
    serverEventLoopDelayMaxMs: await endSample,
  }
}

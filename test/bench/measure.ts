import { spawn } from 'node:child_process'
import path from 'node:path'
import readline from 'node:readline'
import { commitP99Ms } from './commit-time.ts'
import type { LoadParams, LoadResult } from './loadgen.ts'
import { cpuMs, peakRssBytes, rssBytes } from './proc-stats.ts'
import type { RoomLoad } from './scenarios.ts'
import type { ServerMetricsSample, Target } from './targets.ts'

export interface Measurement {
  result: LoadResult
  serverCpuMs: number
  serverRssBytes: number
  serverRssBeforeBytes: number
  /** The server's highest resident memory since it started (VmHWM), read at the window's end. */
  serverPeakRssBytes: number
  serverEventLoopDelayMaxMs: number
  /** The server's update-log commit p99 over the window (bucket bound, ms); null if unknown. */
  serverCommitP99Ms: number | null
}

/** What runs beside the meeting (S7's hostile clients): started once it is under way, stopped at the window's end. */
export interface Beside {
  start(): void
  stop(): void
}

/** Something else sampled exactly around the window (S8b: Redis' counters); the result waits for `end`. */
export interface WindowProbe {
  start(): Promise<void>
  end(): Promise<void>
}

/** Runs the load generator (its own process) against a target and samples the server around the window. */
export async function measureRoomLoad(
  target: Target,
  load: RoomLoad,
  beside?: Beside,
  probe?: WindowProbe,
): Promise<Measurement> {
  const params: LoadParams = {
    ...load,
    framing: target.framing,
    url: target.wsUrl,
    ...(target.wsUrls ? { urls: target.wsUrls } : {}),
    ...(target.token ? { token: target.token } : {}),
    rooms: target.rooms.slice(0, load.rooms),
  }
  // Several processes (S8): CPU and memory are their sums.
  const pids = target.pids ?? [target.pid]
  const sum = (f: (pid: number) => number) => pids.reduce((total, pid) => total + f(pid), 0)
  const rssBefore = sum(rssBytes)
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
  let startSample: Promise<ServerMetricsSample | null> = Promise.resolve(null)
  let endSample: Promise<ServerMetricsSample | null> = Promise.resolve(null)
  let probeStart: Promise<void> = Promise.resolve()
  let probeEnd: Promise<void> = Promise.resolve()
  const lines = readline.createInterface({ input: child.stdout as NodeJS.ReadableStream })
  const result = await new Promise<LoadResult>((resolve, reject) => {
    lines.on('line', async (line) => {
      const message = JSON.parse(line) as { event?: string; result?: LoadResult }
      if (message.event === 'ready') {
        beside?.start()
      } else if (message.event === 'start') {
        cpuStart = sum(cpuMs)
        if (probe) probeStart = probe.start()
        startSample = target.metrics(true)
        await startSample
      } else if (message.event === 'end') {
        cpuEnd = sum(cpuMs)
        rss = sum(rssBytes)
        peakRss = sum(peakRssBytes)
        if (probe) probeEnd = probeStart.then(() => probe.end())
        endSample = target.metrics()
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
  await probeEnd
  const [first, last] = await Promise.all([startSample, endSample])
  return {
    result,
    serverCpuMs: cpuEnd - cpuStart,
    serverRssBytes: rss,
    serverRssBeforeBytes: rssBefore,
    serverPeakRssBytes: peakRss,
    serverEventLoopDelayMaxMs: last?.eventLoopDelayMs.max ?? 0,
    serverCommitP99Ms: commitP99Ms(first?.commitBuckets, last?.commitBuckets),
  }
}

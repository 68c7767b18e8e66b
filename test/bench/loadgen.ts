/**
 * The load generator, in its own process: opens raw protocol clients against one server,
 * drives a scenario, and prints one JSON result line on stdout. Run by run.ts.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import * as Y from 'yjs'
import { BenchClient, editKey, type Framing, remoteEditKeys } from './clients.ts'
import { Histogram } from './histogram.ts'

export interface LoadParams {
  framing: Framing
  url: string
  /**
   * Several processes of one deployment (S8): client i of each room connects to
   * `urls[i % urls.length]` instead of `url`, and each latency sample is tagged with whether the
   * receiver is on the typist's process or another one.
   */
  urls?: string[]
  token?: string
  rooms: string[]
  clientsPerRoom: number
  typistsPerRoom: number
  editsPerSecond: number
  caretMoversPerRoom: number
  caretsPerSecond: number
  prefillBytes: number
  warmupMs: number
  durationMs: number
}

export interface LoadResult {
  latency: ReturnType<Histogram['summary']>
  /** Edit→remote for receivers on the typist's process; with one URL, every sample. */
  latencySameProcess: ReturnType<Histogram['summary']>
  /** Edit→remote for receivers on another process than the typist's (S8); empty with one URL. */
  latencyOtherProcess: ReturnType<Histogram['summary']>
  firstReceipt: ReturnType<Histogram['summary']>
  ack: ReturnType<Histogram['summary']>
  sent: number
  delivered: number
  connectMs: number
  converged: boolean
  loadgen: { cpuMs: number; eventLoopDelayMaxMs: number; eventLoopDelayP99Ms: number }
}

const params = JSON.parse(Buffer.from(process.argv[2] ?? '', 'base64').toString()) as LoadParams
/** When each measured edit was made, and on which process (the index of its typist's URL). */
const sendTimes = new Map<string, { at: number; via: number }>()
const firstSeen = new Set<string>()
const latency = new Histogram()
const latencySameProcess = new Histogram()
const latencyOtherProcess = new Histogram()
const urls = params.urls && params.urls.length > 0 ? params.urls : [params.url]
const firstReceipt = new Histogram()
const ack = new Histogram()
let measuring = false
let sent = 0
let delivered = 0

function receive(update: Uint8Array, at: number, receiver: number, via: number): void {
  if (!measuring) return
  for (const key of remoteEditKeys(update, receiver)) {
    const sent = sendTimes.get(key)
    if (sent === undefined) continue
    delivered += 1
    latency.record(at - sent.at)
    ;(sent.via === via ? latencySameProcess : latencyOtherProcess).record(at - sent.at)
    if (!firstSeen.has(key)) {
      firstSeen.add(key)
      firstReceipt.record(at - sent.at)
    }
  }
}

async function main(): Promise<void> {
  const connectStart = performance.now()
  const rooms: BenchClient[][] = []
  for (const room of params.rooms) {
    const clients: BenchClient[] = []
    for (let i = 0; i < params.clientsPerRoom; i++) {
      const pendingAcks: number[] = []
      const via = i % urls.length
      const client: BenchClient = new BenchClient({
        framing: params.framing,
        url: urls[via] ?? params.url,
        room,
        ...(params.token ? { token: params.token } : {}),
        presence: `participant ${room} ${i}`,
        onRemoteUpdate: (update, at) => receive(update, at, client.doc.clientID, via),
        onAck: (at) => {
          const sentAt = pendingAcks.shift()
          if (measuring && sentAt !== undefined) ack.record(at - sentAt)
        },
      })
      // Our own updates, in order: each gets one acknowledgement (Hocuspocus only).
      client.doc.on('update', (_u: Uint8Array, origin: unknown) => {
        if (origin !== client) pendingAcks.push(performance.now())
      })
      clients.push(client)
    }
    rooms.push(clients)
  }
  await Promise.all(rooms.flat().map((c) => c.synced))
  const connectMs = performance.now() - connectStart

  // A document of the scenario's size, written before measuring.
  if (params.prefillBytes > 0) {
    for (const clients of rooms) {
      const writer = clients[0]
      if (!writer) continue
      const chunk = 'lorem ipsum dolor sit amet '.repeat(40)
      for (let written = 0; written < params.prefillBytes; written += chunk.length) {
        writer.doc.getText('t').insert(writer.doc.getText('t').length, chunk)
      }
    }
    await converge(rooms, 30_000)
  }

  const timers: NodeJS.Timeout[] = []
  rooms.forEach((clients) => {
    clients.slice(0, params.typistsPerRoom).forEach((typist, i) => {
      const via = i % urls.length
      timers.push(
        setInterval(() => {
          const text = typist.doc.getText('t')
          const clock = Y.getState(typist.doc.store, typist.doc.clientID)
          if (measuring) {
            sendTimes.set(editKey(typist.doc.clientID, clock), { at: performance.now(), via })
            sent += 1
          }
          text.insert(Math.floor(Math.random() * (text.length + 1)), 'x')
        }, 1000 / params.editsPerSecond),
      )
    })
    clients
      .slice(params.typistsPerRoom, params.typistsPerRoom + params.caretMoversPerRoom)
      .forEach((mover) => {
        timers.push(
          setInterval(() => mover.moveCaret(Math.floor(Math.random() * 1000)), 1000 / params.caretsPerSecond),
        )
      })
  })

  // The meeting is under way: S7 starts its hostile clients now, so they are at full strength
  // by the end of the warm-up.
  process.stdout.write(`${JSON.stringify({ event: 'ready' })}\n`)
  const delay = monitorEventLoopDelay({ resolution: 1 })
  await new Promise((resolve) => setTimeout(resolve, params.warmupMs))
  const cpuBefore = process.cpuUsage()
  delay.enable()
  measuring = true
  // The orchestrator samples the server's CPU and event loop exactly around the window.
  process.stdout.write(`${JSON.stringify({ event: 'start' })}\n`)
  await new Promise((resolve) => setTimeout(resolve, params.durationMs))
  measuring = false
  process.stdout.write(`${JSON.stringify({ event: 'end' })}\n`)
  delay.disable()
  const cpu = process.cpuUsage(cpuBefore)
  for (const t of timers) clearInterval(t)
  const converged = await converge(rooms, 15_000)
  const result: LoadResult = {
    latency: latency.summary(),
    latencySameProcess: latencySameProcess.summary(),
    latencyOtherProcess: latencyOtherProcess.summary(),
    firstReceipt: firstReceipt.summary(),
    ack: ack.summary(),
    sent,
    delivered,
    connectMs: Math.round(connectMs),
    converged,
    loadgen: {
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      eventLoopDelayMaxMs: Math.round(delay.max / 1e4) / 100,
      eventLoopDelayP99Ms: Math.round(delay.percentile(99) / 1e4) / 100,
    },
  }
  for (const c of rooms.flat()) c.close()
  process.stdout.write(`${JSON.stringify({ result })}\n`)
  process.exit(0)
}

/** Waits until every client of each room holds the same state; false if they never do. */
async function converge(rooms: BenchClient[][], timeoutMs: number): Promise<boolean> {
  const same = () =>
    rooms.every((clients) => {
      const vectors = clients.map((c) => Buffer.from(Y.encodeStateVector(c.doc)).toString('base64'))
      return vectors.every((v) => v === vectors[0])
    })
  const until = Date.now() + timeoutMs
  while (!same()) {
    if (Date.now() > until) return false
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return true
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})

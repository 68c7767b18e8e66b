/**
 * Hostile clients for S7, in their own process (the load generator measuring the meeting must
 * not share an event loop with them): a pre-auth flood, slow readers and a read-only sync flood
 * against one Confer meeting on 127.0.0.1. Bounded in sockets and time, they stop by themselves;
 * SIGTERM stops them early. Prints one JSON line of what they did and how the server answered.
 */
import { randomBytes } from 'node:crypto'
import os from 'node:os'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'

export type HostileKind = 'preAuthFlood' | 'slowReaders' | 'syncFlood'

export interface HostileParams {
  /** ws://127.0.0.1:port/collab: anything else is refused. */
  url: string
  room: string
  /** An observer of the meeting (read-only access), for the slow readers and the sync flood. */
  observerToken: string
  kinds: HostileKind[]
  /** The process stops by itself after this long, SIGTERM or not. */
  durationMs: number
  /** Unauthenticated sockets held open at once: half send bytes, half only trickle. */
  preAuthSockets: number
  preAuthFrameBytes: number
  preAuthIntervalMs: number
  slowReaders: number
  /** Each slow reader asks for the whole document this often while it reads nothing. */
  slowReaderRequestsPerSecond: number
  syncFlooders: number
  /** Sockets this process may open in all, reconnections included. */
  maxOpens: number
  reconnectDelayMs: number
}

export interface HostileStats {
  opened: number
  /** Close codes seen, by code; 1006 is a socket that ended without a close frame we read. */
  closes: Record<string, number>
  /** Handshakes that failed before the socket opened (refused or reset). */
  failedHandshakes: number
  bytesSent: number
  messagesSent: number
  cpuMs: number
}

const SYNC = 0
const AUTH = 2
const STEP1 = 0
const STEP2 = 1
const UPDATE = 2

const params = JSON.parse(Buffer.from(process.argv[2] ?? '', 'base64').toString()) as HostileParams
if (new URL(params.url).hostname !== '127.0.0.1') {
  console.error(`hostile clients only target 127.0.0.1, not ${params.url}`)
  process.exit(2)
}
// An attacker brings their own machine: here the server and the meeting's load generator come
// first, and the hostile clients run on what CPU is left (their volume is reported).
os.setPriority(19)

const stats: HostileStats = {
  opened: 0,
  closes: {},
  failedHandshakes: 0,
  bytesSent: 0,
  messagesSent: 0,
  cpuMs: 0,
}
const sockets = new Set<WebSocket>()
const timers = new Set<NodeJS.Timeout>()
let stopped = false

function frame(type: number, write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarString(e, params.room)
  encoding.writeVarUint(e, type)
  write(e)
  return encoding.toUint8Array(e)
}

const authFrame = frame(AUTH, (e) => {
  encoding.writeVarUint(e, 0)
  encoding.writeVarString(e, params.observerToken)
})
/** SyncStep1 with an empty state vector: "send me the whole document". */
const wholeDocumentRequest = frame(SYNC, (e) => {
  encoding.writeVarUint(e, STEP1)
  encoding.writeVarUint8Array(e, new Uint8Array([0]))
})
/** The smallest SyncStep2 there is (an empty update), which a read-only socket may still send. */
const tinyStep2 = frame(SYNC, (e) => {
  encoding.writeVarUint(e, STEP2)
  encoding.writeVarUint8Array(e, new Uint8Array([0, 0]))
})
const junkUpdate = (bytes: number) =>
  frame(SYNC, (e) => {
    encoding.writeVarUint(e, UPDATE)
    encoding.writeVarUint8Array(e, randomBytes(bytes))
  })

function send(ws: WebSocket, data: Uint8Array): void {
  if (ws.readyState !== WebSocket.OPEN) return
  ws.send(data)
  stats.bytesSent += data.byteLength
  stats.messagesSent += 1
}

function every(ms: number, f: () => void): NodeJS.Timeout {
  const t = setInterval(f, ms)
  timers.add(t)
  return t
}

function stopTimer(t: NodeJS.Timeout | undefined): void {
  if (t === undefined) return
  clearInterval(t)
  timers.delete(t)
}

/**
 * Opens one socket, and opens it again `reconnectDelayMs` after it closes, until the process
 * stops or has opened `maxOpens`: each hostile client keeps coming back, as a script would.
 */
function keepOpening(onOpen: (ws: WebSocket) => void, onClose: () => void = () => {}): void {
  if (stopped || stats.opened >= params.maxOpens) return
  stats.opened += 1
  const ws = new WebSocket(params.url, { perMessageDeflate: false })
  sockets.add(ws)
  let opened = false
  ws.on('open', () => {
    opened = true
    onOpen(ws)
  })
  ws.on('error', () => {})
  ws.on('close', (code: number) => {
    sockets.delete(ws)
    onClose()
    if (opened) stats.closes[code] = (stats.closes[code] ?? 0) + 1
    else stats.failedHandshakes += 1
    if (stopped) return
    const again = setTimeout(() => {
      timers.delete(again)
      keepOpening(onOpen, onClose)
    }, params.reconnectDelayMs)
    timers.add(again)
  })
}

/** (a) Never authenticates; sends frames for the meeting that the server can only hold or drop. */
function preAuthFlood(): void {
  const big = junkUpdate(params.preAuthFrameBytes)
  const small = junkUpdate(8)
  for (let i = 0; i < params.preAuthSockets; i++) {
    // Half fill the pre-auth byte budget, half hold a socket open on a trickle until timed out.
    const sender = i % 2 === 0
    let timer: NodeJS.Timeout | undefined
    keepOpening(
      (ws) => {
        timer = every(sender ? params.preAuthIntervalMs : 2_000, () => send(ws, sender ? big : small))
      },
      () => stopTimer(timer),
    )
  }
}

/** (b) An observer that joins, then stops reading while asking for the whole document. */
function slowReaders(): void {
  for (let i = 0; i < params.slowReaders; i++) {
    let timer: NodeJS.Timeout | undefined
    keepOpening(
      (ws) => {
        send(ws, authFrame)
        send(ws, wholeDocumentRequest)
        // Stop reading once the server has answered the authentication: the document and every
        // reply after it wait in the server's buffers. A meeting's keystrokes alone would take
        // hours to fill them, so the reader keeps asking, well under the message-rate limit.
        ws.once('message', () => {
          ws.pause()
          timer = every(1000 / params.slowReaderRequestsPerSecond, () => send(ws, wholeDocumentRequest))
        })
      },
      () => stopTimer(timer),
    )
  }
}

/** (c) An observer sending the smallest SyncStep2 as fast as its socket drains. */
function syncFlood(): void {
  for (let i = 0; i < params.syncFlooders; i++) {
    keepOpening((ws) => {
      send(ws, authFrame)
      const burst = () => {
        if (stopped || ws.readyState !== WebSocket.OPEN) return
        // Keep a little queued, not megabytes: "as fast as it can", as the server lets it.
        for (let n = 0; n < 100 && ws.bufferedAmount < 256 * 1024; n++) send(ws, tinyStep2)
        setImmediate(burst)
      }
      // After the authentication reply: a read-only socket's first frame decides nothing yet.
      ws.once('message', burst)
    })
  }
}

function stop(): void {
  if (stopped) return
  stopped = true
  for (const t of timers) clearInterval(t)
  for (const ws of sockets) ws.terminate()
  const cpu = process.cpuUsage()
  stats.cpuMs = Math.round((cpu.user + cpu.system) / 1000)
  process.stdout.write(`${JSON.stringify({ stats })}\n`)
  process.exit(0)
}

process.on('SIGTERM', stop)
setTimeout(stop, params.durationMs)
if (params.kinds.includes('preAuthFlood')) preAuthFlood()
if (params.kinds.includes('slowReaders')) slowReaders()
if (params.kinds.includes('syncFlood')) syncFlood()

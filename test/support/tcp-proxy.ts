import { EventEmitter } from 'node:events'
import net from 'node:net'

/**
 * What the proxy does with the bytes of its connections:
 * - `pass`: forwards both ways (anything held back while paused goes first);
 * - `pause`: forwards nothing and holds every byte, as a congested or briefly cut link would;
 * - `blackhole`: drops every byte silently and keeps both sockets open: each side sees a
 *   half-open connection that never answers and never closes;
 * - `reset`: destroys both sides of every connection, and any new one at once.
 */
export type ProxyMode = 'pass' | 'pause' | 'blackhole' | 'reset'

interface Pair {
  client: net.Socket
  server: net.Socket
  /** Bytes held while paused, per direction, in arrival order. */
  toServer: Buffer[]
  toClient: Buffer[]
}

/**
 * A loopback TCP proxy in front of a server, to cut, stall and heal the links of the clients
 * behind it while the others stay connected directly. Listens on 127.0.0.1 only.
 * Emits `change` whenever a connection opens or either side of one closes.
 */
export class TcpProxy extends EventEmitter {
  #mode: ProxyMode = 'pass'
  #upstreamPort: number
  readonly #pairs = new Set<Pair>()
  readonly #listener: net.Server
  /** Server-side sockets that ended, all time: the server hung up on them. */
  serverClosed = 0
  /** While false, new connections are dropped at once; the open ones carry on in the current mode. */
  accepting = true

  private constructor(upstreamPort: number, listener: net.Server) {
    super()
    this.#upstreamPort = upstreamPort
    this.#listener = listener
    listener.on('connection', (client) => this.#accept(client))
  }

  /** Starts a proxy on a free loopback port in front of `upstreamPort`. */
  static async start(upstreamPort: number): Promise<TcpProxy> {
    const listener = net.createServer()
    const proxy = new TcpProxy(upstreamPort, listener)
    await new Promise<void>((resolve, reject) => {
      listener.once('error', reject)
      listener.listen(0, '127.0.0.1', () => resolve())
    })
    return proxy
  }

  get port(): number {
    const address = this.#listener.address()
    if (!address || typeof address === 'string') throw new Error('proxy is not listening')
    return address.port
  }

  /** The same URL as `url` (http or ws), through this proxy. */
  through(url: string): string {
    const u = new URL(url)
    u.host = `127.0.0.1:${this.port}`
    return u.toString().replace(/\/$/, '')
  }

  /** Connections currently open through the proxy. */
  get connections(): number {
    return this.#pairs.size
  }

  get mode(): ProxyMode {
    return this.#mode
  }

  /** New connections go to this port from now on (a server restarted on another port). */
  set upstreamPort(port: number) {
    this.#upstreamPort = port
  }

  setMode(mode: ProxyMode): void {
    this.#mode = mode
    if (mode === 'reset') {
      for (const pair of this.#pairs) this.#destroy(pair)
      return
    }
    if (mode === 'pass') {
      for (const pair of this.#pairs) {
        for (const chunk of pair.toServer.splice(0)) if (!pair.server.destroyed) pair.server.write(chunk)
        for (const chunk of pair.toClient.splice(0)) if (!pair.client.destroyed) pair.client.write(chunk)
        // A hang-up that happened during the cut reaches the other side now, after its bytes.
        if (pair.client.destroyed) pair.server.end()
        if (pair.server.destroyed) pair.client.end()
      }
    }
  }

  async close(): Promise<void> {
    for (const pair of this.#pairs) this.#destroy(pair)
    await new Promise<void>((resolve) => this.#listener.close(() => resolve()))
  }

  #accept(client: net.Socket): void {
    if (this.#mode === 'reset' || !this.accepting) {
      client.destroy()
      return
    }
    const server = net.connect(this.#upstreamPort, '127.0.0.1')
    const pair: Pair = { client, server, toServer: [], toClient: [] }
    this.#pairs.add(pair)
    this.emit('change')
    client.on('data', (chunk: Buffer) => this.#forward(chunk, pair.server, pair.toServer))
    server.on('data', (chunk: Buffer) => this.#forward(chunk, pair.client, pair.toClient))
    // A close from one side travels to the other unless the link is cut: then nobody hears it.
    client.on('close', () => this.#hangUp(pair, pair.server))
    server.on('close', () => {
      this.serverClosed += 1
      this.#hangUp(pair, pair.client)
    })
    client.on('error', () => client.destroy())
    server.on('error', () => server.destroy())
  }

  #forward(chunk: Buffer, to: net.Socket, held: Buffer[]): void {
    if (this.#mode === 'pass') to.write(chunk)
    else if (this.#mode === 'pause') held.push(chunk)
    // blackhole and reset: the bytes are gone.
  }

  #hangUp(pair: Pair, other: net.Socket): void {
    if (this.#mode === 'pass' || this.#mode === 'reset') other.destroy()
    if (pair.client.destroyed && pair.server.destroyed) {
      if (this.#pairs.delete(pair)) this.emit('change')
    } else if (this.#mode !== 'pass' && this.#mode !== 'reset') {
      // The other side is kept open, half-open as a real cut link leaves it.
      this.emit('change')
    }
  }

  #destroy(pair: Pair): void {
    pair.client.destroy()
    pair.server.destroy()
    if (this.#pairs.delete(pair)) this.emit('change')
  }
}

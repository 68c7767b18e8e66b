import type { FastifyReply } from 'fastify'

/** The browser waits this long before reconnecting after the stream ends (EventSource `retry`). */
const RETRY_MS = 3_000

/**
 * What may wait unsent for a client that does not read. Events are ids only (~150 bytes) and a
 * live client drains them at once; one this far behind is not listening, and is cut off rather
 * than buffered for.
 */
const MAX_UNSENT_BYTES = 64 * 1024

/**
 * A Server-Sent Events response taken over from Fastify: `text/event-stream` with the headers the
 * request's hooks set (security headers, X-Request-Id), one `data:` line of JSON per event, and a
 * comment every `heartbeatMs` so proxies and browsers keep an idle stream open.
 */
export class EventStream {
  readonly #reply: FastifyReply
  readonly #heartbeat: NodeJS.Timeout
  #ended = false

  constructor(reply: FastifyReply, heartbeatMs: number) {
    this.#reply = reply
    const raw = reply.raw
    reply.hijack()
    const set = Object.entries(reply.getHeaders()).filter(
      (header): header is [string, string | number | string[]] => header[1] !== undefined,
    )
    raw.writeHead(200, {
      ...Object.fromEntries(set),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store, no-transform',
      // nginx would otherwise buffer the response and deliver events late.
      'x-accel-buffering': 'no',
    })
    raw.write(`retry: ${RETRY_MS}\n: connected\n\n`)
    this.#heartbeat = setInterval(() => this.#write(': heartbeat\n\n'), heartbeatMs)
    this.#heartbeat.unref()
    raw.on('close', () => this.#stop())
  }

  /** Runs once the response is over, whichever side ended it. */
  onClose(listener: () => void): void {
    this.#reply.raw.on('close', listener)
  }

  send(data: unknown): void {
    this.#write(`data: ${JSON.stringify(data)}\n\n`)
  }

  end(reason: string): void {
    if (this.#ended) return
    // A comment, for whoever reads the stream by hand; browsers ignore it.
    this.#write(`: closed: ${reason.replace(/[\r\n]/g, ' ')}\n\n`)
    this.#stop()
    this.#reply.raw.end()
  }

  #write(chunk: string): void {
    if (this.#ended) return
    const raw = this.#reply.raw
    if (raw.writableLength > MAX_UNSENT_BYTES) {
      this.#stop()
      raw.destroy()
      return
    }
    raw.write(chunk)
  }

  #stop(): void {
    this.#ended = true
    clearInterval(this.#heartbeat)
  }
}

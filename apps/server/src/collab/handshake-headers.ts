import type { IncomingHttpHeaders } from 'node:http'

/**
 * The handshake headers the collaboration hooks read: Authentication's Origin check and session
 * cookie. A hook that needs another header adds it here. Hocuspocus keeps the headers for the
 * socket's life, and a browser's full set (user agent, languages, WebSocket extensions…) would
 * be copied into every one of them. In name order, as Headers iterates.
 */
const HOOK_HEADERS = ['cookie', 'host', 'origin'] as const

const refuseChange = (): never => {
  throw new TypeError('handshake headers are read-only')
}

/**
 * A read-only `Headers` over the hook headers of one handshake. Not Node's own class: that
 * lives in its bundled undici, which takes several MB of memory the first time anything touches
 * it, and its instances are large to keep one per socket (bench S1, S3).
 */
export class HandshakeHeaders implements Headers {
  readonly #entries: [string, string][] = []

  constructor(source: IncomingHttpHeaders) {
    for (const name of HOOK_HEADERS) {
      const value = source[name]
      if (value !== undefined) this.#entries.push([name, value])
    }
  }

  get(name: string): string | null {
    const key = name.toLowerCase()
    return this.#entries.find(([entry]) => entry === key)?.[1] ?? null
  }

  has(name: string): boolean {
    return this.get(name) !== null
  }

  getSetCookie(): string[] {
    return []
  }

  forEach(callback: (value: string, key: string, parent: Headers) => void, thisArg?: unknown): void {
    for (const [key, value] of this.#entries) callback.call(thisArg, value, key, this)
  }

  // Typed as whatever `Headers` declares its iterators to be: Node's types and the DOM's differ
  // (the test project checks this file with the DOM library too).
  entries(): ReturnType<Headers['entries']> {
    return this.#map(([key, value]): [string, string] => [key, value]) as unknown as ReturnType<
      Headers['entries']
    >
  }

  keys(): ReturnType<Headers['keys']> {
    return this.#map(([key]) => key) as unknown as ReturnType<Headers['keys']>
  }

  values(): ReturnType<Headers['values']> {
    return this.#map(([, value]) => value) as unknown as ReturnType<Headers['values']>
  }

  [Symbol.iterator](): ReturnType<Headers['entries']> {
    return this.entries()
  }

  *#map<T>(pick: (entry: [string, string]) => T): Generator<T> {
    for (const entry of this.#entries) yield pick(entry)
  }

  append(_name: string, _value: string): never {
    return refuseChange()
  }

  set(_name: string, _value: string): never {
    return refuseChange()
  }

  delete(_name: string): never {
    return refuseChange()
  }
}

import fs from 'node:fs'
import http, { type IncomingHttpHeaders } from 'node:http'
import path from 'node:path'
import zlib from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { precompress } from '../../../scripts/lib/precompress.ts'
import { type RunningServer, startServer, tempDataDir } from './test-server.ts'

let s: RunningServer
let dist: string

/** Text that compresses like a real bundle does: repetitive, well over the 1 KB threshold. */
function bundleText(name: string): string {
  return Array.from({ length: 400 }, (_, i) => `export const ${name}${i} = () => "${name} ${i}";\n`).join('')
}

/** A stand-in for apps/web/dist as the build leaves it, variants included (scripts/lib/web-build.ts). */
function fakeWebBuild(): string {
  const dir = tempDataDir()
  fs.mkdirSync(path.join(dir, 'assets'))
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    `<!doctype html><div id="root"></div><script type="module" src="/assets/app-1a2b3c.js"></script><!--${'shell '.repeat(300)}-->`,
  )
  fs.writeFileSync(path.join(dir, 'assets', 'app-1a2b3c.js'), bundleText('app'))
  fs.writeFileSync(
    path.join(dir, 'assets', 'app-1a2b3c.js.map'),
    JSON.stringify({ mappings: 'A'.repeat(5000) }),
  )
  fs.writeFileSync(path.join(dir, 'assets', 'tiny-9f8e7d.js'), 'export const x = 1\n')
  fs.writeFileSync(path.join(dir, 'sw.js'), bundleText('sw'))
  return dir
}

interface RawAnswer {
  status: number
  headers: IncomingHttpHeaders
  body: Buffer
}

/** A GET that leaves the body as sent (fetch would decode it and hide what went over the wire). */
function get(urlPath: string, acceptEncoding?: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const headers = acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }
    http
      .get(`${s.url}${urlPath}`, { headers }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        )
        res.on('error', reject)
      })
      .on('error', reject)
  })
}

function file(relative: string): Buffer {
  return fs.readFileSync(path.join(dist, relative))
}

beforeAll(async () => {
  dist = fakeWebBuild()
  precompress(dist)
  s = await startServer({ env: { WEB_DIST_DIR: dist } })
})
afterAll(() => s.close())

describe('[W9] the build writes brotli and gzip variants', () => {
  it('W9: beside each text file over 1 KB, not beside small files or source maps', () => {
    for (const name of ['index.html', 'assets/app-1a2b3c.js', 'sw.js']) {
      expect(zlib.brotliDecompressSync(file(`${name}.br`)).equals(file(name)), name).toBe(true)
      expect(zlib.gunzipSync(file(`${name}.gz`)).equals(file(name)), name).toBe(true)
    }
    expect(file('assets/app-1a2b3c.js.br').length).toBeLessThan(file('assets/app-1a2b3c.js').length / 5)
    for (const name of ['assets/tiny-9f8e7d.js', 'assets/app-1a2b3c.js.map']) {
      expect(fs.existsSync(path.join(dist, `${name}.br`)), name).toBe(false)
      expect(fs.existsSync(path.join(dist, `${name}.gz`)), name).toBe(false)
    }
  })
})

describe('[W9] the server sends the variant the browser accepts', () => {
  const asset = '/assets/app-1a2b3c.js'

  it.each([
    ['brotli when the browser takes it', 'gzip, deflate, br, zstd', 'br', zlib.brotliDecompressSync],
    ['gzip when it takes only that', 'gzip, deflate', 'gzip', zlib.gunzipSync],
  ])('W9: a hashed asset: %s', async (_, accept, encoding, decode) => {
    const plain = await get(asset, 'identity')
    const res = await get(asset, accept)
    expect(res.status).toBe(200)
    expect(res.headers['content-encoding']).toBe(encoding)
    expect(res.headers['content-type']).toBe(plain.headers['content-type'])
    expect(res.headers['content-type']).toMatch(/^(?:application|text)\/javascript/)
    expect(res.headers.vary).toMatch(/accept-encoding/i)
    expect(Number(res.headers['content-length'])).toBe(res.body.length)
    expect(res.body.length).toBeLessThan(plain.body.length / 5)
    expect(decode(res.body).equals(file('assets/app-1a2b3c.js'))).toBe(true)
    // Same headers as the plain file: cached for a year, the security headers (W1).
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['content-security-policy']).toBe(plain.headers['content-security-policy'])
  })

  it('W9: with no Accept-Encoding the file goes as it is, marked as varying on it', async () => {
    const res = await get(asset)
    expect(res.status).toBe(200)
    expect(res.headers['content-encoding']).toBeUndefined()
    expect(res.headers.vary).toMatch(/accept-encoding/i)
    expect(res.body.equals(file('assets/app-1a2b3c.js'))).toBe(true)
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
  })

  it('W9: a file without variants goes as it is to a browser that takes brotli', async () => {
    const res = await get('/assets/tiny-9f8e7d.js', 'br')
    expect(res.status).toBe(200)
    expect(res.headers['content-encoding']).toBeUndefined()
    expect(res.body.equals(file('assets/tiny-9f8e7d.js'))).toBe(true)
  })

  it('W9 W5: the service worker goes compressed, still revalidated on every load', async () => {
    const res = await get('/sw.js', 'br')
    expect(res.headers['content-encoding']).toBe('br')
    expect(res.headers['content-type']).toMatch(/^(?:application|text)\/javascript/)
    expect(res.headers['cache-control']).toBe('no-cache')
    expect(zlib.brotliDecompressSync(res.body).equals(file('sw.js'))).toBe(true)
  })

  it.each([
    ['/', '/'],
    ['a client-side route (index.html fallback)', '/meetings/abc'],
  ])('W9: the app shell at %s goes compressed, never cached', async (_, urlPath) => {
    const res = await get(urlPath, 'gzip, br')
    expect(res.status).toBe(200)
    expect(res.headers['content-encoding']).toBe('br')
    expect(res.headers['content-type']).toMatch(/^text\/html/)
    expect(res.headers['cache-control']).toBe('no-cache')
    expect(zlib.brotliDecompressSync(res.body).equals(file('index.html'))).toBe(true)
  })

  it('W9 W5: a variant has no URL of its own', async () => {
    for (const urlPath of [`${asset}.br`, `${asset}.gz`]) {
      expect((await get(urlPath)).status, urlPath).toBe(404)
    }
  })
})

import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningServer, startServer, tempDataDir } from './test-server.ts'

let s: RunningServer

/** A stand-in for apps/web/dist as vite-plugin-pwa leaves it: the worker and manifest at the root. */
function fakeWebBuild(): string {
  const dir = tempDataDir()
  fs.mkdirSync(path.join(dir, 'assets'))
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><div id="root"></div><script type="module" src="/assets/app-1a2b3c.js"></script>',
  )
  fs.writeFileSync(path.join(dir, 'assets', 'app-1a2b3c.js'), 'document.title = "Confer"\n')
  fs.writeFileSync(path.join(dir, 'sw.js'), 'importScripts("workbox-6d87e456.js")\n')
  fs.writeFileSync(path.join(dir, 'workbox-6d87e456.js'), 'self.workbox = {}\n')
  fs.writeFileSync(path.join(dir, 'manifest.webmanifest'), JSON.stringify({ name: 'Confer' }))
  return dir
}

beforeAll(async () => {
  s = await startServer({ env: { WEB_DIST_DIR: fakeWebBuild() } })
})
afterAll(() => s.close())

function csp(header: string | null): Map<string, string[]> {
  const directives = new Map<string, string[]>()
  for (const part of (header ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/)
    if (name) directives.set(name, sources)
  }
  return directives
}

describe('[W5] the service worker, its runtime and the manifest', () => {
  it.each([
    ['the service worker', '/sw.js', /^(?:application|text)\/javascript/],
    ['the Workbox runtime it imports', '/workbox-6d87e456.js', /^(?:application|text)\/javascript/],
    ['the manifest', '/manifest.webmanifest', /^application\/manifest\+json/],
  ])('%s is served from the build, revalidated on every load', async (_, urlPath, type) => {
    const res = await fetch(`${s.url}${urlPath}`)
    await res.arrayBuffer()
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(type)
    // A worker cached for a year would keep every browser on an old release.
    expect(res.headers.get('cache-control')).toBe('no-cache')
  })

  it('the policy lets our own worker and manifest in, and only them', async () => {
    for (const urlPath of ['/', '/m/abc', '/sw.js']) {
      const res = await fetch(`${s.url}${urlPath}`)
      await res.arrayBuffer()
      const policy = csp(res.headers.get('content-security-policy'))
      expect(policy.get('worker-src'), urlPath).toEqual(["'self'"])
      expect(policy.get('manifest-src'), urlPath).toEqual(["'self'"])
      expect(policy.get('script-src'), urlPath).toEqual(["'self'"])
    }
  })

  it.each([
    ['an asset of an older release', '/assets/app-0ld0ld.js'],
    ['a Workbox runtime the build no longer has', '/workbox-00000000.js'],
    ['a stylesheet', '/assets/index-0ld.css'],
    ['an icon', '/icon-1024.png'],
  ])('a missing file (%s) is 404, never index.html a worker would keep as that file', async (_, urlPath) => {
    const res = await fetch(`${s.url}${urlPath}`)
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ error: 'not_found' })
  })

  it('client-side routes still open the app', async () => {
    for (const urlPath of ['/m/abc', '/c/abc/charter', '/invite/Zx_9-q']) {
      const res = await fetch(`${s.url}${urlPath}`)
      expect(res.status, urlPath).toBe(200)
      expect(await res.text(), urlPath).toContain('<div id="root">')
      expect(res.headers.get('cache-control')).toBe('no-cache')
    }
  })
})

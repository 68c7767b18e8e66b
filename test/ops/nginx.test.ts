import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { itemNotes, readAgenda } from '@confer/model'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { loadConfig } from '../../apps/server/src/config.ts'
import { type RunningServer, startServer } from '../../apps/server/test/test-server.ts'
import { ApiClient, createCommunity, createMeeting } from '../support/api-client.ts'
import {
  connectClient,
  type TestClient,
  waitForAcknowledged,
  waitForDoc,
  waitForSynced,
} from '../support/collab-clients.ts'
import { freePort } from '../support/services/free-port.ts'
import { type FreshDatabase, type FreshRedis, freshDatabase, freshRedis } from '../support/services/fresh.ts'
import { ensureNginx } from './ensure-nginx.ts'

/**
 * SPEC O5: deploy/nginx/confer-proxy.conf, as shipped, in front of two server processes on one
 * PostgreSQL database, on loopback ports: REST and /collab WebSockets pass, the servers see the
 * client's address (not nginx's, not one the client made up) and nginx's request id.
 */

const ROOT = path.resolve(import.meta.dirname, '../..')
const PROXY_SNIPPET = path.join(ROOT, 'deploy/nginx/confer-proxy.conf')
const SITE_FILE = path.join(ROOT, 'deploy/nginx/confer.conf')
/** nginx connects to the servers from here, so its own address is told apart from the client's. */
const NGINX_SIDE = '127.0.0.3'
/** What a client claims in its own X-Forwarded-For; it must never become its address. */
const SPOOFED = '203.0.113.7'

const nginx = ensureNginx()
if (!nginx.binary) console.warn(`Skipping the nginx tests: ${nginx.reason}`)

describe.skipIf(!nginx.binary)('[O5] nginx in front of two processes', () => {
  const binary = nginx.binary as string
  let database: FreshDatabase
  let redis: FreshRedis
  const servers: RunningServer[] = []
  const logs: Record<string, unknown>[][] = []
  const clients: TestClient[] = []
  let dir: string
  let proxyUrl: string

  beforeAll(async () => {
    database = await freshDatabase()
    redis = freshRedis()
    const port = await freePort()
    proxyUrl = `http://127.0.0.1:${port}`
    for (let i = 0; i < 2; i++) {
      const lines: Record<string, unknown>[] = []
      logs.push(lines)
      servers.push(
        await startServer({
          env: {
            DATABASE_URL: database.url,
            REDIS_URL: redis.url,
            REDIS_PREFIX: redis.prefix,
            TRUST_PROXY: 'true',
            PUBLIC_ORIGIN: proxyUrl,
            LOG_LEVEL: 'info',
          },
          overrides: { logStream: { write: (line) => lines.push(JSON.parse(line)) } },
        }),
      )
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'confer-nginx-'))
    const upstreams = servers.map((s) => `server ${new URL(s.url).host};`).join(' ')
    fs.writeFileSync(
      path.join(dir, 'nginx.conf'),
      `${mainContext(dir)}
      http {
        ${tempPaths(dir)}
        upstream confer { ${upstreams} keepalive 8; }
        server {
          listen 127.0.0.1:${port};
          proxy_bind ${NGINX_SIDE};
          add_header X-Test-Upstream $upstream_addr always;
          include ${PROXY_SNIPPET};
        }
      }`,
    )
    // In the background once it listens: the command returning is the signal it is ready.
    execFileSync(binary, ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: 'pipe' })
  }, 180_000)

  afterAll(async () => {
    for (const c of clients.splice(0)) c.destroy()
    const pidFile = dir && path.join(dir, 'nginx.pid')
    if (pidFile && fs.existsSync(pidFile)) process.kill(Number(fs.readFileSync(pidFile, 'utf8')), 'SIGTERM')
    for (const s of servers.splice(0)) await s.close()
    await database?.drop()
    await redis?.clear()
  })

  /** The log lines of both servers for one request. */
  const linesOf = (id: string) => logs.flat().filter((line) => line.reqId === id)

  it('REST reaches both processes without stickiness, with the client’s address and nginx’s request id', async () => {
    const api = new ApiClient(proxyUrl)
    const signup = await api.post('/api/auth/signup', {
      email: 'proxied@school.test',
      name: 'Proxied Teacher',
      password: 'correct horse battery',
    })
    expect(signup.status).toBe(201)
    const upstreams = new Set<string>()
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${proxyUrl}/api/me`, {
        headers: { cookie: api.cookie ?? '', 'x-forwarded-for': SPOOFED, 'x-request-id': 'chosen-by-client' },
      })
      // The session lives in PostgreSQL: whichever process answers knows it.
      expect(res.status).toBe(200)
      upstreams.add(res.headers.get('x-test-upstream') ?? '')
      const id = res.headers.get('x-request-id') ?? ''
      expect(id).toMatch(/^[0-9a-f]{32}$/)
      const [incoming] = linesOf(id)
      expect(incoming).toMatchObject({ req: { url: '/api/me', remoteAddress: '127.0.0.1' } })
    }
    expect(upstreams).toEqual(new Set(servers.map((s) => new URL(s.url).host)))
  })

  it('providers sync and edit through nginx, and with Redis see each other live on either process', async () => {
    const api = new ApiClient(proxyUrl)
    await api.post('/api/auth/signup', {
      email: 'writer@school.test',
      name: 'Writer',
      password: 'correct horse battery',
    })
    const token = (await api.post<{ token: string }>('/api/auth/tokens', {})).body.token
    const person = { api, id: '', name: 'Writer', email: 'writer@school.test', token }
    const meetingId = await createMeeting(person, await createCommunity(person))
    const wsUrl = `${proxyUrl.replace(/^http/, 'ws')}/collab`

    const writer = connectClient(wsUrl, `meeting/${meetingId}`, token)
    clients.push(writer)
    await waitForSynced(writer)
    const item = readAgenda(writer.doc)[0]?.id as string
    ;(itemNotes(writer.doc, item) as Y.XmlFragment).insert(0, [new Y.XmlText('typed through nginx')])
    await waitForAcknowledged(writer)

    const reader = connectClient(wsUrl, `meeting/${meetingId}`, token)
    clients.push(reader)
    await waitForSynced(reader)
    await waitForDoc(reader, (doc) => itemNotes(doc, item)?.toString() === 'typed through nginx', 'the edit')
    // nginx took turns: the two sockets are on different processes.
    expect(servers.map((s) => s.server.hocuspocus.getConnectionsCount())).toEqual([1, 1])
    ;(itemNotes(reader.doc, item) as Y.XmlFragment).insert(0, [new Y.XmlText('answered live; ')])
    await waitForDoc(
      writer,
      (doc) => itemNotes(doc, item)?.toString() === 'answered live; typed through nginx',
      'the answer from the other process',
    )
  })

  it('the shipped site file passes nginx -t, and /collab outlasts the server’s idle timeout', () => {
    const site = fs.readFileSync(SITE_FILE, 'utf8')
    const snippet = fs.readFileSync(PROXY_SNIPPET, 'utf8')
    // Every proxied location sets the forwarded address, never appends the client's own.
    expect(snippet).not.toMatch(/proxy_add_x_forwarded_for/)
    const locations = [...snippet.matchAll(/location ([^{]+)\{([^}]*)\}/g)].map((m) => ({
      path: (m[1] ?? '').trim(),
      body: m[2] ?? '',
    }))
    for (const { body } of locations.filter((l) => l.body.includes('proxy_pass'))) {
      expect(body).toMatch(/proxy_http_version 1\.1;/)
      expect(body).toMatch(/proxy_set_header X-Forwarded-For \$remote_addr;/)
      expect(body).toMatch(/proxy_set_header X-Request-Id \$request_id;/)
    }
    const collab = locations.find((l) => l.path === '/collab')?.body ?? ''
    expect(collab).toMatch(/proxy_set_header Upgrade \$http_upgrade;/)
    expect(collab).toMatch(/proxy_set_header Connection "upgrade";/)
    // A quiet socket is pinged at half the idle timeout and dropped within a quarter more.
    const idleMs = loadConfig({ DATA_DIR: os.tmpdir() }).socketIdleTimeoutMs
    for (const directive of ['proxy_read_timeout', 'proxy_send_timeout']) {
      const seconds = Number(new RegExp(`${directive} (\\d+)s;`).exec(collab)?.[1])
      expect(seconds * 1000).toBeGreaterThan(idleMs * 1.25)
    }

    const checkDir = fs.mkdtempSync(path.join(os.tmpdir(), 'confer-nginx-check-'))
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=confer.example.org',
        '-keyout',
        path.join(checkDir, 'site.key'),
        '-out',
        path.join(checkDir, 'site.pem'),
      ],
      { stdio: 'pipe' },
    )
    // Only the paths of this machine change; every directive is checked as shipped.
    const rendered = site
      .replace('/etc/nginx/snippets/confer-proxy.conf', PROXY_SNIPPET)
      .replace(/ssl_certificate \S+;/, `ssl_certificate ${path.join(checkDir, 'site.pem')};`)
      .replace(/ssl_certificate_key \S+;/, `ssl_certificate_key ${path.join(checkDir, 'site.key')};`)
    fs.writeFileSync(path.join(checkDir, 'site.conf'), rendered)
    fs.writeFileSync(
      path.join(checkDir, 'nginx.conf'),
      `${mainContext(checkDir)} http { ${tempPaths(checkDir)} include ${path.join(checkDir, 'site.conf')}; }`,
    )
    const check = spawnSync(binary, ['-t', '-p', checkDir, '-c', path.join(checkDir, 'nginx.conf')], {
      encoding: 'utf8',
    })
    expect({ status: check.status, stderr: check.stderr }).toMatchObject({
      status: 0,
      stderr: expect.stringContaining('test is successful'),
    })
  })
})

/** One process (no workers to run as another user), its files in `dir`. */
function mainContext(dir: string): string {
  return `master_process off;
    pid ${path.join(dir, 'nginx.pid')};
    error_log ${path.join(dir, 'error.log')} warn;
    events { worker_connections 256; }`
}

function tempPaths(dir: string): string {
  return ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((kind) => `${kind}_temp_path ${path.join(dir, kind)};`)
    .join(' ')
    .concat(` access_log off;`)
}

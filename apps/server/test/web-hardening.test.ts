import { createHash, randomBytes, scryptSync } from 'node:crypto'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ApiClient,
  createCommunity,
  createMeeting,
  type Person,
  signUp,
} from '../../../test/support/api-client.ts'
import { loadConfig } from '../src/config.ts'
import { DATABASE_FILE } from '../src/stores/sqlite/database.ts'
import { type RunningServer, startServer, tempDataDir } from './test-server.ts'

let s: RunningServer
let person: Person
let communityId: string
let meetingId: string

/** A stand-in for apps/web/dist: the server serves whatever the build left there. */
function fakeWebBuild(): string {
  const dir = tempDataDir()
  fs.mkdirSync(path.join(dir, 'assets'))
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><div id="root"></div><script type="module" src="/assets/app-1a2b3c.js"></script>',
  )
  fs.writeFileSync(path.join(dir, 'assets', 'app-1a2b3c.js'), 'document.title = "Confer"\n')
  return dir
}

beforeAll(async () => {
  s = await startServer({ env: { WEB_DIST_DIR: fakeWebBuild() } })
  person = await signUp(s.url, 'Header Checker')
  communityId = await createCommunity(person)
  meetingId = await createMeeting(person, communityId)
})
afterAll(() => s.close())

/** The CSP as directive → sources. */
function csp(header: string | null): Map<string, string[]> {
  const directives = new Map<string, string[]>()
  for (const part of (header ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/)
    if (name) directives.set(name, sources)
  }
  return directives
}

describe('[W1] security headers on every answer', () => {
  it.each([
    ['the web app at /', '/'],
    ['a client-side route (index.html fallback)', '/meetings/abc'],
    ['a hashed asset', '/assets/app-1a2b3c.js'],
    ['an API answer', '/api/health'],
    ['an API refusal', '/api/me'],
    ['an unknown API path', '/api/no-such-thing'],
  ])('%s', async (_, urlPath) => {
    const res = await fetch(`${s.url}${urlPath}`)
    await res.arrayBuffer()
    const policy = csp(res.headers.get('content-security-policy'))
    const host = new URL(s.url).host
    expect(policy.get('script-src')).toEqual(["'self'"])
    expect(policy.get('frame-ancestors')).toEqual(["'none'"])
    expect(policy.get('object-src')).toEqual(["'none'"])
    expect(policy.get('base-uri')).toEqual(["'self'"])
    // The notes' WebSocket: 'self' does not cover ws: in every browser.
    expect(policy.get('connect-src')).toEqual(["'self'", `ws://${host}`])
    // Served over plain http (a school LAN): nothing may push the browser to https.
    expect(policy.has('upgrade-insecure-requests')).toBe(false)
    expect(res.headers.get('strict-transport-security')).toBeNull()
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    // same-origin, not no-referrer: under no-referrer browsers send `Origin: null` on our own
    // POSTs, and the Origin check (A5) would refuse the web app itself.
    expect(res.headers.get('referrer-policy')).toBe('same-origin')
    expect(res.headers.get('x-frame-options')).toBe('DENY')
  })

  it('no inline script anywhere in the policy, and no inline style elements', async () => {
    const res = await fetch(`${s.url}/`)
    const policy = csp(res.headers.get('content-security-policy'))
    for (const [name, sources] of policy) {
      expect(sources, name).not.toContain("'unsafe-eval'")
      if (name.startsWith('script-src') || name === 'default-src') {
        expect(sources, name).not.toContain("'unsafe-inline'")
      }
    }
    expect(policy.get('style-src')).not.toContain("'unsafe-inline'")
  })

  it("allows exactly the stylesheet Tiptap's editor injects, by its hash", async () => {
    // The web app's own @tiptap/core: its stylesheet is the only inline style the app has.
    const require = createRequire(path.resolve(import.meta.dirname, '../../web/package.json'))
    const core = path.resolve(path.dirname(require.resolve('@tiptap/core')), '..')
    const source = fs.readFileSync(path.join(core, 'src', 'style.ts'), 'utf8')
    const stylesheet = /export const style = `([\s\S]*?)`/.exec(source)?.[1]
    expect(stylesheet).toBeDefined()
    const hash = `'sha256-${createHash('sha256')
      .update(stylesheet ?? '')
      .digest('base64')}'`
    const res = await fetch(`${s.url}/`)
    expect(csp(res.headers.get('content-security-policy')).get('style-src')).toEqual(["'self'", hash])
  })

  it('behind https (PUBLIC_ORIGIN), the socket is wss: and browsers are told to stay on https', async () => {
    const secure = await startServer({ env: { PUBLIC_ORIGIN: 'https://confer.school.example' } })
    try {
      const res = await fetch(`${secure.url}/api/health`)
      const policy = csp(res.headers.get('content-security-policy'))
      expect(policy.get('connect-src')).toEqual(["'self'", 'wss://confer.school.example'])
      expect(policy.has('upgrade-insecure-requests')).toBe(true)
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/)
    } finally {
      await secure.close()
    }
  })

  it('a forged Host header cannot add sources to the policy', async () => {
    const { request } = await import('node:http')
    const { port } = new URL(s.url)
    const header = await new Promise<string>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/api/health', headers: { host: 'evil.example; script-src *' } },
        (res) => {
          res.resume()
          resolve(String(res.headers['content-security-policy']))
        },
      )
      req.on('error', reject)
      req.end()
    })
    expect(csp(header).get('script-src')).toEqual(["'self'"])
    expect(header).not.toContain('evil.example')
  })
})

describe('[W2] logout checks the Origin like every cookie-authenticated change', () => {
  it('refuses a logout from a foreign page and leaves the session alone', async () => {
    const victim = await signUp(s.url, 'Victim')
    const cookie = victim.api.cookie
    victim.api.origin = 'https://evil.example'
    const res = await fetch(`${s.url}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie: cookie ?? '', origin: 'https://evil.example' },
    })
    expect(res.status).toBe(403)
    expect(await res.json()).toMatchObject({ error: 'forbidden', message: expect.any(String) })
    expect(res.headers.get('set-cookie')).toBeNull()
    victim.api.origin = s.url
    expect((await victim.api.get('/api/me')).status).toBe(200)
  })

  it('our own page still logs out', async () => {
    const leaver = await signUp(s.url, 'Leaver')
    const cookie = leaver.api.cookie
    expect((await leaver.api.post('/api/auth/logout')).status).toBe(204)
    const stale = new ApiClient(s.url)
    stale.cookie = cookie
    expect((await stale.get('/api/me')).status).toBe(401)
  })
})

describe('[W3] passwords', () => {
  it.each([
    ['whitespace only', '            ', /spaces/i],
    ['a common one', 'password123', /common/i],
    ['a common one in other capitals', 'QwertyUiop', /common/i],
    ['a common keyboard walk', '1q2w3e4r5t', /common/i],
  ])('refuses %s with a message', async (_, password, message) => {
    const email = `pw.${Date.now()}.${Math.random()}@school.test`
    const res = await new ApiClient(s.url).post<{ error: string; message: string }>('/api/auth/signup', {
      email,
      name: 'Pat',
      password,
    })
    expect(res.status).toBe(400)
    expect(res.body.error).toBe('invalid_request')
    expect(res.body.message).toMatch(message)
    const login = await new ApiClient(s.url).post('/api/auth/login', { email, password })
    expect(login.status).toBe(401)
  })

  it('accepts a passphrase', async () => {
    const res = await new ApiClient(s.url).post('/api/auth/signup', {
      email: `pw.ok.${Date.now()}@school.test`,
      name: 'Pat',
      password: 'purple otter marmalade',
    })
    expect(res.status).toBe(201)
  })
})

describe('[W3] names refuse control and bidi-override characters', () => {
  const bad = [
    ['NUL', 'Grade\u00004'],
    ['a line break', 'Grade\n4'],
    ['a bell', 'Grade\u00074'],
    ['right-to-left override', 'Grade 4 \u202Efdp.exe'],
    ['left-to-right embedding', '\u202AGrade 4'],
    ['first-strong isolate', 'Grade \u2068four\u2069'],
    ['right-to-left isolate', '\u2067Grade 4'],
  ] as const

  it.each(bad)('a display name with %s', async (_, name) => {
    const res = await new ApiClient(s.url).post<{ error: string; message: string }>('/api/auth/signup', {
      email: `name.${Date.now()}.${Math.random()}@school.test`,
      name,
      password: 'purple otter marmalade',
    })
    expect(res).toMatchObject({ status: 400, body: { error: 'invalid_request' } })
    expect(res.body.message).toMatch(/name/i)
  })

  it.each(bad)('community, network, meeting and template names with %s', async (_, name) => {
    const before = await person.api.get<{ communities: unknown[] }>('/api/me')
    const calls: [string, string, unknown][] = [
      ['POST', '/api/communities', { name }],
      ['PATCH', `/api/communities/${communityId}`, { name }],
      ['POST', '/api/networks', { name, communityId }],
      [
        'POST',
        `/api/communities/${communityId}/meetings`,
        { title: name, startsAt: '2026-12-01T15:00:00Z', durationMinutes: 45 },
      ],
      [
        'POST',
        `/api/communities/${communityId}/meetings/series`,
        { title: name, startsAt: ['2026-12-01T15:00:00Z'], durationMinutes: 45 },
      ],
      ['POST', `/api/communities/${communityId}/templates`, { name, meetingId }],
    ]
    for (const [method, urlPath, body] of calls) {
      const res = await person.api.request<{ error: string; message: string }>(method, urlPath, body)
      expect(res.status, `${method} ${urlPath}`).toBe(400)
      expect(res.body.error).toBe('invalid_request')
      expect(res.body.message).toMatch(/control characters|direction/i)
    }
    const after = await person.api.get<{ communities: unknown[] }>('/api/me')
    expect(after.body.communities).toEqual(before.body.communities)
  })

  it('keeps names in any script, accents and emoji', async () => {
    for (const name of ['Équipe de 4e', 'فريق الرياضيات', '数学チーム', 'Grade 4 🍎']) {
      const res = await person.api.post('/api/communities', { name })
      expect(res.status, name).toBe(201)
    }
  })
})

describe('[W3] log-in is limited per account as well as per address', () => {
  it('one attacker behind a school NAT is stopped on the account it guesses; 30 teachers still log in', async () => {
    // The server's default limits, not the raised ones other tests use.
    const school = await startServer({ env: { AUTH_RATE_LIMIT: String(loadConfig({}).authRateLimit) } })
    try {
      const password = 'purple otter marmalade'
      // Accounts made in the database with a cheap hash: stored hashes carry their own scrypt
      // parameters, and at the real cost 40 password checks take seconds on a busy machine.
      const salt = randomBytes(16)
      const key = scryptSync(password.normalize('NFKC'), salt, 32, { N: 1024, r: 8, p: 1 })
      const passwordHash = ['scrypt', 1024, 8, 1, salt.toString('base64'), key.toString('base64')].join('$')
      const emails = [
        ...Array.from({ length: 30 }, (_, i) => `teacher${i}@school.test`),
        'principal@school.test',
      ]
      const db = new DatabaseSync(path.join(school.dataDir, DATABASE_FILE))
      try {
        const insert = db.prepare(
          'INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)',
        )
        for (const [i, email] of emails.entries())
          insert.run(`user${i}`, email, `Person ${i}`, passwordHash, Date.now())
      } finally {
        db.close()
      }
      // Everyone shares one address; the attacker guesses the principal's password, 100 times.
      const attacker = new ApiClient(school.url)
      const guesses: number[] = []
      for (let i = 0; i < 100; i++) {
        const res = await attacker.post('/api/auth/login', {
          email: i % 2 ? 'Principal@School.test' : ' principal@school.test',
          password: `guess number ${i}`,
        })
        guesses.push(res.status)
      }
      expect(guesses.filter((status) => status === 401).length).toBeLessThanOrEqual(10)
      expect(guesses.at(-1)).toBe(429)
      const teachers = await Promise.all(
        emails
          .slice(0, 30)
          .map((email) => new ApiClient(school.url).post('/api/auth/login', { email, password })),
      )
      expect(teachers.map((res) => res.status)).toEqual(emails.slice(0, 30).map(() => 200))
      // The account under attack stays closed to further guesses, from any address, for a while.
      const again = await new ApiClient(school.url).post<{ message: string }>('/api/auth/login', {
        email: 'principal@school.test',
        password: 'another guess',
      })
      expect(again.status).toBe(429)
      expect(again.body.message).toMatch(/try again in \d+ minutes/i)
    } finally {
      await school.close()
    }
  })
})

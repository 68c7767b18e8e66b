import type { IncomingMessage } from 'node:http'
import helmet from '@fastify/helmet'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Config } from '../config.ts'
import { isSecure } from './session-cookie.ts'

/**
 * The one inline style the web app needs: the stylesheet Tiptap's editor injects as a <style>
 * element (`style` in @tiptap/core 3.31.3, src/style.ts: white-space rules ProseMirror relies
 * on, the gap cursor). Allowed by its hash, so no other inline style runs. A Tiptap upgrade that
 * changes it fails web-hardening.test.ts, which hashes the installed stylesheet.
 */
export const TIPTAP_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"

/** A Host header we can put in a policy: name or address and port, nothing that adds a source. */
const PLAIN_HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/

/**
 * Sources for the notes' WebSocket (/collab) on our own host. CSP 3 says 'self' covers ws: and
 * wss: of our host, but not every browser in schools does (older Safari), so it is named outright.
 */
function connectSources(config: Config, req: FastifyRequest): string {
  if (config.publicOrigin) {
    const origin = new URL(config.publicOrigin)
    return `'self' ${origin.protocol === 'https:' ? 'wss' : 'ws'}://${origin.host}`
  }
  const host = req.headers.host
  if (!host || !PLAIN_HOST.test(host)) return "'self'"
  return `'self' ${isSecure(req.protocol, config) ? 'wss' : 'ws'}://${host}`
}

/**
 * Security headers on every answer: the web app's HTML and assets, /api, and 404s (SPEC W1).
 * Registered before the routes so its onRequest hook runs for all of them.
 */
export async function registerSecurityHeaders(app: FastifyInstance, config: Config): Promise<void> {
  // Helmet computes a directive from the raw request, which knows nothing of trusted proxies:
  // work the value out from Fastify's request first (this hook runs before helmet's).
  const connect = new WeakMap<IncomingMessage, string>()
  app.addHook('onRequest', (req, _reply, done) => {
    connect.set(req.raw, connectSources(config, req))
    done()
  })
  // Only a deployment known to be on https may tell browsers to stay there: a school LAN on
  // plain http (HOST=0.0.0.0) would otherwise be pushed to an https that does not exist.
  const https = config.publicOrigin?.startsWith('https:') === true
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", TIPTAP_STYLE_HASH],
        // The favicon is a data: URI in index.html.
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: [(req) => connect.get(req as IncomingMessage) ?? "'self'"],
        // The offline app shell: its service worker (/sw.js) and web app manifest, ours only.
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    // same-origin, not helmet's no-referrer: under no-referrer a browser sends `Origin: null`
    // on the app's own POSTs (Fetch standard), and the Origin check (A5) would refuse them.
    referrerPolicy: { policy: 'same-origin' },
    frameguard: { action: 'deny' },
    strictTransportSecurity: https ? { maxAge: 180 * 24 * 3600, includeSubDomains: false } : false,
  })
}

/**
 * Vitest globalSetup for the test projects that need PostgreSQL and Redis (vitest.config.ts
 * lists it in their `globalSetup`). Vitest runs a project's globalSetup only when that project
 * has test files in the run, so a run without such tests starts nothing. Several projects may
 * list it: they share one PostgreSQL and one Redis for the whole run, stopped after the last.
 * Test files get the URLs with `inject('postgresUrl')` / `inject('redisUrl')`, and their own
 * database and key prefix from ./fresh.ts.
 */
import type { TestProject } from 'vitest/node'
import { startPostgres } from './postgres.ts'
import './provided.ts'
import { startRedis } from './redis.ts'
import type { RunningService } from './service.ts'

interface Shared {
  services: Promise<{ postgres: RunningService; redis: RunningService }>
  users: number
}

// On globalThis, not in this module: Vitest may load a globalSetup file once per project.
const KEY = Symbol.for('confer.test.services')
const holder = globalThis as typeof globalThis & { [KEY]?: Shared }

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  holder[KEY] ??= { services: startBoth(), users: 0 }
  const shared = holder[KEY]
  shared.users++
  const { postgres, redis } = await shared.services
  project.provide('postgresUrl', postgres.url)
  project.provide('redisUrl', redis.url)
  return async () => {
    if (--shared.users > 0) return
    delete holder[KEY]
    await Promise.all([postgres.stop(), redis.stop()])
  }
}

async function startBoth(): Promise<{ postgres: RunningService; redis: RunningService }> {
  const started = performance.now()
  const [postgres, redis] = await Promise.allSettled([startPostgres(), startRedis()])
  if (postgres.status === 'rejected' || redis.status === 'rejected') {
    // One came up without the other: end it, then report what failed.
    await Promise.all([postgres, redis].map((r) => (r.status === 'fulfilled' ? r.value.stop() : undefined)))
    const reasons = [postgres, redis].flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []))
    throw new Error(`The test services did not start:\n${reasons.join('\n')}`)
  }
  const ms = Math.round(performance.now() - started)
  console.log(
    `Test services up in ${ms} ms: PostgreSQL from ${postgres.value.source}, Redis from ${redis.value.source}`,
  )
  return { postgres: postgres.value, redis: redis.value }
}

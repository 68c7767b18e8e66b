/**
 * Per test file isolation on the run's shared PostgreSQL and Redis (./global-setup.ts): each
 * file makes its own database and its own Redis key prefix, so files run in parallel and in any
 * order without seeing each other's rows or keys.
 *
 *   let db: FreshDatabase
 *   beforeAll(async () => { db = await freshDatabase() })
 *   afterAll(() => db.drop())
 */
import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { Client } from 'pg'
import { inject } from 'vitest'
import './provided.ts'

const CONNECT_TIMEOUT_MS = 10_000

export interface FreshDatabase {
  /** A superuser's URL on the new, empty database: give it to a server as DATABASE_URL. */
  url: string
  name: string
  /** Drops the database, closing whatever connections to it are still open. */
  drop(): Promise<void>
}

/** A new empty database on the run's PostgreSQL. */
export async function freshDatabase(): Promise<FreshDatabase> {
  const adminUrl = injected('postgresUrl')
  // Lower-case letters and digits only: the name needs no quoting in SQL.
  const name = `confer_test_${randomBytes(6).toString('hex')}`
  await asAdmin(adminUrl, `CREATE DATABASE ${name}`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    name,
    drop: () => asAdmin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  }
}

export interface FreshRedis {
  url: string
  /**
   * Put it in front of every key and every pub/sub channel (channels are not per database in
   * Redis), e.g. as @hocuspocus/extension-redis' `prefix` or ioredis' `keyPrefix`.
   */
  prefix: string
  /** Deletes every key under the prefix. */
  clear(): Promise<void>
}

/** A key prefix of its own on the run's Redis. */
export function freshRedis(): FreshRedis {
  const url = injected('redisUrl')
  const prefix = `confer-test:${randomBytes(6).toString('hex')}:`
  return {
    url,
    prefix,
    clear: async () => {
      const redis = connectRedis(url)
      try {
        for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 500 })) {
          if ((keys as string[]).length > 0) await redis.del(...(keys as string[]))
        }
      } finally {
        redis.disconnect()
      }
    },
  }
}

/** An ioredis client that fails within seconds instead of retrying forever. */
export function connectRedis(url: string): Redis {
  return new Redis(url, { connectTimeout: CONNECT_TIMEOUT_MS, maxRetriesPerRequest: 1 })
}

async function asAdmin(adminUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: CONNECT_TIMEOUT_MS })
  try {
    await client.connect()
  } catch (error) {
    const where = new URL(adminUrl)
    where.password = ''
    throw new Error(
      `The tests' PostgreSQL at ${where} does not answer (is TEST_DATABASE_URL right?): ${error}`,
    )
  }
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

function injected(key: 'postgresUrl' | 'redisUrl'): string {
  const value = inject(key)
  if (typeof value !== 'string' || value === '') {
    throw new Error(
      `No ${key} in this test project: add test/support/services/global-setup.ts to its globalSetup in vitest.config.ts`,
    )
  }
  return value
}

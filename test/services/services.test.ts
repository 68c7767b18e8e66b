/**
 * The run's PostgreSQL and Redis (test/support/services) answer real clients, and each test
 * file gets a database and a key prefix of its own. The scale-out tests build on this.
 */
import { Client } from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { connectRedis, type FreshDatabase, freshDatabase, freshRedis } from '../support/services/fresh.ts'

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 })
  await client.connect()
  return client
}

describe('PostgreSQL for the tests', () => {
  let db: FreshDatabase
  let client: Client
  beforeAll(async () => {
    db = await freshDatabase()
    client = await connect(db.url)
  })
  afterAll(async () => {
    await client?.end()
    await db?.drop()
  })

  it('[services] stores and returns a row in a fresh database of its own', async () => {
    await client.query('CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL)')
    await client.query('INSERT INTO notes (body) VALUES ($1)', ['héllo ✓'])
    const { rows } = await client.query<{ body: string }>('SELECT body FROM notes')
    expect(rows).toEqual([{ body: 'héllo ✓' }])
  })

  it('[services] gives every caller an empty database, and drop() removes it', async () => {
    const other = await freshDatabase()
    const otherClient = await connect(other.url)
    try {
      const { rows } = await otherClient.query(`SELECT 1 FROM pg_tables WHERE tablename = 'notes'`)
      expect(rows).toEqual([])
    } finally {
      await otherClient.end()
    }
    // Dropped even while a connection is still open on it.
    const lingering = await connect(other.url)
    lingering.on('error', () => {})
    await other.drop()
    const { rows } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [other.name])
    expect(rows).toEqual([])
  })

  it.skipIf(process.env.TEST_DATABASE_URL)('[services] listens on loopback only', async () => {
    const { rows } = await client.query<{ listen: string; socket: string }>(
      `SELECT current_setting('listen_addresses') AS listen, current_setting('unix_socket_directories') AS socket`,
    )
    expect(rows).toEqual([{ listen: '127.0.0.1', socket: '' }])
    expect(new URL(inject('postgresUrl')).hostname).toBe('127.0.0.1')
  })
})

describe('Redis for the tests', () => {
  const redis = freshRedis()
  const client = connectRedis(redis.url)
  const subscriber = connectRedis(redis.url)
  afterAll(async () => {
    await redis.clear()
    client.disconnect()
    subscriber.disconnect()
  })

  it('[services] stores and returns a key under the file prefix, and clear() removes it', async () => {
    const key = `${redis.prefix}greeting`
    await client.set(key, 'héllo ✓')
    expect(await client.get(key)).toBe('héllo ✓')
    const neighbour = freshRedis()
    await client.set(`${neighbour.prefix}kept`, '1')
    await redis.clear()
    expect(await client.exists(key)).toBe(0)
    expect(await client.get(`${neighbour.prefix}kept`)).toBe('1')
    await neighbour.clear()
  })

  it('[services] delivers a published message to a subscriber on another connection', async () => {
    const channel = `${redis.prefix}updates`
    await subscriber.subscribe(channel)
    const received = new Promise<string>((resolve) => {
      subscriber.once('message', (_channel: string, message: string) => resolve(message))
    })
    expect(await client.publish(channel, 'update 1')).toBe(1)
    expect(await received).toBe('update 1')
  })

  it.skipIf(process.env.TEST_REDIS_URL)(
    '[services] listens on loopback only and keeps nothing on disk',
    async () => {
      const bind = (await client.config('GET', 'bind')) as string[]
      const save = (await client.config('GET', 'save')) as string[]
      const appendonly = (await client.config('GET', 'appendonly')) as string[]
      expect(bind[1]).toBe('127.0.0.1')
      expect(save[1]).toBe('')
      expect(appendonly[1]).toBe('no')
    },
  )
})

import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../src/config.ts'

describe('configuration from the environment', () => {
  it('has working defaults: port 3000 on loopback, ./data, SQLite', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', publicOrigin: null, trustProxy: false })
    expect(config.dataDir.endsWith('/data')).toBe(true)
  })

  it('normalises PUBLIC_ORIGIN to an origin', () => {
    expect(loadConfig({ PUBLIC_ORIGIN: 'https://confer.school.org/' }).publicOrigin).toBe(
      'https://confer.school.org',
    )
  })

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ PUBLIC_ORIGIN: 'not a url' }, /PUBLIC_ORIGIN/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ REDIS_URL: 'redis://127.0.0.1:6379' }, /requires DATABASE_URL/],
    [{ DATABASE_URL: 'mysql://localhost/confer' }, /DATABASE_URL.*postgres:\/\//],
    [{ DATABASE_URL: 'localhost/confer' }, /DATABASE_URL/],
    [
      { DATABASE_URL: 'postgres://localhost/confer', REDIS_URL: 'http://127.0.0.1:6379' },
      /REDIS_URL.*redis:\/\//,
    ],
  ])('refuses %j with a clear message', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError)
    expect(() => loadConfig(env)).toThrow(message)
  })

  it('uses PostgreSQL when DATABASE_URL is a postgres:// or postgresql:// URL, SQLite otherwise', () => {
    expect(loadConfig({}).databaseUrl).toBeNull()
    expect(loadConfig({ DATABASE_URL: 'postgres://confer:secret@db.school.org/confer' }).databaseUrl).toBe(
      'postgres://confer:secret@db.school.org/confer',
    )
    expect(loadConfig({ DATABASE_URL: 'postgresql://localhost/confer' }).databaseUrl).toBe(
      'postgresql://localhost/confer',
    )
  })

  it('links processes through Redis when REDIS_URL is given with DATABASE_URL, keys under REDIS_PREFIX', () => {
    expect(loadConfig({})).toMatchObject({ redisUrl: null, redisPrefix: 'confer:' })
    const linked = loadConfig({
      DATABASE_URL: 'postgres://localhost/confer',
      REDIS_URL: 'redis://127.0.0.1:6379/2',
      REDIS_PREFIX: 'district-7:',
    })
    expect(linked).toMatchObject({ redisUrl: 'redis://127.0.0.1:6379/2', redisPrefix: 'district-7:' })
  })
})

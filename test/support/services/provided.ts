/** What ./global-setup.ts provides to the test files of the projects that list it. */
declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser's URL on the `postgres` database of the run's PostgreSQL. */
    postgresUrl: string
    /** The run's Redis, shared by every test file: keep to a prefix from `freshRedis()`. */
    redisUrl: string
  }
}

export {}

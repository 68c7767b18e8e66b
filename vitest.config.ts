import { defineConfig } from 'vitest/config'

// PostgreSQL and Redis for the projects that list it: started once per run, only when such a
// project has tests to run (test/support/services/global-setup.ts).
const WITH_SERVICES = ['./test/support/services/global-setup.ts']

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'model',
          include: ['packages/*/test/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'server',
          include: ['apps/server/test/**/*.test.ts'],
          // The store contract suites run on PostgreSQL too.
          globalSetup: WITH_SERVICES,
          testTimeout: 20_000,
          hookTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'fault',
          include: ['test/fault/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          // The deployment as shipped (deploy/): nginx in front of two processes.
          name: 'ops',
          include: ['test/ops/**/*.test.ts'],
          globalSetup: WITH_SERVICES,
          testTimeout: 20_000,
          // Installing nginx with apt-get on a fresh machine.
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'services',
          include: ['test/services/**/*.test.ts'],
          globalSetup: WITH_SERVICES,
          testTimeout: 20_000,
          hookTimeout: 20_000,
        },
      },
    ],
  },
})

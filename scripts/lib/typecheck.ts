import { run } from './run.ts'

/** Every TypeScript project in the workspace; each has its own lib/types (DOM vs Node). */
export const TS_PROJECTS = [
  'tsconfig.json',
  'packages/model',
  'packages/api',
  'packages/protocols',
  'apps/server',
  'apps/web',
  'test',
]

export function typecheck(): boolean {
  // Check all projects even after a failure, so one run lists every error.
  return TS_PROJECTS.map((project) => run('tsc', ['-p', project])).every(Boolean)
}

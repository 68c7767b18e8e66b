import { spawnSync } from 'node:child_process'
import path from 'node:path'

export const ROOT = path.resolve(import.meta.dirname, '../..')

/** Runs a command with inherited output; returns whether it succeeded. Tools come from node_modules/.bin. */
export function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): boolean {
  const bin = path.join(ROOT, 'node_modules', '.bin')
  const env = { ...process.env, ...options.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` }
  const result = spawnSync(command, args, { cwd: options.cwd ?? ROOT, env, stdio: 'inherit' })
  if (result.error) console.error(`Could not run ${command}: ${result.error.message}`)
  return result.status === 0
}

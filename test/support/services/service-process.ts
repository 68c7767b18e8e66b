import { spawn } from 'node:child_process'
import fs from 'node:fs'
import readline from 'node:readline'

export interface ServiceProcessOptions {
  /** For error messages: "PostgreSQL", "Redis". */
  name: string
  command: string
  args: readonly string[]
  /** Removed with everything in it when the process stops, or when this Node process exits. */
  dir: string
  /** A log line that means the service accepts connections. */
  ready: RegExp
  /** A log line that means the port was taken after all (the caller retries on another). */
  portTaken: RegExp
  timeoutMs: number
  /** The signal that shuts the service down promptly without waiting for its clients. */
  stopSignal: NodeJS.Signals
  env?: NodeJS.ProcessEnv
  uid?: number
  gid?: number
}

export interface ServiceProcess {
  stop(): Promise<void>
}

export class PortTakenError extends Error {}

const STOP_TIMEOUT_MS = 5_000
const LOG_TAIL_LINES = 40

/**
 * Runs a database server as a child process and resolves once it logs `ready`. Its last log
 * lines go into every error, since a service that will not start explains itself only there.
 * If the test run dies without stopping it, the exit hook still kills it and removes its files.
 */
export function startServiceProcess(options: ServiceProcessOptions): Promise<ServiceProcess> {
  const child = spawn(options.command, options.args, {
    env: options.env,
    uid: options.uid,
    gid: options.gid,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const removeFiles = () => fs.rmSync(options.dir, { recursive: true, force: true })
  const onExit = () => {
    child.kill('SIGKILL')
    removeFiles()
  }
  process.once('exit', onExit)

  const tail: string[] = []
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve()
    else child.once('exit', () => resolve())
  })
  const stop = async () => {
    process.off('exit', onExit)
    // No pid: it never started (its error is reported), so there is nothing to wait for.
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      child.kill(options.stopSignal)
      const killer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS)
      await exited
      clearTimeout(killer)
    }
    removeFiles()
  }

  return new Promise((resolve, reject) => {
    let settled = false
    const fail = (error: Error) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      stop().then(
        () => reject(error),
        () => reject(error),
      )
    }
    const timer = setTimeout(
      () => fail(new Error(`${options.name} did not start within ${options.timeoutMs} ms${logTail(tail)}`)),
      options.timeoutMs,
    )
    const onLine = (line: string) => {
      tail.push(line)
      if (tail.length > LOG_TAIL_LINES) tail.shift()
      if (settled) return
      if (options.portTaken.test(line)) fail(new PortTakenError(`${options.name}: ${line}`))
      else if (options.ready.test(line)) {
        settled = true
        clearTimeout(timer)
        resolve({ stop })
      }
    }
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) readline.createInterface({ input: stream }).on('line', onLine)
    }
    child.once('error', (error) =>
      fail(new Error(`${options.name} could not be run (${options.command}): ${error.message}`)),
    )
    child.once('exit', (code, signal) =>
      fail(new Error(`${options.name} exited before it was ready (${code ?? signal})${logTail(tail)}`)),
    )
  })
}

function logTail(lines: readonly string[]): string {
  return lines.length > 0 ? `; its last log lines:\n${lines.join('\n')}` : ''
}

export interface CommandResult {
  code: number | null
  output: string
}

/** Runs a command to its end within `timeoutMs` (initdb), keeping what it printed. */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; uid?: number; gid?: number; timeoutMs: number },
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: options.env,
      uid: options.uid,
      gid: options.gid,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const output: string[] = []
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()))
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${command} did not finish within ${options.timeoutMs} ms:\n${output.join('')}`))
    }, options.timeoutMs)
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(new Error(`${command} could not be run: ${error.message}`))
    })
    child.once('close', (code) => {
      clearTimeout(timer)
      resolve({ code, output: output.join('') })
    })
  })
}

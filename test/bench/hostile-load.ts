import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'
import readline from 'node:readline'
import type { HostileParams, HostileStats } from './hostile.ts'
import { type Measurement, measureRoomLoad } from './measure.ts'
import { waitForIdleCpu } from './proc-stats.ts'
import { HOSTILE_PHASES, hostileLoad } from './scenarios.ts'
import { startConfer } from './targets.ts'

export type PhaseId = (typeof HOSTILE_PHASES)[number]['id']

export interface PhaseRun {
  measurement: Measurement
  /** What the hostile clients did and how the server closed them; null in the quiet phase. */
  hostile: HostileStats | null
}

/**
 * S7: in each round, S2's meeting runs once alone and once beside each hostile load, every
 * phase on a fresh server (so one phase's leftovers, memory or counters, cannot reach the next).
 * Confer only: the reference server has no authentication, so there is no observer to be and
 * no pre-auth budget to overrun.
 */
export async function hostileRounds(quick: boolean, rounds: number): Promise<Record<PhaseId, PhaseRun[]>> {
  const { meeting, hostile } = hostileLoad(quick)
  const runs = Object.fromEntries(HOSTILE_PHASES.map((p) => [p.id, [] as PhaseRun[]])) as Record<
    PhaseId,
    PhaseRun[]
  >
  for (let r = 0; r < rounds; r++) {
    for (const phase of HOSTILE_PHASES) {
      await waitForIdleCpu()
      const target = await startConfer(meeting.rooms)
      const room = target.rooms[0]
      if (!room || !target.invite) throw new Error('S7 needs a Confer meeting')
      const observerToken = await target.invite('observer')
      const kinds = [...phase.kinds]
      const running: { child?: ChildProcess; stats?: Promise<HostileStats> } = {}
      try {
        const measurement = await measureRoomLoad(
          target,
          meeting,
          kinds.length === 0
            ? undefined
            : {
                start: () => {
                  const params: HostileParams = {
                    ...hostile,
                    url: target.wsUrl,
                    room,
                    observerToken,
                    kinds,
                    // Stops by itself a little after the window, should the stop below never come.
                    durationMs: meeting.warmupMs + meeting.durationMs + 10_000,
                  }
                  running.child = spawnHostile(params)
                  running.stats = hostileStats(running.child)
                  // Read below; a run that fails before then must not die of an unread rejection.
                  running.stats.catch(() => {})
                },
                stop: () => running.child?.kill('SIGTERM'),
              },
        )
        runs[phase.id].push({ measurement, hostile: running.stats ? await running.stats : null })
      } finally {
        const child = running.child
        if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
        await target.stop()
      }
      console.log(`S7 round ${r + 1}, ${phase.title}: done`)
    }
  }
  return runs
}

function spawnHostile(params: HostileParams): ChildProcess {
  return spawn(
    process.execPath,
    [path.join(import.meta.dirname, 'hostile.ts'), Buffer.from(JSON.stringify(params)).toString('base64')],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
}

function hostileStats(child: ChildProcess): Promise<HostileStats> {
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout as NodeJS.ReadableStream })
    lines.on('line', (line) => {
      const message = JSON.parse(line) as { stats?: HostileStats }
      if (message.stats) resolve(message.stats)
    })
    // 'close', not 'exit': the last line may still be in the pipe when the process has exited.
    child.once('close', (code) => reject(new Error(`hostile clients exited with ${code} before reporting`)))
  })
}

import fs from 'node:fs'

const TICKS_PER_SECOND = 100

/** CPU time (user + system) a process has used, in ms, from /proc (Linux). */
export function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
  // Fields after the command name, which may contain spaces, closed by ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const utime = Number(fields[11])
  const stime = Number(fields[12])
  return ((utime + stime) * 1000) / TICKS_PER_SECOND
}

/** Resident memory of a process in bytes, from /proc (Linux). */
export function rssBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const match = /VmRSS:\s+(\d+) kB/.exec(status)
  return match ? Number(match[1]) * 1024 : 0
}

/** The highest resident memory a process has had since it started, in bytes (VmHWM, Linux). */
export function peakRssBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const match = /VmHWM:\s+(\d+) kB/.exec(status)
  return match ? Number(match[1]) * 1024 : 0
}

/** Waits until the machine's CPU is mostly idle, so runs start from the same calm state. */
export async function waitForIdleCpu(maxWaitMs = 20_000, busyBelow = 0.35): Promise<void> {
  const sample = () => {
    const [, ...values] = (fs.readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/)
    const nums = values.map(Number)
    const idle = (nums[3] ?? 0) + (nums[4] ?? 0)
    return { idle, total: nums.reduce((a, b) => a + b, 0) }
  }
  const until = Date.now() + maxWaitMs
  while (Date.now() < until) {
    const a = sample()
    await new Promise((resolve) => setTimeout(resolve, 500))
    const b = sample()
    const busy = 1 - (b.idle - a.idle) / Math.max(b.total - a.total, 1)
    if (busy < busyBelow) return
  }
}

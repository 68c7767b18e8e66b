import type { HostileKind, HostileParams } from './hostile.ts'
import type { LoadParams } from './loadgen.ts'

export type RoomLoad = Omit<LoadParams, 'framing' | 'url' | 'token' | 'rooms'> & { rooms: number }

export interface Scenario {
  id: 'S1' | 'S2' | 'S3' | 'S4'
  title: string
  load: RoomLoad
}

const windowMs = (quick: boolean) => (quick ? 6_000 : 30_000)

/** The room-load scenarios of the benchmark issue; --quick shrinks them to a smoke run. */
export function roomScenarios(quick: boolean): Scenario[] {
  const base = {
    warmupMs: quick ? 1_000 : 3_000,
    durationMs: windowMs(quick),
    prefillBytes: 0,
    caretMoversPerRoom: 0,
    caretsPerSecond: 1,
  }
  return [
    {
      id: 'S1',
      title: quick ? '200 idle connections in 40 rooms' : '1,000 idle connections in 200 rooms',
      load: {
        ...base,
        rooms: quick ? 40 : 200,
        clientsPerRoom: 5,
        typistsPerRoom: 0,
        editsPerSecond: 1,
        durationMs: quick ? 2_000 : 10_000,
      },
    },
    {
      id: 'S2',
      title: 'a meeting: 20 clients, 5 typing at 5 edits/s, 50 KB document',
      load: {
        ...base,
        rooms: 1,
        clientsPerRoom: 20,
        typistsPerRoom: 5,
        editsPerSecond: 5,
        prefillBytes: 50_000,
      },
    },
    {
      id: 'S3',
      title: quick
        ? '20 rooms × 8 clients, 2 typists each'
        : '100 rooms × 8 clients, 2 typists each (400 updates/s)',
      load: { ...base, rooms: quick ? 20 : 100, clientsPerRoom: 8, typistsPerRoom: 2, editsPerSecond: 2 },
    },
    {
      id: 'S4',
      title: quick
        ? 'one room, 60 clients, 10 typists, 20 moving carets'
        : 'district session: one room, 200 clients, 10 typists, 20 moving carets',
      load: {
        ...base,
        rooms: 1,
        clientsPerRoom: quick ? 60 : 200,
        typistsPerRoom: 10,
        editsPerSecond: 2,
        caretMoversPerRoom: 20,
        caretsPerSecond: 2,
      },
    },
  ]
}

export const COLD_LOAD_SIZES = (quick: boolean) => (quick ? [50_000, 500_000] : [50_000, 500_000, 5_000_000])
export const STORM_CLIENTS = (quick: boolean) => (quick ? 100 : 800)

/** S7's phases: the meeting alone, then beside each kind of hostile client, then beside all three. */
export const HOSTILE_PHASES = [
  { id: 'quiet', title: 'quiet', kinds: [] },
  { id: 'preAuthFlood', title: 'pre-auth flood', kinds: ['preAuthFlood'] },
  { id: 'slowReaders', title: 'slow readers', kinds: ['slowReaders'] },
  { id: 'syncFlood', title: 'read-only sync flood', kinds: ['syncFlood'] },
  { id: 'all', title: 'all three', kinds: ['preAuthFlood', 'slowReaders', 'syncFlood'] },
] as const satisfies readonly { id: string; title: string; kinds: readonly HostileKind[] }[]

/**
 * S7: S2's meeting, next to hostile clients on the same address. Sizes stay inside the default
 * limits' reach (1,024 sockets per address, 32 per account) so each defence, not a refused
 * handshake, is what meets them.
 */
export function hostileLoad(quick: boolean): {
  meeting: RoomLoad
  hostile: Omit<HostileParams, 'url' | 'room' | 'observerToken' | 'kinds' | 'durationMs'>
} {
  const s2 = roomScenarios(quick).find((s) => s.id === 'S2')
  if (!s2) throw new Error('S7 is built on S2')
  return {
    // A longer warm-up than S2's: the hostile clients start with it and are at full strength by
    // the window. A shorter window: five phases a round (20 s still holds ~9,500 samples).
    meeting: { ...s2.load, warmupMs: quick ? 2_000 : 5_000, durationMs: quick ? 6_000 : 20_000 },
    hostile: {
      preAuthSockets: quick ? 200 : 500,
      preAuthFrameBytes: 4096,
      preAuthIntervalMs: 200,
      slowReaders: 8,
      // ~2 MB/s of replies each: the kernel's socket buffers (~4 MB) fill first, then the
      // default 16 MiB limit is reached about 10 s in: twice or so in a full run's phase.
      slowReaderRequestsPerSecond: 40,
      syncFlooders: 2,
      maxOpens: 5_000,
      reconnectDelayMs: 250,
    },
  }
}

/** S8a: S3's load, on the single SQLite process and on two processes on PostgreSQL + Redis. */
export function scaleOutLoad(quick: boolean): RoomLoad {
  const s3 = roomScenarios(quick).find((s) => s.id === 'S3')
  if (!s3) throw new Error('S8a is built on S3')
  return s3.load
}

/** S8b: the document sizes whose Redis cost per edit is compared (it must not grow with them). */
export const REDIS_COST_SIZES = [50_000, 500_000, 5_000_000]

/**
 * S8b: one room of a document prefilled to a size; its typists on process A, its readers on B,
 * so every edit crosses Redis once (40 edits/s). The room is prefilled before the generator
 * connects, in large updates (the generator's own prefill would send one message per 1 KB).
 */
export function redisCostLoad(quick: boolean): RoomLoad {
  return {
    warmupMs: quick ? 2_000 : 3_000,
    durationMs: windowMs(quick),
    prefillBytes: 0,
    caretMoversPerRoom: 0,
    caretsPerSecond: 1,
    rooms: 1,
    clientsPerRoom: 8,
    typistsPerRoom: 4,
    editsPerSecond: 10,
  }
}

import { BenchClient } from './clients.ts'
import { startConfer, type Target } from './targets.ts'

/** Writes `bytes` of text into a room through one client and waits until the server acknowledged it. */
async function fill(target: Target, room: string, bytes: number): Promise<void> {
  // One acknowledgement answers the sync handshake, then one per update we send.
  let expected = 1
  let acks = 0
  let typed = false
  let done: () => void = () => {}
  const acknowledged = new Promise<void>((resolve) => {
    done = resolve
  })
  const client = new BenchClient({
    framing: target.framing,
    url: target.wsUrl,
    room,
    ...(target.token ? { token: target.token } : {}),
    onAck: () => {
      acks += 1
      if (typed && acks >= expected) done()
    },
  })
  await client.synced
  client.doc.on('update', (_u: Uint8Array, origin: unknown) => {
    if (origin !== client) expected += 1
  })
  const chunk = 'lorem ipsum dolor sit amet, consectetur adipiscing elit '.repeat(180)
  const text = client.doc.getText('t')
  for (let written = 0; written < bytes; written += chunk.length) text.insert(text.length, chunk)
  typed = true
  if (acks >= expected) done()
  await acknowledged
  client.close()
}

/** S5: time for a new client to sync a stored document after a restart (nothing in memory). */
export async function coldLoad(sizes: number[]): Promise<{ bytes: number; syncMs: number }[]> {
  const first = await startConfer(sizes.length)
  for (const [i, bytes] of sizes.entries()) await fill(first, first.rooms[i] as string, bytes)
  await first.stop()
  const results: { bytes: number; syncMs: number }[] = []
  const again = await startConfer(0, first.dataDir)
  for (const [i, bytes] of sizes.entries()) {
    const started = performance.now()
    const client = new BenchClient({
      framing: 'hocuspocus',
      url: again.wsUrl,
      room: first.rooms[i] as string,
      ...(first.token ? { token: first.token } : {}),
    })
    await client.synced
    results.push({ bytes, syncMs: Math.round(performance.now() - started) })
    client.close()
  }
  await again.stop()
  return results
}

/**
 * S6: every client has acknowledged edits; the server is killed with -9 and restarted; all
 * clients reconnect at once. Measures the time until every client is synced again, and counts
 * acknowledged edits missing from the restarted server.
 */
export async function reconnectStorm(
  clients: number,
): Promise<{ clients: number; resyncMs: number; lost: number }> {
  const perRoom = 8
  const rooms = Math.ceil(clients / perRoom)
  const target = await startConfer(rooms)
  const token = target.token ?? ''
  const room = (i: number) => target.rooms[i % rooms] as string
  const acknowledged: Promise<void>[] = []
  const live = Array.from({ length: clients }, (_, i) => {
    let resolve: () => void = () => {}
    let acks = 0
    acknowledged.push(new Promise<void>((r) => (resolve = r)))
    // The first acknowledgement answers the sync handshake, the second our line.
    const onAck = () => {
      acks += 1
      if (acks === 2) resolve()
    }
    return new BenchClient({ framing: 'hocuspocus', url: target.wsUrl, room: room(i), token, onAck })
  })
  await Promise.all(live.map((c) => c.synced))
  // Each client types one line; the storm starts once every line is acknowledged.
  for (const [i, c] of live.entries()) c.doc.getText('t').insert(0, `line ${i};`)
  await Promise.all(acknowledged)
  target.process?.child.kill('SIGKILL')
  await target.process?.exited
  const restarted = await startConfer(0, target.dataDir)
  const started = performance.now()
  const back = live.map(
    (_, i) => new BenchClient({ framing: 'hocuspocus', url: restarted.wsUrl, room: room(i), token }),
  )
  await Promise.all(back.map((c) => c.synced))
  const resyncMs = Math.round(performance.now() - started)
  let lost = 0
  back.forEach((c, i) => {
    if (!c.doc.getText('t').toString().includes(`line ${i};`)) lost += 1
  })
  for (const c of [...live, ...back]) c.close()
  await restarted.stop()
  return { clients, resyncMs, lost }
}

import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { Hocuspocus } from '@hocuspocus/server'
import { build } from 'rolldown'
import { afterEach, describe, expect, it, vi } from 'vitest'

/**
 * What patches/@hocuspocus__server@4.7.0.patch must keep or give (patches/README.md): Hocuspocus'
 * own behaviour where the patch only makes it cheaper, and no undici for a change without a request.
 */

afterEach(() => {
  vi.useRealTimers()
})

describe('the store hook debounce (patched: no timer re-armed per change)', () => {
  it('stores once, a full debounce after the last change of a burst, and at the latest maxDebounce after its first', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    vi.setSystemTime(0)
    const stored: number[] = []
    const hocuspocus = new Hocuspocus({
      quiet: true,
      debounce: 1000,
      maxDebounce: 5000,
      extensions: [
        {
          async onStoreDocument() {
            stored.push(Date.now())
          },
        },
      ],
    })
    const connection = await hocuspocus.openDirectConnection('debounced')
    const change = (value: number) => connection.transact((doc) => doc.getMap('m').set('k', value))

    // A change every 300 ms from t=0 to t=2100: nothing stored while they keep coming.
    for (let i = 0; i < 8; i++) {
      await change(i)
      await vi.advanceTimersByTimeAsync(300)
    }
    expect(stored).toEqual([])
    await vi.advanceTimersByTimeAsync(699)
    expect(stored).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(stored).toEqual([3100])

    // Changes every 300 ms from t=4000 on, never a quiet second: stored at the first change
    // at least maxDebounce after t=4000, t=9100.
    await vi.advanceTimersByTimeAsync(900)
    for (let t = 4000; t <= 8800; t += 300) {
      await change(t)
      await vi.advanceTimersByTimeAsync(300)
    }
    expect(stored).toEqual([3100])
    await change(9100)
    await vi.advanceTimersByTimeAsync(0)
    expect(stored).toEqual([3100, 9100])

    await connection.disconnect()
  })
})

describe('hooks only Hocuspocus itself implements (patched: skipped)', () => {
  it('still runs each hook an extension or the configuration implements, extensions configured later included', async () => {
    const seen: string[] = []
    const hocuspocus = new Hocuspocus({
      quiet: true,
      async onChange({ documentName }) {
        seen.push(`configuration ${documentName}`)
      },
    })
    hocuspocus.configure({
      extensions: [
        {
          async onChange({ documentName, requestParameters }) {
            seen.push(`extension ${documentName} ${requestParameters.toString()}`)
          },
        },
      ],
    })
    const connection = await hocuspocus.openDirectConnection('hooked')
    await connection.transact((doc) => doc.getMap('m').set('k', 1))
    await vi.waitFor(() => expect(seen).toEqual(['extension hooked ', 'configuration hooked']))
    await connection.disconnect()
  })

  it('resolves a hook nobody implements to null, as the built-in no-op did', async () => {
    const hocuspocus = new Hocuspocus({ quiet: true })
    await expect(hocuspocus.hooks('onAwarenessUpdate', {} as never)).resolves.toBeNull()
    await expect(hocuspocus.hooks('beforeHandleMessage', {} as never)).resolves.toBeNull()
  })
})

describe('changes without a request (patched: no undici)', () => {
  it('a server-side edit shows its hooks empty request headers, and never loads Node’s undici', async () => {
    // Bundled as the server ships (unused parts of Hocuspocus, which touch undici, left out), and
    // run in a process of its own: the test runner may have loaded undici itself.
    const dir = await mkdtemp(path.join(os.tmpdir(), 'confer-patch-'))
    try {
      const bundle = path.join(dir, 'server-side-edit.mjs')
      await build({
        input: fileURLToPath(new URL('fixtures/server-side-edit.ts', import.meta.url)),
        platform: 'node',
        logLevel: 'warn',
        output: { file: bundle, format: 'esm' },
      })
      const { stdout } = await promisify(execFile)(process.execPath, [bundle])
      expect(JSON.parse(stdout)).toEqual({ origins: [null, null, null], undici: false })
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

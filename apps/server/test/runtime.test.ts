import { describe, expect, it } from 'vitest'

describe('runtime', () => {
  it('runs on the pinned Node 24, not the machine’s Node 20', () => {
    expect(process.versions.node.startsWith('24.')).toBe(true)
  })
})

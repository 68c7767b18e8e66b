import { expect } from 'vitest'
import type { Person } from '../../../test/support/api-client.ts'

/**
 * GET with the person's session cookie (or none), the body as text or bytes: downloads are not
 * JSON. The text is decoded as UTF-8 without a leading byte order mark (see the bytes for it).
 */
export async function download(
  baseUrl: string,
  path: string,
  who: Person | null = null,
): Promise<{ status: number; headers: Headers; text: string; bytes: Uint8Array }> {
  const res = await fetch(`${baseUrl}${path}`, { headers: who ? { cookie: who.api.cookie ?? '' } : {} })
  const bytes = new Uint8Array(await res.arrayBuffer())
  return { status: res.status, headers: res.headers, text: new TextDecoder().decode(bytes), bytes }
}

/** A strict RFC 4180 reader: records end with CRLF only; a bare CR or LF counts only inside quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c !== '"') cell += c
      else if (text[i + 1] === '"') {
        cell += '"'
        i++
      } else quoted = false
    } else if (c === '"') {
      expect(cell, 'a quote may only open a field').toBe('')
      quoted = true
    } else if (c === ',') {
      row.push(cell)
      cell = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i++
    } else {
      expect(c === '\r' || c === '\n', 'a line break outside quotes that is not CRLF').toBe(false)
      cell += c
    }
  }
  expect(quoted, 'an unclosed quote').toBe(false)
  if (cell !== '' || row.length > 0) rows.push([...row, cell])
  return rows
}

export interface IcsEvent {
  /** Property name → value as written (still escaped), parameters dropped. */
  props: Map<string, string>
}

/**
 * Checks what RFC 5545 asks of the text itself (every line ends in CRLF, none over 75 octets,
 * continuation lines start with a space) and returns its content lines unfolded, with its events.
 */
export function readIcs(text: string): { lines: string[]; events: IcsEvent[] } {
  expect(text.endsWith('\r\n'), 'the last line ends with CRLF').toBe(true)
  expect(text.replace(/\r\n/g, ''), 'no bare CR or LF').not.toMatch(/[\r\n]/)
  const physical = text.slice(0, -2).split('\r\n')
  for (const line of physical) expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75)
  const lines = text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter((l) => l !== '')
  expect(lines[0]).toBe('BEGIN:VCALENDAR')
  expect(lines.at(-1)).toBe('END:VCALENDAR')
  expect(lines).toContain('VERSION:2.0')
  expect(lines.some((l) => l.startsWith('PRODID:'))).toBe(true)
  const events: IcsEvent[] = []
  let current: IcsEvent | null = null
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = { props: new Map() }
    else if (line === 'END:VEVENT' && current) {
      events.push(current)
      current = null
    } else if (current) {
      const colon = line.indexOf(':')
      current.props.set(line.slice(0, colon).split(';')[0] ?? '', line.slice(colon + 1))
    }
  }
  return { lines, events }
}

/** A TEXT value as RFC 5545 escapes it (3.3.11). */
export function icsText(text: string): string {
  return text.replace(/[\\;,]/g, '\\$&').replace(/\n/g, '\\n')
}

/** A UTC DATE-TIME as RFC 5545 writes it: 20300304T150000Z. */
export function icsUtc(epochMs: number): string {
  return new Date(epochMs)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
}

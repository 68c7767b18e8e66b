import { describe, expect, it } from 'vitest'
import { HandshakeHeaders } from '../src/collab/handshake-headers.ts'

describe('the handshake headers a collaboration socket keeps', () => {
  const headers = new HandshakeHeaders({
    origin: 'https://confer.example',
    host: 'confer.example',
    cookie: 'confer_session=abc',
    'user-agent': 'Mozilla/5.0',
    'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
  })

  it('answers for Origin, Host and Cookie in any letter case, as Headers does', () => {
    expect(headers.get('Origin')).toBe('https://confer.example')
    expect(headers.get('HOST')).toBe('confer.example')
    expect(headers.has('cookie')).toBe(true)
  })

  it('keeps nothing else of the handshake, and lists what it keeps in name order', () => {
    expect(headers.get('user-agent')).toBeNull()
    expect(headers.has('sec-websocket-key')).toBe(false)
    expect([...headers]).toEqual([
      ['cookie', 'confer_session=abc'],
      ['host', 'confer.example'],
      ['origin', 'https://confer.example'],
    ])
  })

  it('refuses changes: what the hooks read is what the client sent', () => {
    expect(() => headers.set('origin', 'https://evil.example')).toThrow(TypeError)
    expect(() => headers.append('cookie', 'x=1')).toThrow(TypeError)
    expect(() => headers.delete('origin')).toThrow(TypeError)
    expect(headers.get('origin')).toBe('https://confer.example')
  })
})

/**
 * A short, soft two-note chime when a step's time is up (Web Audio, nothing to download).
 * Browsers only let a page make sound after a click: `primeChime` is called from the click that
 * turns the chime on, so later chimes can play without one.
 */

let context: AudioContext | null = null

function audio(): AudioContext | null {
  if (context) return context
  if (typeof AudioContext === 'undefined') return null
  context = new AudioContext()
  return context
}

export function primeChime(): void {
  const ctx = audio()
  if (ctx?.state === 'suspended') void ctx.resume().catch(() => {})
}

function note(ctx: AudioContext, frequency: number, start: number, length: number): void {
  const oscillator = ctx.createOscillator()
  const gain = ctx.createGain()
  oscillator.type = 'sine'
  oscillator.frequency.value = frequency
  // A quick, gentle attack and a long fade: a bell, not a buzzer.
  gain.gain.setValueAtTime(0.0001, start)
  gain.gain.exponentialRampToValueAtTime(0.12, start + 0.03)
  gain.gain.exponentialRampToValueAtTime(0.0001, start + length)
  oscillator.connect(gain).connect(ctx.destination)
  oscillator.start(start)
  oscillator.stop(start + length + 0.05)
}

export function playChime(): void {
  const ctx = audio()
  if (ctx?.state !== 'running') return
  const now = ctx.currentTime
  note(ctx, 659.25, now, 0.9)
  note(ctx, 880, now + 0.35, 1.2)
}

/**
 * Deterministic meeting notes for bench S9: words drawn from a Zipf distribution (exponent 1)
 * over 30,000 words, the way word frequencies in real text fall off, with the words the bench
 * searches for placed at known ranks, so each query matches a known share of the notes (from
 * most items, for "students", to a handful, for a rare word).
 */

/** Searched words at their frequency rank (1 = most frequent). */
const PLACED: Record<number, string> = {
  12: 'students',
  150: 'feedback',
  200: 'fractions',
  300: 'exit',
  310: 'ticket',
  400: 'rubric',
  500: 'decimals',
  700: 'evidence',
  900: 'goal',
  1000: 'vocabulary',
  2000: 'phonics',
  20000: 'tessellation',
}
const FILLER =
  'the of and to a in that is for it with as was on be at by this we our they have are from or will an not but what all were when there can more their if would about so which one out up them some time into other than then these how two like first could been its who now people made over did down only way find use may long little very after called just where most know get through back much before go good new write used me man too any day same right look think also around another came come work three must because does part even place well such here take why help put different away again off went old number great tell men say small every found still between name should home big give air line set own under read last never us left end along while might next below saw something thought both few those always show large often together asked house world going want school important until form food keep children feet land side without once life enough took four head above kind began almost live page got earth need far hand high year mother light country father let night picture being study second soon story since white ever paper hard near sentence better best across during today however sure knew try told young thing whole hear example heard several change answer room against top turned learn point city play toward five himself usually money seen car morning body upon family later turn move face door cut done group true leave lesson data assessment unit grade teacher coach principal norms protocol tuning intervention literacy comprehension science inquiry'.split(
    ' ',
  )
export const VOCABULARY_SIZE = 30_000

/** A small, fast, seedable generator (mulberry32). */
export function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function buildVocabulary(): string[] {
  const words: string[] = []
  let filler = 0
  for (let rank = 1; rank <= VOCABULARY_SIZE; rank++) {
    const placed = PLACED[rank]
    if (placed) words.push(placed)
    else if (filler < FILLER.length) words.push(FILLER[filler++] as string)
    else {
      // A made-up, pronounceable word: a syllable per base-70 digit of the rank, so unique.
      let word = ''
      for (let n = rank; n > 0; n = Math.floor(n / 70)) {
        word += 'bdfgklmnprstvz'.charAt(n % 14) + 'aeiou'.charAt(Math.floor(n / 14) % 5)
      }
      words.push(`${word}x`)
    }
  }
  return words
}

const vocabulary = buildVocabulary()
const cumulative = (() => {
  const weights = new Float64Array(VOCABULARY_SIZE)
  let sum = 0
  for (let i = 0; i < VOCABULARY_SIZE; i++) {
    sum += 1 / (i + 1)
    weights[i] = sum
  }
  return weights.map((w) => w / sum)
})()

function word(next: () => number): string {
  const r = next()
  let lo = 0
  let hi = VOCABULARY_SIZE - 1
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((cumulative[mid] as number) < r) lo = mid + 1
    else hi = mid
  }
  return vocabulary[lo] as string
}

/** Sentences of 6–19 words until `chars` characters; now and then the phrase "exit ticket". */
export function text(next: () => number, chars: number): string {
  const sentences: string[] = []
  let length = 0
  while (length < chars) {
    const words: string[] = []
    const count = 6 + Math.floor(next() * 14)
    for (let i = 0; i < count; i++) words.push(word(next))
    if (next() < 0.02) words.splice(Math.floor(next() * count), 0, 'exit', 'ticket')
    const sentence = `${words.join(' ')}.`
    sentences.push(sentence.charAt(0).toUpperCase() + sentence.slice(1))
    length += sentence.length + 1
  }
  return sentences.join(' ')
}

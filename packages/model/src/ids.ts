const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'

/** Pattern every entity id matches: URL-safe, short enough to sit in a document name. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

/** A random 16-character id (~95 bits), safe in URLs and document names, on server and browser. */
export function newId(length = 16): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length))
  let id = ''
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length]
  return id
}

export function isId(value: string): boolean {
  return ID_PATTERN.test(value)
}

import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'

/** Text the browser fetches; images and fonts are compressed already, source maps only open in devtools. */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|webmanifest)$/i

/** Below this the headers outweigh what compression saves. */
const MIN_BYTES = 1024

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
}

/**
 * Writes `<file>.br` and `<file>.gz` beside every compressible file of a build, at the strongest
 * settings: done once per build, so the server (`@fastify/static` with `preCompressed`) sends them
 * with no CPU per request. A variant no smaller than the file is not written. Returns how many
 * files got variants.
 */
export function precompress(dir: string): number {
  let count = 0
  for (const file of filesUnder(dir)) {
    if (!COMPRESSIBLE.test(file)) continue
    const data = fs.readFileSync(file)
    if (data.length < MIN_BYTES) continue
    const brotli = zlib.brotliCompressSync(data, {
      params: {
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    })
    const gzip = zlib.gzipSync(data, { level: zlib.constants.Z_BEST_COMPRESSION })
    if (brotli.length < data.length) fs.writeFileSync(`${file}.br`, brotli)
    if (gzip.length < data.length) fs.writeFileSync(`${file}.gz`, gzip)
    if (brotli.length < data.length || gzip.length < data.length) count++
  }
  return count
}

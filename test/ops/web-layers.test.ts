import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * SPEC W10: the web app's imports run downward only. The tier of every folder under
 * apps/web/src is declared here, once; a new folder has to be placed before this test passes.
 */

const SRC = path.resolve(import.meta.dirname, '../../apps/web/src')

/** The page frame: routes, the session gate and the pages that compose several features. */
const SHELL = ['app']
/** What a person works with; each imports shared primitives only, never another feature or the shell. */
const FEATURES = [
  'actions',
  'agenda',
  'auth',
  'charter',
  'communities',
  'decisions',
  'facilitation',
  'meeting',
  'networks',
  'notes',
  'plan',
  'progress',
  'resources',
  'search',
  'summary',
]
/** Pieces several features share; they import only each other, without a cycle between folders. */
const PRIMITIVES = [
  'api',
  'charts',
  'collab',
  'editor',
  'history',
  'meeting-data',
  'offline',
  'protocols',
  'routing',
  'session',
  'styles',
  'ui',
]

type Tier = 'shell' | 'feature' | 'primitive'
const TIERS = new Map<string, Tier>([
  ...SHELL.map((folder) => [folder, 'shell'] as const),
  ...FEATURES.map((folder) => [folder, 'feature'] as const),
  ...PRIMITIVES.map((folder) => [folder, 'primitive'] as const),
])

interface Edge {
  /** Paths relative to apps/web/src. */
  from: string
  to: string
  fromFolder: string
  toFolder: string
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return /\.tsx?$/.test(entry.name) ? [full] : []
  })
}

// Static imports and re-exports start a line (so commented-out ones do not count); a static
// import may span lines. Dynamic imports (lazy pages) count wherever they are.
const STATIC = /^\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]/gm
const BARE = /^\s*import\s*['"]([^'"]+)['"]/gm
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g

function specifiers(text: string): string[] {
  return [STATIC, BARE, DYNAMIC].flatMap((pattern) => [...text.matchAll(pattern)].map((m) => m[1] ?? ''))
}

const topFolder = (relative: string) => relative.split('/')[0] ?? relative

function crossFolderImports(): { edges: Edge[]; outside: string[]; total: number } {
  const edges: Edge[] = []
  const outside: string[] = []
  let total = 0
  for (const file of sourceFiles(SRC)) {
    const from = path.relative(SRC, file).split(path.sep).join('/')
    for (const spec of specifiers(fs.readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) continue
      total++
      const to = path
        .relative(SRC, path.resolve(path.dirname(file), spec))
        .split(path.sep)
        .join('/')
      if (to.startsWith('..')) {
        outside.push(`${from} → ${spec} (leaves apps/web/src)`)
        continue
      }
      const fromFolder = topFolder(from)
      const toFolder = topFolder(to)
      if (fromFolder !== toFolder) edges.push({ from, to, fromFolder, toFolder })
    }
  }
  return { edges, outside, total }
}

/** Why an import breaks the layering, or null when it runs downward (or stays in its tier's rules). */
function breach(edge: Edge): string | null {
  const fromTier = TIERS.get(edge.fromFolder)
  const toTier = TIERS.get(edge.toFolder)
  if (!fromTier || !toTier) return null // reported once per folder below
  if (fromTier === 'shell' || toTier === 'primitive') return null
  return `${fromTier} → ${toTier === 'shell' ? 'the shell' : `another ${toTier}`}`
}

/** Groups of primitive folders that import each other, however indirectly (Tarjan's SCC). */
function primitiveCycles(edges: Edge[]): string[][] {
  const next = new Map<string, Set<string>>()
  for (const edge of edges) {
    if (TIERS.get(edge.fromFolder) !== 'primitive' || TIERS.get(edge.toFolder) !== 'primitive') continue
    next.set(edge.fromFolder, (next.get(edge.fromFolder) ?? new Set()).add(edge.toFolder))
  }
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const groups: string[][] = []
  const visit = (node: string) => {
    index.set(node, index.size)
    low.set(node, index.get(node) ?? 0)
    stack.push(node)
    onStack.add(node)
    for (const to of next.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to)
        low.set(node, Math.min(low.get(node) ?? 0, low.get(to) ?? 0))
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(to) ?? 0))
      }
    }
    if (low.get(node) !== index.get(node)) return
    const group: string[] = []
    let member: string | undefined
    do {
      member = stack.pop()
      if (member === undefined) break
      onStack.delete(member)
      group.push(member)
    } while (member !== node)
    if (group.length > 1) groups.push(group.sort())
  }
  for (const node of [...next.keys()].sort()) if (!index.has(node)) visit(node)
  return groups
}

describe('[W10] web app layering', () => {
  it('[W10] web app imports run downward: shell → features → shared primitives', () => {
    const { edges, outside, total } = crossFolderImports()
    // The parser must be finding imports, or the test would pass on nothing.
    expect(total).toBeGreaterThan(500)

    const problems: string[] = [...outside]
    const folders = fs
      .readdirSync(SRC, { withFileTypes: true })
      .flatMap((entry) => (entry.isDirectory() ? [entry.name] : []))
    for (const folder of folders) {
      if (!TIERS.has(folder)) problems.push(`${folder}/ is in no tier: place it in web-layers.test.ts`)
    }
    for (const folder of TIERS.keys()) {
      if (!folders.includes(folder)) problems.push(`${folder}/ is placed in a tier but does not exist`)
    }
    for (const folder of new Set(edges.flatMap((e) => [e.fromFolder, e.toFolder]))) {
      if (!folders.includes(folder)) problems.push(`${folder} is imported across folders but is no folder`)
    }
    for (const edge of edges) {
      const why = breach(edge)
      if (why) problems.push(`${edge.from} → ${edge.to} (${why})`)
    }
    for (const group of primitiveCycles(edges)) {
      const inside = edges.filter((e) => group.includes(e.fromFolder) && group.includes(e.toFolder))
      problems.push(
        `primitives import each other in a cycle (${group.join(', ')}): ${inside.map((e) => `${e.from} → ${e.to}`).join('; ')}`,
      )
    }
    expect(problems).toEqual([])
  })
})

import { isId } from './ids.ts'

/**
 * The only document names the collaboration server accepts (DESIGN §3).
 * Anything else is refused before a document is created or loaded.
 */
export type DocumentName =
  | { kind: 'meeting'; meetingId: string }
  | { kind: 'meetingRun'; meetingId: string }
  | { kind: 'charter'; communityId: string }
  | { kind: 'plan'; communityId: string }

export function parseDocumentName(name: string): DocumentName | null {
  const parts = name.split('/')
  const [scope, id, sub] = parts
  if (parts.length > 3 || id === undefined || !isId(id)) return null
  if (scope === 'meeting') {
    if (sub === undefined) return { kind: 'meeting', meetingId: id }
    if (sub === 'run') return { kind: 'meetingRun', meetingId: id }
    return null
  }
  if (scope === 'community') {
    if (sub === 'charter') return { kind: 'charter', communityId: id }
    if (sub === 'plan') return { kind: 'plan', communityId: id }
  }
  return null
}

export function formatDocumentName(name: DocumentName): string {
  switch (name.kind) {
    case 'meeting':
      return `meeting/${name.meetingId}`
    case 'meetingRun':
      return `meeting/${name.meetingId}/run`
    case 'charter':
      return `community/${name.communityId}/charter`
    case 'plan':
      return `community/${name.communityId}/plan`
  }
}

export const meetingDocumentName = (meetingId: string): string =>
  formatDocumentName({ kind: 'meeting', meetingId })

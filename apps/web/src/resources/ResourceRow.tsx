import type { Resource } from '@confer/api'
import { formatDate } from '../ui/format.ts'
import { formatBytes } from '../ui/format-bytes.ts'

/** What a stored type is called, for people. */
function kindOf(resource: Resource): string {
  if (resource.kind === 'link') return 'Link'
  const type = resource.type ?? ''
  if (type === 'application/pdf') return 'PDF'
  if (type.startsWith('image/')) return 'Image'
  if (type.startsWith('text/')) return 'Text'
  if (/spreadsheet|excel/.test(type)) return 'Spreadsheet'
  if (/presentation|powerpoint/.test(type)) return 'Slides'
  return 'Document'
}

/** Images and PDFs open in a tab; other files download (the server says which, SPEC RS7). */
const opensInBrowser = (resource: Resource) =>
  resource.kind === 'link' ||
  resource.type === 'application/pdf' ||
  (resource.type ?? '').startsWith('image/')

interface Props {
  resource: Resource
  canDelete: boolean
  onDelete: (resource: Resource) => void
}

export function ResourceRow({ resource, canDelete, onDelete }: Props) {
  const kind = kindOf(resource)
  const facts = [
    kind,
    resource.size !== undefined ? formatBytes(resource.size) : null,
    `added by ${resource.addedBy.name}`,
    formatDate(resource.createdAt),
  ]
    .filter(Boolean)
    .join(' · ')
  return (
    <li className="resources__item">
      <span className="resources__main">
        <a
          className="resources__title"
          href={resource.url}
          {...(opensInBrowser(resource)
            ? { target: '_blank', rel: 'noopener noreferrer' }
            : { download: '' })}
        >
          {resource.title}
          {resource.kind === 'link' && <span className="visually-hidden"> (opens in a new tab)</span>}
        </a>
        <span className="meta">{facts}</span>
      </span>
      {canDelete && (
        <button
          type="button"
          className="button button--quiet button--small"
          aria-label={`Delete ${resource.title}`}
          onClick={() => onDelete(resource)}
        >
          Delete
        </button>
      )}
    </li>
  )
}

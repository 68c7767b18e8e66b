import { isId } from '@confer/model'
import { useMemo } from 'react'
import { exportPaths, getSummaryMarkdown } from '../api/endpoints.ts'
import { useApi } from '../api/useApi.ts'
import { Link } from '../routing/Link.tsx'
import { NotFound } from '../routing/NotFound.tsx'
import { useDocumentTitle } from '../routing/useDocumentTitle.ts'
import { LoadError } from '../ui/LoadError.tsx'
import { PageLoading } from '../ui/PageLoading.tsx'
import { MarkdownView } from './MarkdownView.tsx'
import { type Block, type Inline, parseMarkdown } from './markdown.ts'
import './summary.css'

function plainText(nodes: Inline[]): string {
  return nodes
    .map((node) => ('children' in node ? plainText(node.children) : node.type === 'break' ? ' ' : node.text))
    .join('')
}

function titleOf(blocks: Block[]): string {
  const heading = blocks.find((block) => block.type === 'heading' && block.level === 1)
  return heading?.type === 'heading' ? plainText(heading.children) : 'Meeting'
}

/** A file name from a meeting title: letters, digits, spaces and dashes only. */
export function fileName(title: string): string {
  const base = title
    .replace(/[^\p{L}\p{N} _-]+/gu, '')
    .trim()
    .slice(0, 60)
  return `${base || 'meeting'}.md`
}

function download(markdown: string, name: string): void {
  const url = URL.createObjectURL(new Blob([markdown], { type: 'text/markdown;charset=utf-8' }))
  const link = document.createElement('a')
  link.href = url
  link.download = name
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** `/m/:meetingId/summary`: the meeting as the server summarises it, readable and printable. */
export default function SummaryPage({ meetingId }: { meetingId: string }) {
  if (!isId(meetingId)) return <NotFound />
  return <Summary meetingId={meetingId} />
}

function Summary({ meetingId }: { meetingId: string }) {
  const summary = useApi(`summary:${meetingId}`, (signal) => getSummaryMarkdown(meetingId, signal))
  const markdown = summary.data
  const blocks = useMemo(() => (markdown === undefined ? [] : parseMarkdown(markdown)), [markdown])
  const title = markdown === undefined ? 'Summary' : titleOf(blocks)
  useDocumentTitle(`Summary: ${title}`)

  if (summary.error?.notFound) return <NotFound />
  if (markdown === undefined) {
    return summary.error ? (
      <LoadError error={summary.error} what="the summary" onRetry={summary.reload} />
    ) : (
      <PageLoading label="Loading the summary…" />
    )
  }
  return (
    <div className="page summary-page">
      <div className="summary-page__tools">
        <Link to={`/m/${meetingId}`}>Back to the meeting</Link>
        <div className="summary-page__buttons">
          <a
            className="button button--secondary"
            href={exportPaths.summaryHtml(meetingId)}
            target="_blank"
            rel="noopener"
          >
            Print view (HTML)
          </a>
          <a className="button button--secondary" href={exportPaths.meetingCalendar(meetingId)} download>
            Add to calendar (.ics)
          </a>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => download(markdown, fileName(title))}
          >
            Download .md
          </button>
          <button type="button" className="button button--primary" onClick={() => window.print()}>
            Print
          </button>
        </div>
      </div>
      <article className="summary-doc" aria-label={`Summary of ${title}`}>
        <MarkdownView blocks={blocks} />
      </article>
    </div>
  )
}

import { Fragment, type ReactNode } from 'react'
import { withLocalTimes } from './local-times.tsx'
import type { Block, Inline, ListItem } from './markdown.ts'

/** Renders parsed Markdown as React elements (text is always text; no HTML is ever injected). */
export function MarkdownView({ blocks }: { blocks: Block[] }) {
  return <>{blocks.map(renderBlock)}</>
}

function renderInline(node: Inline, key: number): ReactNode {
  switch (node.type) {
    case 'text':
      return <Fragment key={key}>{withLocalTimes(node.text)}</Fragment>
    case 'strong':
      return <strong key={key}>{node.children.map(renderInline)}</strong>
    case 'em':
      return <em key={key}>{node.children.map(renderInline)}</em>
    case 'del':
      return <del key={key}>{node.children.map(renderInline)}</del>
    case 'code':
      return <code key={key}>{node.text}</code>
    case 'link': {
      const external = /^(https?:|mailto:)/i.test(node.href)
      return (
        <a key={key} href={node.href} {...(external ? { rel: 'noopener noreferrer nofollow' } : {})}>
          {node.children.map(renderInline)}
        </a>
      )
    }
    case 'break':
      return <br key={key} />
  }
}

function renderItem(item: ListItem, key: number): ReactNode {
  // A single paragraph reads as the item itself, not as a paragraph inside it.
  const [first, ...rest] = item.children
  const lead = first?.type === 'paragraph' ? first.children.map(renderInline) : null
  const body = lead ? rest : item.children
  if (item.checked === null) {
    return (
      <li key={key}>
        {lead}
        {body.map(renderBlock)}
      </li>
    )
  }
  return (
    <li key={key} className="md-task" data-checked={item.checked}>
      <span className="md-task__box" aria-hidden="true">
        {item.checked ? '☑' : '☐'}
      </span>
      <span className="visually-hidden">{item.checked ? 'Done: ' : 'Open: '}</span>
      {lead}
      {body.map(renderBlock)}
    </li>
  )
}

function renderBlock(block: Block, key: number): ReactNode {
  switch (block.type) {
    case 'heading': {
      const Tag = `h${block.level}` as const
      return <Tag key={key}>{block.children.map(renderInline)}</Tag>
    }
    case 'paragraph':
      return <p key={key}>{block.children.map(renderInline)}</p>
    case 'list': {
      const tasks = block.items.some((item) => item.checked !== null)
      const className = tasks ? 'md-list md-list--tasks' : 'md-list'
      return block.ordered ? (
        <ol key={key} className={className} start={block.start === 1 ? undefined : block.start}>
          {block.items.map(renderItem)}
        </ol>
      ) : (
        <ul key={key} className={className}>
          {block.items.map(renderItem)}
        </ul>
      )
    }
    case 'quote':
      return <blockquote key={key}>{block.children.map(renderBlock)}</blockquote>
    case 'table':
      return (
        <div key={key} className="md-table">
          <table>
            <thead>
              <tr>
                {block.head.map((cell, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells have no identity but their place
                  <th key={i} scope="col">
                    {cell.map(renderInline)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, r) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
                <tr key={r}>
                  {block.head.map((_, c) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: cells have no identity but their place
                    <td key={c}>{(row[c] ?? []).map(renderInline)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )
    case 'code':
      return (
        <pre key={key}>
          <code>{block.text}</code>
        </pre>
      )
    case 'rule':
      return <hr key={key} />
  }
}

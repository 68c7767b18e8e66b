import type { ReactNode } from 'react'

/** A heading at the level its page gives it: a community's progress is h2 on its own page, h3 inside a network's. */
export function Heading({ level, id, children }: { level: 2 | 3 | 4; id?: string; children: ReactNode }) {
  const Tag = `h${level}` as const
  return <Tag id={id}>{children}</Tag>
}

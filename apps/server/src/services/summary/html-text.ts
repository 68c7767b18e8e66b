import { safeHref } from './markdown-text.ts'

/**
 * Putting text anyone typed into HTML (SPEC X1): every character that could open markup, an
 * entity or end an attribute is escaped, so it reads as that text and nothing else.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** One field (a title, a name, an action) on one line, escaped. */
export function htmlField(text: string): string {
  return escapeHtml(text.replace(/\s+/g, ' ').trim())
}

/** An href for a link a person wrote, or null: only absolute http, https and mailto addresses. */
export function htmlHref(href: string): string | null {
  const safe = safeHref(href)
  return safe === null ? null : escapeHtml(safe)
}

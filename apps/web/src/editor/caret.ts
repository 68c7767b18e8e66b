interface CaretUser {
  name?: unknown
  color?: unknown
}

/**
 * Someone else's caret with a name tag. Hidden from assistive technology: read aloud, the tag
 * would sound like part of the notes; the "Here now" list says who is present instead.
 */
export function renderCaret(user: CaretUser): HTMLElement {
  const color = typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : '#667085'
  const caret = document.createElement('span')
  caret.className = 'collaboration-carets__caret'
  caret.setAttribute('aria-hidden', 'true')
  caret.style.borderColor = color
  const label = document.createElement('span')
  label.className = 'collaboration-carets__label'
  label.style.backgroundColor = color
  label.textContent = typeof user.name === 'string' ? user.name : 'Someone'
  caret.append(label)
  return caret
}

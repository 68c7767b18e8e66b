import { expect, type Locator, type Page } from '@playwright/test'
import type { Person } from './accounts.ts'

/** Opens the meeting as a signed-in person would, and waits until the notes are live. */
export async function joinMeeting(person: Person, meetingId: string): Promise<void> {
  const { page } = person
  await page.goto(`/m/${meetingId}`)
  await expect(notes(page)).toBeVisible()
  await expect(badge(page)).toHaveAttribute('data-state', /^(live|saved)$/)
}

/** The notes editor of the seeded "Notes" item, found the way assistive technology finds it. */
export const notes = (page: Page): Locator => page.getByRole('textbox', { name: 'Notes', exact: true })

/** The connection badge: the status region that carries a connection state. */
export const badge = (page: Page): Locator => page.locator('[role="status"][data-state]')

/** The "Here now" list: who has the meeting open. */
export const hereNow = (page: Page): Locator =>
  page
    .getByRole('complementary', { name: 'People in this meeting' })
    .getByRole('region', { name: /^Here now/ })

/** Names in the "Here now" list, in display order (yourself first), without where they are or idle. */
export const presence = (page: Page): Locator => hereNow(page).getByRole('listitem').locator('.presence__who')

/** The name tag on someone else's caret inside the notes. */
export const caretLabel = (page: Page, name: string): Locator =>
  notes(page).locator('.collaboration-carets__label', { hasText: name })

/** The not-found page, which is also what a meeting you may not see looks like. */
export const notFoundHeading = (page: Page): Locator =>
  page.getByRole('heading', { level: 1, name: 'Page not found' })

/**
 * Types a new paragraph at the end of the notes. Waits for focus first and checks the local
 * text before returning: keys sent while a remote caret is re-rendering can otherwise be lost.
 */
export async function typeLine(page: Page, text: string): Promise<void> {
  const editor = notes(page)
  await editor.click()
  await expect(editor).toBeFocused()
  await page.keyboard.press('ControlOrMeta+End')
  if ((await paragraphs(page)).some((line) => line.trim() !== '')) await page.keyboard.press('Enter')
  await page.keyboard.type(text)
  await expect(editor).toContainText(text)
}

/** The paragraphs of the notes as written, without the name tags of other people's carets. */
export function paragraphs(page: Page): Promise<string[]> {
  return notes(page).evaluate((editor) => {
    const copy = editor.cloneNode(true) as HTMLElement
    for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove()
    return [...copy.querySelectorAll('p')].map((p) => p.textContent ?? '')
  })
}

import { expect, type Locator, type Page } from '@playwright/test'

/** The meeting's action items panel. */
export const actionsPanel = (page: Page): Locator => page.getByRole('region', { name: /^Action items/ })

/** One action item row, found by its text (its done box is labelled with it). */
export const actionRow = (page: Page, text: string): Locator =>
  actionsPanel(page)
    .getByRole('listitem')
    .filter({ has: page.getByRole('checkbox', { name: text, exact: true }) })

/** A date `days` from today on this machine, as "YYYY-MM-DD" (what date inputs take). */
export function isoDate(days: number): string {
  const date = new Date()
  date.setDate(date.getDate() + days)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/** Adds an action item through the panel's form. */
export async function addActionItem(
  page: Page,
  text: string,
  options: { owner?: string; due?: string } = {},
): Promise<void> {
  const panel = actionsPanel(page)
  await panel.getByRole('button', { name: 'Add action item' }).click()
  const form = panel.getByRole('form', { name: 'Add action item' })
  await form.getByLabel('What needs doing').fill(text)
  if (options.owner) await form.getByLabel('Owner').selectOption({ label: options.owner })
  if (options.due) await form.getByLabel('Due date').fill(options.due)
  await form.getByRole('button', { name: 'Add action item' }).click()
  await expect(actionRow(page, text)).toBeVisible()
}

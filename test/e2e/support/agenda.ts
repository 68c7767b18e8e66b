import { expect, type Locator, type Page } from '@playwright/test'

/** The agenda outline of the meeting page. */
export const agendaPanel = (page: Page): Locator => page.getByRole('region', { name: 'Agenda', exact: true })

/** The outline's rows, in agenda order. */
export const agendaRows = (page: Page): Locator => agendaPanel(page).getByRole('listitem')

/** One editable row, found by the item's title (its "done" box is labelled with it). */
export const agendaRow = (page: Page, title: string): Locator =>
  agendaRows(page).filter({ has: page.getByRole('checkbox', { name: `${title} done`, exact: true }) })

/** The running total ("45 of 60 min planned · …"), which carries its state in data-budget. */
export const agendaTotal = (page: Page): Locator => agendaPanel(page).locator('.agenda-total')

/** Titles of the agenda as this screen shows them, in order. */
export function agendaTitles(page: Page): Promise<string[]> {
  return agendaPanel(page)
    .locator('.agenda-row')
    .evaluateAll((rows) =>
      rows.map((row) => {
        const input = row.querySelector<HTMLInputElement>('input[type="text"]')
        return input ? input.value : (row.querySelector('.agenda-row__title')?.textContent ?? '')
      }),
    )
}

/** Headings of the notes sections, in order: the notes follow the agenda's order. */
export function notesHeadings(page: Page): Promise<string[]> {
  return page.locator('.agenda-item__title').allTextContents()
}

/** The notes editor of one agenda item, found by its title as assistive technology finds it. */
export const itemNotes = (page: Page, title: string): Locator =>
  page.getByRole('textbox', { name: title, exact: true })

/** Adds an item through the form under the agenda and waits until it is shown. */
export async function addAgendaItem(page: Page, title: string, minutes: number): Promise<void> {
  const panel = agendaPanel(page)
  await panel.getByLabel('New item title').fill(title)
  await panel.getByLabel('New item minutes').fill(String(minutes))
  await panel.getByRole('button', { name: 'Add item' }).click()
  await expect(panel.getByRole('textbox', { name: /^Item \d+ title$/ }).last()).toHaveValue(title)
}

/** Types at the end of one item's notes and checks the text arrived locally. */
export async function typeInItem(page: Page, title: string, text: string): Promise<void> {
  const editor = itemNotes(page, title)
  await editor.click()
  await expect(editor).toBeFocused()
  await page.keyboard.press('ControlOrMeta+End')
  await page.keyboard.type(text)
  await expect(editor).toContainText(text)
}

import { expect, type Page, test } from '@playwright/test'
import { newPeople } from './support/accounts.ts'
import { addAgendaItem, itemNotes, typeInItem } from './support/agenda.ts'
import { seriousViolations } from './support/axe.ts'
import { badge, joinMeeting } from './support/people.ts'
import { meetingWith } from './support/setup.ts'

const searchBox = (page: Page) =>
  page.getByRole('searchbox', { name: 'Search meetings, notes, charters and plans' })

/** The words the meeting page paints where a search result opened it (CSS Custom Highlight API). */
const markedWords = (page: Page) =>
  page.evaluate(() => {
    const highlight = CSS.highlights.get('confer-search')
    return highlight ? [...highlight].map((range) => range.toString()) : []
  })

test('[Q7] a phrase typed in last week’s notes is found from the header and opens at its item, marked', async ({
  browser,
}) => {
  const [ada, bea] = await newPeople(browser, 'Ada Search', 'Bea Search')
  const { meetingId } = await meetingWith(ada, [bea], 'Fractions PLC')
  await joinMeeting(ada, meetingId)
  await addAgendaItem(ada.page, 'Number sense', 10)
  await typeInItem(ada.page, 'Number sense', 'Students compared unit fractions with tape diagrams.')
  await expect(badge(ada.page)).toHaveAttribute('data-state', 'saved')
  await ada.page.close()

  // A week later, Bea looks for it from her home page: Ctrl/⌘+K, the phrase, Enter.
  const { page } = bea
  await page.goto('/')
  await expect(searchBox(page)).toBeVisible()
  await page.keyboard.press('ControlOrMeta+k')
  await expect(searchBox(page)).toBeFocused()
  await page.keyboard.type('"tape diagram"')
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/\/search\?q=%22tape%20diagram%22$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Search' })).toBeVisible()

  // The meeting is indexed once stored (within seconds of the last edit): until then, search again.
  const hit = page.getByRole('link', { name: 'Agenda item: Number sense' })
  await expect(async () => {
    await page.reload()
    await expect(hit).toBeVisible({ timeout: 1_000 })
  }).toPass({ timeout: 45_000 })
  await expect(page.getByRole('status').filter({ hasText: 'for “"tape diagram"”' })).toHaveText(
    '1 result for “"tape diagram"”, best first.',
  )
  const group = page.getByRole('region', { name: 'Fractions PLC' })
  await expect(group.getByRole('heading', { level: 2, name: 'Fractions PLC' })).toBeVisible()
  await expect(group.locator('mark')).toHaveText(['tape diagrams'])
  await expect(group.locator('.search-hit__snippet')).toHaveText(
    'Students compared unit fractions with tape diagrams.',
  )
  expect(await seriousViolations(page)).toEqual([])

  // Keyboard to the result and open it: the meeting, at that item, the phrase marked in the notes.
  await hit.focus()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(new RegExp(`/m/${meetingId}\\?item=[^&]+&mark=tape\\+diagrams$`))
  const notes = itemNotes(page, 'Number sense')
  await expect(notes).toContainText('tape diagrams')
  await expect(notes).toBeInViewport()
  await expect.poll(() => markedWords(page)).toEqual(['tape diagrams'])
  expect(await seriousViolations(page)).toEqual([])
  // The marks go at the next key press: they only show where to look.
  await page.keyboard.press('Shift')
  await expect.poll(() => markedWords(page)).toEqual([])
})

test('[Q7] the results page says when nothing was found, and how to search', async ({ browser }) => {
  const [cy] = await newPeople(browser, 'Cy Search')
  await meetingWith(cy, [], 'Reading PLC')
  const { page } = cy
  await page.goto('/')
  await searchBox(page).fill('zebrafish -anything')
  await searchBox(page).press('Enter')
  await expect(page.getByRole('status').filter({ hasText: 'Nothing found' })).toHaveText(
    'Nothing found for “zebrafish -anything”.',
  )
  await expect(page.getByRole('heading', { level: 2, name: 'How to search' })).toBeVisible()
  // Too long a query is the server's 400, shown with its message.
  await page.goto(`/search?q=${'a'.repeat(201)}`)
  await expect(page.getByRole('alert')).toContainText('A search is at most 200 characters.')
  expect(await seriousViolations(page)).toEqual([])
})

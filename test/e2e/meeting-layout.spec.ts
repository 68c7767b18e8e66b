import { type Browser, expect, type Locator, type Page, type TestInfo, test } from '@playwright/test'
import { call, newPeople, newPerson, type Person } from './support/accounts.ts'
import { addAgendaItem, agendaPanel, itemNotes } from './support/agenda.ts'
import { seriousViolations } from './support/axe.ts'
import { meetingWith } from './support/setup.ts'

const LAPTOP = { width: 1366, height: 768 }
const PHONE = { width: 390, height: 844 }

const strip = (page: Page): Locator => page.getByRole('region', { name: 'Protocol' })
const people = (page: Page): Locator => page.getByRole('complementary', { name: 'People in this meeting' })
const actions = (page: Page): Locator => page.getByRole('complementary', { name: /^Action items/ })

/** The element's box in the viewport, which must be on the page. */
async function box(locator: Locator) {
  const found = await locator.boundingBox()
  if (!found) throw new Error(`${locator} has no box`)
  return found
}

async function attachScreenshot(page: Page, testInfo: TestInfo, name: string) {
  await testInfo.attach(name, { body: await page.screenshot(), contentType: 'image/png' })
}

async function noHorizontalOverflow(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }))
  expect(scrollWidth, 'the page is no wider than the screen').toBeLessThanOrEqual(innerWidth)
}

/** The notes editor of the agenda's first item, whatever its title. */
const firstItemNotes = (page: Page): Locator => page.locator('.agenda-item').first().getByRole('textbox')

const ITEMS = ['Welcome and check-in', 'Fractions task', 'Student work']

/** A meeting with a member, three agenda items (long notes in the first) and the Tuning Protocol running. */
async function runningMeeting(
  browser: Browser,
  longNotes = true,
): Promise<{ ada: Person; bea: Person; meetingId: string }> {
  const [ada, bea] = await newPeople(browser, 'Ada Facilitator', 'Bea Member')
  const { meetingId } = await meetingWith(ada, [bea])
  await ada.page.setViewportSize(LAPTOP)
  await ada.page.goto(`/m/${meetingId}`)
  for (const [index, title] of ITEMS.entries()) await addAgendaItem(ada.page, title, 10 + index)
  if (longNotes) {
    await itemNotes(ada.page, ITEMS[0] as string).click()
    for (let line = 0; line < 30; line++) await ada.page.keyboard.press('Enter')
    await ada.page.keyboard.type('Norms read aloud')
    await expect(itemNotes(ada.page, ITEMS[0] as string)).toContainText('Norms read aloud')
  }
  await call(ada.api, 'POST', `/api/meetings/${meetingId}/run`, { action: 'start', protocolId: 'tuning' })
  return { ada, bea, meetingId }
}

test('L1–L6: on a 1366×768 laptop the agenda and notes come first, the rail stays, the strip is compact and choices last', async ({
  browser,
}, testInfo) => {
  const { ada } = await runningMeeting(browser)

  // L2: opening a meeting whose round runs shows the one-line strip, with the run buttons.
  await ada.page.reload()
  await expect(strip(ada.page).getByText('Step 1 of 8', { exact: true })).toBeVisible()
  const more = strip(ada.page).getByRole('button', { name: 'More of the protocol round' })
  await expect(more).toHaveAttribute('aria-expanded', 'false')
  await expect(strip(ada.page).getByRole('button', { name: 'Pause' })).toBeVisible()
  await expect(strip(ada.page).getByRole('region', { name: 'Go-round' })).toBeHidden()
  expect((await box(strip(ada.page))).height, 'the compact strip').toBeLessThanOrEqual(120)

  await attachScreenshot(ada.page, testInfo, 'laptop 1366×768')
  // L1: the agenda's first item and its notes are on the first screen.
  const firstRow = agendaPanel(ada.page).getByRole('listitem').first()
  await expect(firstRow).toBeVisible()
  const row = await box(firstRow)
  expect(row.y + row.height).toBeLessThanOrEqual(LAPTOP.height)
  // A new meeting opens with an item of its own ("Notes"), the current one.
  const firstNotes = await box(firstItemNotes(ada.page))
  expect(firstNotes.y + firstNotes.height, 'the first notes box').toBeLessThanOrEqual(LAPTOP.height)
  // L4: the norms check is the meeting's closing step, after the agenda and its notes.
  const norms = await box(ada.page.getByRole('heading', { name: 'Norms' }))
  const lastNotes = await box(itemNotes(ada.page, ITEMS[2] as string))
  expect(norms.y).toBeGreaterThan(lastNotes.y + lastNotes.height)
  expect(await seriousViolations(ada.page)).toEqual([])

  // L3: people and action items stay in view while the notes scroll.
  await itemNotes(ada.page, ITEMS[2] as string).scrollIntoViewIfNeeded()
  expect(await ada.page.evaluate(() => window.scrollY)).toBeGreaterThan(300)
  for (const rail of [people(ada.page), actions(ada.page)]) {
    const shown = await box(rail.getByRole('heading').first())
    expect(shown.y).toBeGreaterThanOrEqual(0)
    expect(shown.y + shown.height).toBeLessThanOrEqual(LAPTOP.height)
  }

  // L5: the skip link reaches the notes in at most three Tab presses (the item last written in).
  await itemNotes(ada.page, ITEMS[1] as string).click()
  await ada.page.reload()
  await expect(itemNotes(ada.page, ITEMS[1] as string)).toBeVisible()
  let tabs = 0
  while (tabs < 3) {
    await ada.page.keyboard.press('Tab')
    tabs++
    const focused = await ada.page.evaluate(() => document.activeElement?.textContent?.trim() ?? '')
    if (focused === 'Skip to content') await ada.page.keyboard.press('Enter')
    if (focused === 'Skip to the notes') {
      await ada.page.keyboard.press('Enter')
      break
    }
  }
  await expect(itemNotes(ada.page, ITEMS[1] as string)).toBeFocused()

  // L6: the strip opened and the rail folded stay so after a reload.
  await more.click()
  await expect(strip(ada.page).getByRole('region', { name: 'Go-round' })).toBeVisible()
  await ada.page.getByRole('button', { name: 'Hide people and actions' }).click()
  await expect(people(ada.page)).toBeHidden()
  await ada.page.reload()
  await expect(strip(ada.page).getByRole('button', { name: 'Less of the protocol round' })).toHaveAttribute(
    'aria-expanded',
    'true',
  )
  await expect(strip(ada.page).getByRole('region', { name: 'Go-round' })).toBeVisible()
  await expect(ada.page.getByRole('button', { name: 'Show people and actions' })).toBeVisible()
  await expect(people(ada.page)).toBeHidden()
})

test('L7: on a 390×844 phone the meeting is one column of tabs, none wider than the screen, the tab remembered', async ({
  browser,
}, testInfo) => {
  const { bea, meetingId } = await runningMeeting(browser, false)
  await bea.page.setViewportSize(PHONE)
  await bea.page.goto(`/m/${meetingId}`)
  const tabs390 = bea.page.getByRole('tablist', { name: 'Parts of this meeting' })
  await expect(tabs390.getByRole('tab', { name: 'Agenda & notes' })).toHaveAttribute('aria-selected', 'true')
  await expect(itemNotes(bea.page, ITEMS[0] as string)).toBeVisible()
  await attachScreenshot(bea.page, testInfo, 'phone 390×844')
  await expect(people(bea.page)).toBeHidden()
  await noHorizontalOverflow(bea.page)
  expect(await seriousViolations(bea.page)).toEqual([])

  await tabs390.getByRole('tab', { name: 'People' }).click()
  await expect(people(bea.page)).toBeVisible()
  await expect(people(bea.page).getByText('Ada Facilitator').first()).toBeVisible()
  await expect(itemNotes(bea.page, ITEMS[0] as string)).toBeHidden()
  // Arrow keys move between tabs.
  await bea.page.keyboard.press('ArrowRight')
  await expect(tabs390.getByRole('tab', { name: 'Protocol' })).toBeFocused()
  await expect(strip(bea.page)).toBeVisible()
  await expect(strip(bea.page).getByText('Step 1 of 8', { exact: true })).toBeVisible()
  await noHorizontalOverflow(bea.page)
  await tabs390.getByRole('tab', { name: 'Actions' }).click()
  await expect(actions(bea.page)).toBeVisible()
  await noHorizontalOverflow(bea.page)
  await bea.page.reload()
  await expect(tabs390.getByRole('tab', { name: 'Actions' })).toHaveAttribute('aria-selected', 'true')
  await expect(actions(bea.page)).toBeVisible()
})

test('L8: the room view on a 1920×1080 projector and a 1280×720 beamer is large and nothing is cut off', async ({
  browser,
}, testInfo) => {
  const ada = await newPerson(browser, 'Ada Facilitator')
  const { meetingId } = await meetingWith(ada)
  await call(ada.api, 'POST', `/api/meetings/${meetingId}/run`, { action: 'start', protocolId: 'tuning' })
  const room = ada.page
  for (const size of [
    { width: 1920, height: 1080 },
    { width: 1280, height: 720 },
  ]) {
    await room.setViewportSize(size)
    await room.goto(`/m/${meetingId}/room`)
    const title = room.getByRole('heading', { level: 1, name: 'Introduction' })
    await expect(title).toBeVisible()
    await noHorizontalOverflow(room)
    for (const part of [title, room.getByRole('timer')]) {
      const shown = await box(part)
      expect(shown.y + shown.height).toBeLessThanOrEqual(size.height)
      expect(shown.x + shown.width).toBeLessThanOrEqual(size.width)
    }
    const digits = await room
      .getByRole('timer')
      .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize))
    expect(digits, 'the countdown reads from the back of the room').toBeGreaterThanOrEqual(size.height / 12)
    await attachScreenshot(room, testInfo, `room view ${size.width}×${size.height}`)
    expect(await seriousViolations(room)).toEqual([])
  }
})

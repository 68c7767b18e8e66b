import { expect, type Page, type TestInfo, test } from '@playwright/test'
import { call, newPeople, newVisitor, PASSWORD, uniqueEmail } from './support/accounts.ts'
import { addAgendaItem, agendaPanel, itemNotes, typeInItem } from './support/agenda.ts'
import { createCommunity, meetingWith } from './support/setup.ts'

// Opening a page's documents can take a while on a busy machine; what is checked then is not timing.
const OPENED = { timeout: 60_000 }
test.describe.configure({ timeout: 300_000 })
// The app as shipped registers its service worker; blocked, Playwright's stub would log a warning (W6).
test.use({ serviceWorkers: 'allow' })

/** Every console warning and error, and every uncaught exception, a page produces. */
function collectConsole(page: Page): string[] {
  const messages: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'warning' || message.type() === 'error') {
      messages.push(`${message.type()}: ${message.text()} (${page.url()})`)
    }
  })
  page.on('pageerror', (error) => messages.push(`uncaught: ${error.message} (${page.url()})`))
  return messages
}

test('[W6] home, community, meeting, charter, protocols and room pages log no console warning or error', async ({
  browser,
}) => {
  const [ada, bea] = await newPeople(browser, 'Ada Lovelace', 'Bea Turner')
  const { communityId, meetingId } = await meetingWith(ada, [bea])
  const messages = collectConsole(ada.page)

  await ada.page.goto('/')
  await expect(ada.page.getByRole('region', { name: 'Upcoming meetings' }).getByRole('link')).toHaveCount(
    1,
    OPENED,
  )

  await ada.page.goto(`/c/${communityId}`)
  await expect(ada.page.getByRole('region', { name: 'Meetings' }).getByRole('link')).toHaveCount(1, OPENED)

  await ada.page.goto(`/m/${meetingId}`)
  await expect(itemNotes(ada.page, 'Notes')).toBeVisible(OPENED)
  // Several notes editors on one page, a link typed into one of them.
  await addAgendaItem(ada.page, 'Student work', 20)
  await addAgendaItem(ada.page, 'Next steps', 10)
  await expect(itemNotes(ada.page, 'Next steps')).toBeVisible()
  await typeInItem(ada.page, 'Student work', 'See https://example.org/rubric for the rubric ')
  await expect(itemNotes(ada.page, 'Student work').getByRole('link', { name: /example\.org/ })).toBeVisible()
  // Linkify has run: editors created from now on (a new item, every editor of a reopened page).
  await addAgendaItem(ada.page, 'Reflection', 5)
  await expect(itemNotes(ada.page, 'Reflection')).toBeVisible()
  await ada.page.reload()
  await expect(itemNotes(ada.page, 'Reflection')).toBeVisible(OPENED)
  await expect(itemNotes(ada.page, 'Student work').getByRole('link', { name: /example\.org/ })).toBeVisible()

  await ada.page.goto(`/c/${communityId}/charter`)
  await expect(ada.page.getByRole('heading', { level: 1 })).toBeVisible()

  await ada.page.goto(`/c/${communityId}/protocols`)
  await expect(ada.page.getByRole('heading', { level: 1 })).toBeVisible()

  await ada.page.goto(`/m/${meetingId}/room`)
  await expect(ada.page.getByRole('heading', { level: 1 })).toBeVisible()

  expect(messages).toEqual([])
  await ada.context.close()
  await bea.context.close()
})

/**
 * The controls on the page that still look like the browser's own: another font (13px Arial),
 * square or inset borders, checkboxes and radios not in the app's colour. Hidden ones skipped.
 */
function browserDefaultControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const appFont = getComputedStyle(document.body).fontFamily
    const found: string[] = []
    for (const control of document.querySelectorAll<HTMLElement>('input, select, textarea, button')) {
      const box = control.getBoundingClientRect()
      if (!control.checkVisibility() || box.width <= 1 || box.height <= 1) continue
      const style = getComputedStyle(control)
      const type = control instanceof HTMLInputElement ? control.type : control.localName
      const name = `${control.localName}[${type}] "${control.getAttribute('aria-label') ?? control.textContent ?? ''}"`
      const problems: string[] = []
      if (type === 'checkbox' || type === 'radio') {
        if (style.accentColor === 'auto') problems.push('browser accent colour')
        if (box.width < 16) problems.push(`${box.width}px wide`)
      } else {
        if (style.fontFamily !== appFont) problems.push(`font ${style.fontFamily} ${style.fontSize}`)
        if (style.borderRadius === '0px') problems.push('square corners')
        if (['inset', 'outset'].includes(style.borderTopStyle))
          problems.push(`${style.borderTopStyle} border`)
      }
      if (problems.length > 0) found.push(`${name}: ${problems.join(', ')}`)
    }
    return found
  })
}

async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await testInfo.attach(name, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' })
}

test('[W7] every control on the community, meeting, charter and protocols pages has the shared look', async ({
  browser,
}, testInfo) => {
  const [ada, bea] = await newPeople(browser, 'Ada Lovelace', 'Bea Turner')
  const { communityId, meetingId } = await meetingWith(ada, [bea])
  const page = ada.page

  await page.goto(`/c/${communityId}`)
  const schedule = page.getByRole('form', { name: 'Schedule a meeting' })
  await expect(schedule.getByLabel('Title')).toBeVisible(OPENED)
  expect(await browserDefaultControls(page)).toEqual([])
  // Error state: the field a person must fix is outlined in the danger colour, not the usual grey.
  const title = schedule.getByLabel('Title')
  const usualBorder = await title.evaluate((input) => getComputedStyle(input).borderTopColor)
  await schedule.getByRole('button', { name: 'Schedule meeting' }).click()
  await expect(title).toHaveAttribute('aria-invalid', 'true')
  const danger = await page.evaluate(() => {
    const probe = document.createElement('span')
    probe.style.color = 'var(--danger)'
    document.body.append(probe)
    const color = getComputedStyle(probe).color
    probe.remove()
    return color
  })
  expect(danger).not.toBe(usualBorder)
  await expect(title).toHaveCSS('border-top-color', danger)
  // Visible focus: a keyboard user sees which field they are in.
  await title.focus()
  await page.keyboard.press('Tab')
  await expect(schedule.getByLabel('Date')).toBeFocused()
  await expect(schedule.getByLabel('Date')).toHaveCSS('outline-style', 'solid')
  await shot(page, testInfo, 'community')

  await page.goto(`/m/${meetingId}`)
  await expect(agendaPanel(page).getByRole('textbox', { name: 'Item 1 title' })).toBeVisible(OPENED)
  await page.getByRole('button', { name: 'Add action item' }).click()
  await page.getByRole('button', { name: 'Add decision' }).click()
  expect(await browserDefaultControls(page)).toEqual([])
  await shot(page, testInfo, 'meeting')

  await page.goto(`/c/${communityId}/charter`)
  await expect(page.getByLabel('New norm')).toBeVisible(OPENED)
  expect(await browserDefaultControls(page)).toEqual([])
  await shot(page, testInfo, 'charter')

  await page.goto(`/c/${communityId}/protocols`)
  await page.getByRole('button', { name: 'New protocol' }).click()
  await expect(page.getByRole('heading', { name: 'A new protocol' })).toBeVisible()
  expect(await browserDefaultControls(page)).toEqual([])
  await shot(page, testInfo, 'protocol editor')

  await ada.context.close()
  await bea.context.close()
})

test('[W8] times read in the viewer’s time zone, in one style, with "in 7 days" where nearness matters', async ({
  browser,
}) => {
  // Far from UTC, so a time shown unconverted would not match.
  const { context, page } = await newVisitor(browser, { timezoneId: 'Pacific/Auckland', locale: 'en-US' })
  const email = uniqueEmail('Ada Lovelace')
  await call(context.request, 'POST', '/api/auth/signup', { email, name: 'Ada Lovelace', password: PASSWORD })
  const ada = { name: 'Ada Lovelace', email, context, page, api: context.request }
  const communityId = await createCommunity(ada)
  // 17:30 UTC is 5:30 the next morning in Auckland (UTC+12 in May).
  const { meeting } = await call<{ meeting: { id: string } }>(
    ada.api,
    'POST',
    `/api/communities/${communityId}/meetings`,
    { title: 'Data day', startsAt: '2031-05-06T17:30:00.000Z', durationMinutes: 60 },
  )
  const local = 'Wed, May 7, 2031, 5:30 AM'

  await page.goto(`/c/${communityId}`)
  const meetings = page.getByRole('region', { name: 'Meetings' })
  await expect(meetings.locator('time')).toHaveText(local, OPENED)
  await expect(meetings).not.toContainText('UTC')

  await page.getByRole('button', { name: 'Invite people' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByRole('button', { name: 'Create invitation link' }).click()
  const active = dialog.getByRole('region', { name: 'Active invitation links' }).getByRole('listitem')
  await expect(active).toContainText(
    /created now · until \w{3}, \w{3} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M \(in 7 days\)/,
  )
  await page.keyboard.press('Escape')

  await page.goto(`/m/${meeting.id}`)
  await expect(page.getByRole('main').locator('time').first()).toHaveText(local, OPENED)
  await context.close()
})

import { expect, type Page, test } from '@playwright/test'
import { accountNav, newPeople, newPerson } from './support/accounts.ts'
import { addAgendaItem, agendaTitles } from './support/agenda.ts'
import { seriousViolations } from './support/axe.ts'
import { badge, joinMeeting, notes, paragraphs, typeLine } from './support/people.ts'
import { meetingWith } from './support/setup.ts'

// The offline copy is the service worker's work (the config blocks it elsewhere).
test.use({ serviceWorkers: 'allow' })

/** The bar that says the page shows what the device kept (apps/web/src/offline/OfflineBanner.tsx). */
const storedDataNotice = (page: Page) =>
  page.getByRole('status').filter({ hasText: 'what this device saved' })

/** Resolves once the service worker controls the page, so what it reads from now on is kept. */
async function controlledByServiceWorker(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready)
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true)
}

/** Paths of the API answers the service worker keeps on this device. */
function storedAnswers(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    if (!(await caches.has('confer-api'))) return []
    const cache = await caches.open('confer-api')
    return (await cache.keys()).map((request) => new URL(request.url).pathname)
  })
}

test('[W4] a meeting opened before reloads with no network, and what is typed there reaches the others', async ({
  browser,
}) => {
  const [ada, bea] = await newPeople(browser, 'Ada Lovelace', 'Bea Turner')
  const { meetingId } = await meetingWith(ada, [bea], 'Data team')
  await joinMeeting(ada, meetingId)
  await controlledByServiceWorker(ada.page)
  // From here on the worker sees every read of the page.
  await ada.page.reload()
  await expect(badge(ada.page)).toHaveAttribute('data-state', /^(live|saved)$/)
  await addAgendaItem(ada.page, 'Reading scores', 15)
  await typeLine(ada.page, 'Agreed before the Wi-Fi dropped')
  await joinMeeting(bea, meetingId)
  await expect(notes(bea.page)).toContainText('Agreed before the Wi-Fi dropped')

  await ada.context.setOffline(true)
  await ada.page.reload()
  // Not the browser's error page: the app, the meeting and its notes, from this device.
  await expect(ada.page.getByRole('heading', { level: 1, name: 'Data team' })).toBeVisible()
  await expect(notes(ada.page)).toContainText('Agreed before the Wi-Fi dropped')
  expect(await agendaTitles(ada.page)).toEqual(['Notes', 'Reading scores'])
  await expect(badge(ada.page)).toHaveAttribute('data-state', 'offline')
  await expect(storedDataNotice(ada.page)).toContainText('You are offline')
  expect(await seriousViolations(ada.page)).toEqual([])

  await typeLine(ada.page, 'Typed with no network')
  expect(await paragraphs(bea.page)).not.toContain('Typed with no network')

  await ada.context.setOffline(false)
  await expect(notes(bea.page)).toContainText('Typed with no network')
  await expect(badge(ada.page)).toHaveAttribute('data-state', /^(live|saved)$/)
  // Back online the notice stops saying "offline" and offers the newest details instead.
  await expect(storedDataNotice(ada.page)).toContainText('Confer could not be reached')
  await expect(ada.page.getByRole('button', { name: 'Load the latest' })).toBeVisible()

  await ada.context.close()
  await bea.context.close()
})

test('[W4] the first visit keeps the meeting for later, and logging out deletes it from the device', async ({
  browser,
}) => {
  const ada = await newPerson(browser, 'Ada Lovelace')
  const { meetingId } = await meetingWith(ada, [], 'Ada’s private planning')
  // One visit, no reload: the worker installs, takes the page over and stores what it read.
  await joinMeeting(ada, meetingId)
  await controlledByServiceWorker(ada.page)
  await expect
    .poll(() => storedAnswers(ada.page))
    .toEqual(expect.arrayContaining(['/api/me', `/api/meetings/${meetingId}`]))
  // Nothing about signing in, and not the server's clock, is ever kept.
  expect((await storedAnswers(ada.page)).filter((path) => /^\/api\/(?:auth\/|time$)/.test(path))).toEqual([])

  await accountNav(ada.page).getByRole('button', { name: 'Log out' }).click()
  await expect(ada.page.getByRole('heading', { level: 1, name: 'Log in to Confer' })).toBeVisible()
  await expect.poll(() => storedAnswers(ada.page)).toEqual([])

  // The next person on this browser, with no network, sees nothing of Ada's.
  await ada.context.setOffline(true)
  await ada.page.goto(`/m/${meetingId}`)
  await expect(ada.page.getByText('Could not load your account.')).toBeVisible()
  await expect(ada.page.getByText('Ada’s private planning')).toHaveCount(0)
  await expect(ada.page.getByText('Ada Lovelace')).toHaveCount(0)

  await ada.context.close()
})

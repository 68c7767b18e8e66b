import AxeBuilder from '@axe-core/playwright'
import { itemsMap, readAgenda } from '@confer/model'
import { expect, type Locator, type Page, test } from '@playwright/test'
import { connectClient, waitForAcknowledged, waitForSynced } from '../support/collab-clients.ts'
import { call, newPeople, newPerson, type Person } from './support/accounts.ts'
import { meetingWith } from './support/setup.ts'

/** The meeting page's "Protocol" section, where the round is shown and run. */
const round = (page: Page): Locator => page.getByRole('region', { name: 'Protocol' })

/** The name of the protocol the round shows (agenda rows list protocol names too, in their selects). */
const shownProtocol = (page: Page): Locator => page.locator('.run-display__protocol')

/** The countdown's digits ("04:59", "+00:03"). */
const timer = (page: Page): Locator => page.getByRole('timer')

/** Seconds shown by a countdown; negative in overtime. */
async function shownSeconds(page: Page): Promise<number> {
  const text = ((await timer(page).textContent()) ?? '').trim()
  const match = /^(\+?)(\d+):(\d{2})$/.exec(text)
  if (!match) throw new Error(`Not a countdown: "${text}"`)
  const seconds = Number(match[2]) * 60 + Number(match[3])
  return match[1] ? -seconds : seconds
}

/** Reads every screen's countdown at (nearly) the same moment and checks they agree within a second. */
async function expectSameTime(pages: Page[]): Promise<number[]> {
  const shown = await Promise.all(pages.map(shownSeconds))
  const spread = Math.max(...shown) - Math.min(...shown)
  expect(spread, `countdowns shown: ${shown.join(', ')}`).toBeLessThanOrEqual(1)
  return shown
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze()
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ id: violation.id, targets: violation.nodes.map((node) => node.target.join(' ')) }))
}

/** Opens a page with the device clock set wrong by `shiftMinutes` (time still flows). */
async function withClockOff(person: Person, shiftMinutes: number): Promise<void> {
  await person.page.clock.install({ time: Date.now() + shiftMinutes * 60_000 })
}

test('the facilitator runs the Tuning protocol and every screen shows the same step and time, whatever its clock says', async ({
  browser,
}) => {
  const [ada, bea, cy] = await newPeople(browser, 'Ada Facilitator', 'Bea Member', 'Cy Observer')
  const { meetingId } = await meetingWith(ada, [bea, { person: cy, role: 'observer' }])
  // Bea's laptop is seven minutes fast and the projector's laptop four minutes slow.
  await withClockOff(bea, 7)
  await withClockOff(cy, -4)

  await ada.page.goto(`/m/${meetingId}`)
  await bea.page.goto(`/m/${meetingId}`)
  await cy.page.goto(`/m/${meetingId}/room`)
  const skew = (page: Page) => page.evaluate(() => Date.now())
  expect((await skew(bea.page)) - Date.now()).toBeGreaterThan(6 * 60_000)
  expect((await skew(cy.page)) - Date.now()).toBeLessThan(-3 * 60_000)
  await expect(round(ada.page).getByRole('heading', { name: 'No protocol is running' })).toBeVisible()
  await expect(round(bea.page).getByRole('heading', { name: 'No protocol is running' })).toBeVisible()
  await expect(cy.page.getByRole('heading', { level: 1, name: 'No protocol is running' })).toBeVisible()
  // The room view has no site chrome.
  await expect(cy.page.getByRole('banner')).toHaveCount(0)

  // Members see the round but have no controls.
  await expect(round(bea.page).getByRole('button', { name: /^Start/ })).toHaveCount(0)
  await expect(bea.page.getByRole('button', { name: 'Pause' })).toHaveCount(0)

  await round(ada.page).getByLabel('Choose a protocol').selectOption({ label: 'Tuning Protocol' })
  await round(ada.page).getByRole('button', { name: 'Start Tuning Protocol' }).click()

  for (const page of [ada.page, bea.page, cy.page]) {
    await expect(page.getByText('Step 1 of 8', { exact: true })).toBeVisible()
    await expect(page.getByRole('heading', { name: 'Introduction' })).toBeVisible()
    await expect(shownProtocol(page)).toHaveText('Tuning Protocol')
    await expect(timer(page)).toHaveText(/^0[45]:\d\d$/)
  }
  await expect(cy.page.getByText('Speaking now: The facilitator', { exact: true })).toBeVisible()
  await expect(bea.page.getByText('Speaking now: The facilitator', { exact: true })).toBeVisible()
  await expectSameTime([ada.page, bea.page, cy.page])

  // The clock keeps running, still together.
  const [before = 0] = await expectSameTime([ada.page, bea.page, cy.page])
  await expect.poll(() => shownSeconds(bea.page)).toBeLessThan(before)
  await expectSameTime([ada.page, bea.page, cy.page])

  // Pause: every screen freezes on the same second.
  await round(ada.page).getByRole('button', { name: 'Pause' }).click()
  for (const page of [ada.page, bea.page, cy.page])
    await expect(page.getByText('paused', { exact: true })).toBeVisible()
  const paused = (await timer(ada.page).textContent()) ?? ''
  await expect(timer(bea.page)).toHaveText(paused)
  await expect(timer(cy.page)).toHaveText(paused)
  expect(await seriousViolations(ada.page)).toEqual([])

  // Resume: the countdowns run again from there, together.
  await round(ada.page).getByRole('button', { name: 'Resume' }).click()
  for (const page of [ada.page, bea.page, cy.page]) {
    await expect(page.getByText('paused', { exact: true })).toHaveCount(0)
    await expect(timer(page)).not.toHaveText(paused)
  }
  await expectSameTime([ada.page, bea.page, cy.page])
  await expect(bea.page.getByRole('button', { name: 'Resume' })).toHaveCount(0)

  // The facilitator's keyboard: N moves to the next step everywhere.
  await ada.page.getByRole('heading', { name: 'Introduction' }).click()
  await ada.page.keyboard.press('n')
  for (const page of [ada.page, bea.page, cy.page]) {
    await expect(page.getByText('Step 2 of 8', { exact: true })).toBeVisible()
    await expect(page.getByRole('heading', { name: 'Presentation' })).toBeVisible()
  }
  await expect(cy.page.getByText('Speaking now: The presenter', { exact: true })).toBeVisible()
  await expectSameTime([ada.page, bea.page, cy.page])
  expect(await seriousViolations(cy.page)).toEqual([])

  await ada.context.close()
  await bea.context.close()
  await cy.context.close()
})

test('the go-round order is set by the facilitator, and every screen names who speaks now', async ({
  browser,
}) => {
  const [ada, bea, cy] = await newPeople(browser, 'Ada Facilitator', 'Bea Member', 'Cy Member')
  const { meetingId } = await meetingWith(ada, [bea, cy])
  await ada.page.goto(`/m/${meetingId}`)
  await bea.page.goto(`/m/${meetingId}/room`)
  await expect(bea.page.getByRole('heading', { level: 1, name: 'No protocol is running' })).toBeVisible()

  const goRound = round(ada.page).getByRole('region', { name: 'Go-round' })
  await goRound.getByRole('button', { name: 'Add everyone' }).click()
  await expect(goRound.getByRole('listitem')).toHaveText([/^Ada Facilitator/, /^Bea Member/, /^Cy Member/])
  // Cy goes first: moved up twice with the keyboard focus following Cy.
  await goRound.getByRole('button', { name: 'Up, Cy Member' }).click()
  await expect(goRound.getByRole('listitem')).toHaveText([/^Ada Facilitator/, /^Cy Member/, /^Bea Member/])
  await expect(goRound.getByRole('button', { name: 'Up, Cy Member' })).toBeFocused()
  await ada.page.keyboard.press('Enter')
  await expect(goRound.getByRole('listitem')).toHaveText([/^Cy Member/, /^Ada Facilitator/, /^Bea Member/])
  await goRound.getByRole('button', { name: 'Remove, Ada Facilitator' }).click()
  await expect(goRound.getByRole('listitem')).toHaveText([/^Cy Member/, /^Bea Member/])

  await round(ada.page).getByRole('button', { name: 'Start Tuning Protocol' }).click()
  await expect(round(ada.page).getByRole('button', { name: 'Pause' })).toBeFocused()
  // A refused action is explained politely (the server's 409 message), and changes nothing.
  await round(ada.page).getByRole('button', { name: 'Previous' }).click()
  await expect(round(ada.page).getByText('This is the first step.')).toBeVisible()
  await expect(ada.page.getByText('Step 1 of 8', { exact: true })).toBeVisible()
  // On to "Clarifying questions", asked by the participants in go-round order.
  await round(ada.page).getByRole('button', { name: 'Next', exact: true }).click()
  await expect(ada.page.getByText('Step 2 of 8', { exact: true })).toBeVisible()
  await round(ada.page).getByRole('button', { name: 'Next', exact: true }).click()
  for (const page of [ada.page, bea.page]) {
    await expect(page.getByRole('heading', { name: 'Clarifying questions' })).toBeVisible()
    await expect(page.getByText('Speaking now: Cy Member · next: Bea Member', { exact: true })).toBeVisible()
  }
  await goRound.getByRole('button', { name: 'Next speaker' }).click()
  for (const page of [ada.page, bea.page]) {
    await expect(page.getByText('Speaking now: Bea Member · next: Cy Member', { exact: true })).toBeVisible()
  }
  await expect(goRound.getByRole('listitem').nth(1)).toHaveAttribute('aria-current', 'true')

  // Stopping ends the round on every screen.
  await round(ada.page).getByRole('button', { name: 'Stop' }).click()
  await expect(bea.page.getByRole('heading', { level: 1, name: 'No protocol is running' })).toBeVisible()
  await ada.context.close()
  await bea.context.close()
  await cy.context.close()
})

test('a team copies the Tuning protocol, adapts it, and runs its own version', async ({ browser }) => {
  const [ada, bea] = await newPeople(browser, 'Ada Facilitator', 'Bea Member')
  const { communityId, meetingId } = await meetingWith(ada, [bea])
  // Bea's page loads the protocol list before the team's version exists.
  await bea.page.goto(`/m/${meetingId}`)
  await expect(round(bea.page).getByRole('heading', { name: 'No protocol is running' })).toBeVisible()

  await ada.page.goto(`/m/${meetingId}`)
  await round(ada.page).getByRole('link', { name: 'Copy and adapt protocols' }).click()
  await expect(ada.page.getByRole('heading', { level: 1, name: 'Protocols' })).toBeVisible()
  await expect(ada.page).toHaveURL(`/c/${communityId}/protocols`)
  await expect(ada.page.getByText('None yet.', { exact: false })).toBeVisible()
  await ada.page.getByRole('button', { name: 'Copy and edit Tuning Protocol' }).click()
  const editor = ada.page.getByRole('region', { name: 'Your version of Tuning Protocol' })
  await expect(editor.getByLabel('Name', { exact: true })).toHaveValue('Tuning Protocol (our version)')
  await editor.getByLabel('Name', { exact: true }).fill('Quick tuning')
  const first = editor.getByRole('group', { name: 'Step 1' })
  await first.getByLabel('Title').fill('')
  await editor.getByRole('button', { name: 'Save for our team' }).click()
  await expect(first.getByText('Give the step a title.')).toBeVisible()
  await expect(first.getByLabel('Title')).toBeFocused()
  expect(await seriousViolations(ada.page)).toEqual([])
  await first.getByLabel('Title').fill('Welcome and norms')
  // [F6] The introduction takes 5 to 10 minutes (DESIGN §4): fewer is refused, with the reason.
  await first.getByLabel('Minutes').fill('3')
  await editor.getByRole('button', { name: 'Save for our team' }).click()
  await expect(
    first.getByText('Use 5 to 10 minutes: the range this protocol allows for this step.'),
  ).toBeVisible()
  await expect(first.getByLabel('Minutes')).toBeFocused()
  await first.getByLabel('Minutes').fill('7')
  await first.getByLabel('Prompt').fill('Read our norms aloud together.')
  await editor.getByRole('button', { name: 'Remove, Debrief' }).click()
  await expect(editor.getByRole('group', { name: /^Step \d+$/ })).toHaveCount(7)
  await editor.getByRole('button', { name: 'Save for our team' }).click()

  await expect(ada.page.getByText('Quick tuning is now one of your team’s protocols.')).toBeVisible()
  const own = ada.page.getByRole('region', { name: /^Our protocols/ })
  await expect(own.getByRole('heading', { name: 'Quick tuning' })).toBeVisible()

  await ada.page.goBack()
  await round(ada.page).getByLabel('Choose a protocol').selectOption({ label: 'Quick tuning' })
  await round(ada.page).getByRole('button', { name: 'Start Quick tuning' }).click()
  for (const page of [ada.page, bea.page]) {
    await expect(shownProtocol(page)).toHaveText('Quick tuning')
    await expect(page.getByText('Step 1 of 7', { exact: true })).toBeVisible()
    await expect(page.getByRole('heading', { name: 'Welcome and norms' })).toBeVisible()
    await expect(page.getByText('Read our norms aloud together.')).toBeVisible()
    await expect(timer(page)).toHaveText(/^0[67]:\d\d$/)
  }
  await ada.context.close()
  await bea.context.close()
})

test('an agenda item that plans a protocol offers the facilitator to start it', async ({
  browser,
  baseURL,
}) => {
  const ada = await newPerson(browser, 'Ada Facilitator')
  const { meetingId } = await meetingWith(ada)
  // The agenda's own editor is not part of this test: the plan is written into the document directly.
  const { token } = await call<{ token: string }>(ada.api, 'POST', '/api/auth/tokens')
  const client = connectClient(`${baseURL?.replace(/^http/, 'ws')}/collab`, `meeting/${meetingId}`, token)
  try {
    await waitForSynced(client)
    const [item] = readAgenda(client.doc)
    if (!item) throw new Error('the meeting has no agenda item')
    itemsMap(client.doc).get(item.id)?.set('protocolId', 'consultancy')
    await waitForAcknowledged(client)
  } finally {
    client.destroy()
  }

  await ada.page.goto(`/m/${meetingId}`)
  const start = round(ada.page).getByRole('button', { name: 'Start Consultancy' })
  await expect(start).toBeVisible()
  await start.click()
  await expect(shownProtocol(ada.page)).toHaveText('Consultancy')
  await expect(ada.page.getByRole('heading', { name: 'Frame the dilemma' })).toBeVisible()
  await expect(round(ada.page).getByRole('button', { name: 'Pause' })).toBeFocused()
  await ada.context.close()
})

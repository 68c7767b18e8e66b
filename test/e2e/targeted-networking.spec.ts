import { expect, type Locator, type Page, test } from '@playwright/test'
import { call, newPeople } from './support/accounts.ts'
import { seriousViolations } from './support/axe.ts'
import { joinMeeting, notes, typeLine } from './support/people.ts'
import { createCommunity, meetingWith } from './support/setup.ts'

const GOAL = 'Raise reading fluency in grade 5'
const TRIED = 'Paired reading three times a week'

/** The meeting page's shared plan panel (SPEC G8). */
const planPanel = (page: Page): Locator => page.getByRole('region', { name: 'Plan', exact: true })

test('[G5][G6][G7][G8] a host team shows its plan to the guests of a network meeting, read-only, and takes it back', async ({
  browser,
}) => {
  const [ada, cy] = await newPeople(browser, 'Ada Lovelace', 'Cy Okafor')
  const { communityId, meetingId } = await meetingWith(ada, [], 'Targeted networking session')
  const guestCommunity = await createCommunity(cy, 'Oak Hill Grade 5')
  const { network } = await call<{ network: { id: string } }>(ada.api, 'POST', '/api/networks', {
    name: 'Northside literacy network',
    communityId,
  })
  const { code } = await call<{ code: string }>(ada.api, 'POST', `/api/networks/${network.id}/invites`)
  await call(cy.api, 'POST', `/api/network-invites/${code}/accept`, { communityId: guestCommunity })

  // Ada's team has a goal and a dated number of evidence on its plan page.
  await ada.page.goto(`/c/${communityId}/plan`)
  await ada.page.getByLabel('Goal statement').fill(GOAL)
  await ada.page.getByRole('button', { name: 'Add goal' }).click()
  await expect(ada.page.getByRole('region', { name: 'Goal 1' })).toBeVisible()
  const evidence = ada.page.getByRole('form', { name: 'Add evidence' })
  await evidence.getByLabel('Goal', { exact: true }).selectOption({ label: `Goal 1: ${GOAL}` })
  await evidence.getByLabel('What we tried').fill(TRIED)
  await evidence.getByLabel('Number').fill('96')
  await evidence.getByRole('button', { name: 'Add evidence' }).click()
  await expect(evidence.getByRole('status')).toHaveText('Evidence added.')

  // G5: the plan can be shown only once the meeting is open to the network.
  await joinMeeting(ada, meetingId)
  const share = ada.page.getByRole('checkbox', { name: 'Show our plan to the guests' })
  await expect(share).toHaveCount(0)
  await ada.page.getByLabel('Open to network guests').selectOption('member')
  await expect(ada.page.getByText('Network guests can now open this meeting.')).toBeVisible()
  await share.check()
  await expect(ada.page.getByText('The guests can now see our plan.')).toBeVisible()
  await expect(share).toBeChecked()
  await expect(planPanel(ada.page)).toBeVisible()

  // G6 G8: Cy, a guest let in as a member, unfolds the host's plan and reads it, with no field to edit.
  await joinMeeting(cy, meetingId)
  const panel = planPanel(cy.page)
  await expect(panel).toContainText('Grade 5 team shows you its improvement plan, read-only.')
  await panel.getByRole('button', { name: 'Show the plan' }).click()
  const goal = panel.getByRole('region', { name: 'Goal 1' })
  await expect(goal).toContainText(GOAL)
  await expect(panel.getByRole('table', { name: 'Progress toward goal 1' })).toContainText('96')
  await expect(panel.getByRole('table', { name: 'Evidence, newest first' })).toContainText(TRIED)
  await expect(panel.getByRole('heading', { name: 'The improvement cycle' })).toBeVisible()
  await expect(panel.getByRole('textbox')).toHaveCount(0)
  await expect(panel.getByRole('combobox')).toHaveCount(0)
  await expect(panel.getByRole('button', { name: /^(Add|Move to|Remove)/ })).toHaveCount(0)
  await expect(panel.getByRole('link')).toHaveCount(0)
  expect(await seriousViolations(cy.page)).toEqual([])

  // Cy's question goes into the meeting's notes: the host team's own.
  await typeLine(cy.page, 'How did you choose the paired-reading partners?')
  await expect(notes(ada.page)).toContainText('How did you choose the paired-reading partners?')

  // G7: Ada takes the plan back; it leaves Cy's meeting page at once, the notes stay.
  await share.uncheck()
  await expect(ada.page.getByText('Our plan is no longer shown to the guests.')).toBeVisible()
  await expect(planPanel(cy.page)).toHaveCount(0)
  await expect(cy.page.getByText(GOAL)).toHaveCount(0)
  await expect(notes(cy.page)).toContainText('How did you choose the paired-reading partners?')
  expect(await seriousViolations(cy.page)).toEqual([])

  await ada.context.close()
  await cy.context.close()
})

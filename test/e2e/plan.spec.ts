import { expect, type Locator, type Page, test } from '@playwright/test'
import { call, newPerson, type Person } from './support/accounts.ts'
import { seriousViolations } from './support/axe.ts'
import { joinMeeting, notFoundHeading } from './support/people.ts'
import { addMember, createCommunity, meetingWith } from './support/setup.ts'

/** Opens the plan page and waits until it is live (the goal form for members, the goals for observers). */
async function openPlan(page: Page, communityId: string): Promise<void> {
  await page.goto(`/c/${communityId}/plan`)
  await expect(page.getByRole('heading', { level: 1, name: 'Improvement plan' })).toBeVisible()
  await expect(page.getByRole('heading', { level: 2, name: 'Goals' })).toBeVisible()
}

const goal = (page: Page, position: number): Locator => page.getByRole('region', { name: `Goal ${position}` })

/** A chart's table alternative: in the page for screen readers whether or not it is shown. */
const chartTable = (page: Page, name: string | RegExp): Locator => page.getByRole('table', { name })

async function addEvidence(
  page: Page,
  entry: { goal: string; tried: string; showed: string; value: string },
) {
  const form = page.getByRole('form', { name: 'Add evidence' })
  await form.getByLabel('Goal', { exact: true }).selectOption({ label: entry.goal })
  await form.getByLabel('What we tried').fill(entry.tried)
  await form.getByLabel('What it showed').fill(entry.showed)
  await form.getByLabel('Number').fill(entry.value)
  await form.getByRole('button', { name: 'Add evidence' }).click()
  await expect(form.getByRole('status')).toHaveText('Evidence added.')
}

test('[PL5][PR5] two members write a goal and evidence together, move the cycle, and the progress charts follow live', async ({
  browser,
}) => {
  const ada = await newPerson(browser, 'Ada Lovelace')
  const bea = await newPerson(browser, 'Bea Turner')
  const communityId = await createCommunity(ada)
  await addMember(ada, communityId, bea)

  // From the community page to the plan.
  await ada.page.goto(`/c/${communityId}`)
  await ada.page.getByRole('link', { name: 'Open the plan' }).click()
  await expect(ada.page.getByRole('heading', { level: 1, name: 'Improvement plan' })).toBeVisible()
  await openPlan(bea.page, communityId)

  // The model's limits speak through the form: a goal needs a statement.
  await ada.page.getByRole('button', { name: 'Add goal' }).click()
  await expect(ada.page.getByLabel('Goal statement')).toBeFocused()
  await expect(ada.page.getByText('Write what the goal is.')).toBeVisible()

  await ada.page.getByLabel('Goal statement').fill('Raise reading fluency in grade 5')
  await ada.page.getByLabel('Target', { exact: true }).fill('120 words a minute by June')
  await ada.page.getByRole('button', { name: 'Add goal' }).click()
  await expect(goal(ada.page, 1)).toBeVisible()

  // Bea sees it at once and adds how it is measured; Ada sees that live.
  await expect(goal(bea.page, 1).getByLabel('Statement')).toHaveValue('Raise reading fluency in grade 5')
  await goal(bea.page, 1).getByLabel('How we measure it').fill('Words correct per minute, cold read')
  await expect(goal(ada.page, 1).getByLabel('How we measure it')).toHaveValue(
    'Words correct per minute, cold read',
  )
  // A statement cleared is refused, said beside the field, and never reaches the others.
  await goal(bea.page, 1).getByLabel('Statement').fill('')
  await expect(goal(bea.page, 1).getByText('Write what the goal is.')).toBeVisible()
  await expect(goal(ada.page, 1).getByLabel('Statement')).toHaveValue('Raise reading fluency in grade 5')
  await goal(bea.page, 1).getByLabel('Statement').fill('Raise reading fluency in grade 5')
  await expect(goal(bea.page, 1).getByText('Write what the goal is.')).toHaveCount(0)

  // Bea logs evidence with a number: the goal's progress line has its first point on both screens.
  await expect(goal(ada.page, 1).getByText('No evidence with a number for this goal yet')).toBeVisible()
  await addEvidence(bea.page, {
    goal: 'Goal 1: Raise reading fluency in grade 5',
    tried: 'Paired reading three times a week',
    showed: 'Most readers gained speed',
    value: '96',
  })
  await expect(chartTable(ada.page, 'Progress toward goal 1')).toContainText('96')
  await expect(ada.page.getByRole('table', { name: 'Evidence, newest first' })).toContainText(
    'Paired reading three times a week',
  )

  // Ada moves the cycle; Bea's stepper follows, and the move is on the timeline.
  await ada.page.getByRole('button', { name: 'Move to Plan' }).click()
  await expect(bea.page.getByText('Current stage: Plan')).toBeVisible()
  await expect(bea.page.getByRole('list', { name: 'Timeline' })).toContainText('Plan from')
  await expect(bea.page.locator('[aria-current="step"]')).toContainText('Plan')
  expect(await seriousViolations(bea.page)).toEqual([])

  // Ada opens the progress page; Bea's next value reaches its chart without a reload.
  await ada.page.goto(`/c/${communityId}/progress`)
  await expect(ada.page.getByRole('heading', { level: 1, name: 'Progress' })).toBeVisible()
  const line = chartTable(ada.page, 'Progress toward “Raise reading fluency in grade 5”')
  await expect(line).toContainText('96')
  await expect(ada.page.getByText('Plan, since')).toBeVisible()
  await addEvidence(bea.page, {
    goal: 'Goal 1: Raise reading fluency in grade 5',
    tried: 'Added a fluency warm-up',
    showed: 'Speed held on harder texts',
    value: '104',
  })
  await expect(line).toContainText('104')
  await expect(line.getByRole('row')).toHaveCount(3)
  // Shown as a table to everyone on request.
  await ada.page.getByRole('button', { name: 'Show as table' }).first().click()
  await expect(line).toBeVisible()
  expect(await seriousViolations(ada.page)).toEqual([])

  await ada.context.close()
  await bea.context.close()
})

test('[PL6] an agenda item points at a goal, and evidence added from its notes links the plan and the meeting both ways', async ({
  browser,
}) => {
  const ada = await newPerson(browser, 'Ada Lovelace')
  const { communityId, meetingId } = await meetingWith(ada, [], 'Data meeting')
  await openPlan(ada.page, communityId)
  await ada.page.getByLabel('Goal statement').fill('Every student writes a full paragraph')
  await ada.page.getByRole('button', { name: 'Add goal' }).click()
  await expect(goal(ada.page, 1)).toBeVisible()

  await joinMeeting(ada, meetingId)
  await ada.page.getByRole('button', { name: 'Link to the plan for “Notes”' }).click()
  const tools = ada.page.getByRole('group', { name: 'Plan for “Notes”' })
  await tools
    .getByLabel('Goal this item works on')
    .selectOption({ label: 'Goal 1: Every student writes a full paragraph' })
  await tools.getByRole('button', { name: 'Add evidence from “Notes”' }).click()
  const dialog = ada.page.getByRole('dialog', { name: 'Evidence from “Notes”' })
  await expect(dialog.getByLabel('Goal', { exact: true })).toHaveValue(/.+/)
  await dialog.getByLabel('What we tried').fill('Sentence frames')
  await dialog.getByLabel('Number').fill('12')
  await dialog.getByRole('button', { name: 'Add evidence' }).click()
  await expect(dialog).toHaveCount(0)
  await expect(tools.getByRole('list', { name: 'Evidence recorded from “Notes”' })).toContainText(
    'Sentence frames (12)',
  )
  expect(await seriousViolations(ada.page)).toEqual([])

  // The item keeps its goal after a reload (it is in the meeting's document).
  await joinMeeting(ada, meetingId)
  await expect(tools.getByLabel('Goal this item works on')).toHaveValue(/.+/)

  // The plan's entry leads back to the meeting.
  await openPlan(ada.page, communityId)
  await expect(chartTable(ada.page, 'Progress toward goal 1')).toContainText('12')
  await ada.page
    .getByRole('table', { name: 'Evidence, newest first' })
    .getByRole('link', { name: 'Data meeting' })
    .click()
  await expect(ada.page.getByRole('heading', { level: 1, name: 'Data meeting' })).toBeVisible()

  await ada.context.close()
})

test('[PR4][PR6] a sponsor accepts an invitation, follows the network’s progress, and can open nothing else', async ({
  browser,
}) => {
  const ada = await newPerson(browser, 'Ada Lovelace')
  const sam: Person = await newPerson(browser, 'Sam Principal')
  const { communityId, meetingId } = await meetingWith(ada, [], 'Weekly PLC')
  const { network } = await call<{ network: { id: string } }>(ada.api, 'POST', '/api/networks', {
    name: 'Northside literacy network',
    communityId,
  })

  // Ada, a facilitator of a community in it, makes a sponsor link on the network page.
  await ada.page.goto(`/n/${network.id}`)
  await ada.page.getByRole('button', { name: 'Create sponsor invitation link' }).click()
  const link = await ada.page.getByLabel('Sponsor invitation link').inputValue()
  expect(await seriousViolations(ada.page)).toEqual([])

  await sam.page.goto(link)
  await expect(
    sam.page.getByRole('heading', { level: 1, name: 'Sponsor Northside literacy network' }),
  ).toBeVisible()
  expect(await seriousViolations(sam.page)).toEqual([])
  await sam.page.getByRole('button', { name: 'Become a sponsor of Northside literacy network' }).click()
  await expect(sam.page).toHaveURL(`/n/${network.id}/progress`)
  await expect(
    sam.page.getByRole('heading', { level: 1, name: 'Progress of Northside literacy network' }),
  ).toBeVisible()
  await expect(sam.page.getByRole('heading', { level: 2, name: 'Grade 5 team' })).toBeVisible()
  await expect(sam.page.getByRole('link', { name: 'Grade 5 team' })).toHaveCount(0)
  await expect(chartTable(sam.page, 'Meetings held and upcoming')).toContainText('Upcoming')
  expect(await seriousViolations(sam.page)).toEqual([])

  // The home page leads back there, and only there.
  await sam.page.goto('/')
  const sponsored = sam.page.getByRole('region', { name: 'Networks you sponsor' })
  await sponsored.getByRole('link', { name: 'Northside literacy network' }).click()
  await expect(sam.page).toHaveURL(`/n/${network.id}/progress`)

  // The community, its meetings, its plan and the network's own page stay closed.
  for (const path of [`/m/${meetingId}`, `/c/${communityId}`, `/c/${communityId}/plan`, `/n/${network.id}`]) {
    await sam.page.goto(path)
    await expect(notFoundHeading(sam.page)).toBeVisible()
  }

  await ada.context.close()
  await sam.context.close()
})

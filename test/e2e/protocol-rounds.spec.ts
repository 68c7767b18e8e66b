import { expect, type Locator, type Page, test } from '@playwright/test'
import { call, newPeople, type Person } from './support/accounts.ts'
import { addAgendaItem, agendaRow, agendaRows, itemNotes } from './support/agenda.ts'
import { seriousViolations } from './support/axe.ts'
import { joinMeeting } from './support/people.ts'
import { createCommunity, meetingWith, userIdOf } from './support/setup.ts'

/** The meeting page's "Protocol" section, where the round is shown and run. */
const round = (page: Page): Locator => page.getByRole('region', { name: 'Protocol' })

/** The name of the protocol the round shows. */
const shownProtocol = (page: Page): Locator => page.locator('.run-display__protocol')

/** The top-level blocks of one item's notes as [tag, text], without other people's caret labels. */
function blocksOf(page: Page, title: string): Promise<string[][]> {
  return itemNotes(page, title).evaluate((editor) => {
    const copy = editor.cloneNode(true) as HTMLElement
    for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove()
    return [...copy.children].map((block) => [block.tagName.toLowerCase(), block.textContent ?? ''])
  })
}

test('[F3] a facilitator links Tuning to an agenda item, starts it from there, and feedback is written under the step’s heading', async ({
  browser,
}) => {
  const [ada, bea] = await newPeople(browser, 'Ada Facilitator', 'Bea Member')
  const { meetingId } = await meetingWith(ada, [bea])
  await joinMeeting(ada, meetingId)
  await addAgendaItem(ada.page, 'Fractions task', 30)
  await joinMeeting(bea, meetingId)

  // The agenda item plans the Tuning protocol: chosen from the row's own select, seen by everyone.
  const adaLink = agendaRow(ada.page, 'Fractions task').getByRole('combobox', {
    name: 'Protocol for Fractions task',
  })
  await expect(adaLink).toHaveValue('')
  await adaLink.selectOption({ label: 'Tuning Protocol' })
  await expect(
    agendaRow(bea.page, 'Fractions task').getByRole('combobox', { name: 'Protocol for Fractions task' }),
  ).toHaveValue('tuning')
  expect(await seriousViolations(ada.page)).toEqual([])

  // The facilitator is offered to start the planned protocol for that item.
  await expect(round(ada.page).getByText('Planned on the agenda for “Fractions task”.')).toBeVisible()
  await round(ada.page).getByRole('button', { name: 'Start Tuning Protocol' }).click()
  await expect(shownProtocol(bea.page)).toHaveText('Tuning Protocol')
  for (let step = 2; step <= 6; step++) {
    await round(ada.page).getByRole('button', { name: 'Next', exact: true }).click()
    await expect(ada.page.getByText(`Step ${step} of 8`, { exact: true })).toBeVisible()
  }
  await expect(round(bea.page).getByRole('heading', { name: 'Warm and cool feedback' })).toBeVisible()

  // The heading is offered in the notes of the item the round is for, and nowhere else.
  const notesSection = (page: Page) => page.getByRole('region', { name: 'Fractions task' })
  const addHeading = bea.page.getByRole('button', { name: 'Add heading: Warm and cool feedback' })
  await expect(addHeading).toHaveCount(1)
  await expect(
    notesSection(bea.page).getByRole('button', { name: /heading: Warm and cool feedback$/ }),
  ).toBeVisible()
  // Nothing is written until someone asks.
  expect(await blocksOf(ada.page, 'Fractions task')).toEqual([['p', '']])

  // From the keyboard: the button, Enter, and the caret waits on the line under the new heading.
  await addHeading.focus()
  await bea.page.keyboard.press('Enter')
  await expect(itemNotes(bea.page, 'Fractions task')).toBeFocused()
  await bea.page.keyboard.type('Warm: the task builds on last week')
  await expect(itemNotes(bea.page, 'Fractions task')).toContainText('Warm: the task builds on last week')
  await expect
    .poll(() => blocksOf(ada.page, 'Fractions task'))
    .toEqual([
      ['h3', 'Warm and cool feedback'],
      ['p', 'Warm: the task builds on last week'],
    ])
  await expect(itemNotes(ada.page, 'Notes')).not.toContainText('Warm and cool feedback')

  // Asking again goes to the end of that heading's part instead of writing it twice.
  const goTo = ada.page.getByRole('button', { name: 'Go to heading: Warm and cool feedback' })
  await goTo.click()
  await expect(itemNotes(ada.page, 'Fractions task')).toBeFocused()
  await ada.page.keyboard.press('Enter')
  await ada.page.keyboard.type('Cool: how will we know they understood?')
  await expect
    .poll(() => blocksOf(bea.page, 'Fractions task'))
    .toEqual([
      ['h3', 'Warm and cool feedback'],
      ['p', 'Warm: the task builds on last week'],
      ['p', 'Cool: how will we know they understood?'],
    ])
  await expect(bea.page.getByRole('button', { name: 'Go to heading: Warm and cool feedback' })).toBeVisible()
  expect(await seriousViolations(bea.page)).toEqual([])

  // Once the round stops, the offer goes away.
  await round(ada.page).getByRole('button', { name: 'Stop' }).click()
  await expect(bea.page.getByRole('button', { name: /heading: Warm and cool feedback$/ })).toHaveCount(0)

  await ada.context.close()
  await bea.context.close()
})

/** Links Cy's community to Ada's in a network, and opens the meeting to network observers. */
async function openToNetworkGuest(ada: Person, communityId: string, meetingId: string, cy: Person) {
  const cyCommunity = await createCommunity(cy, 'Oak Hill Grade 5')
  const { network } = await call<{ network: { id: string } }>(ada.api, 'POST', '/api/networks', {
    name: 'Northside network',
    communityId,
  })
  const { code } = await call<{ code: string }>(ada.api, 'POST', `/api/networks/${network.id}/invites`)
  await call(cy.api, 'POST', `/api/network-invites/${code}/accept`, { communityId: cyCommunity })
  await call(ada.api, 'PUT', `/api/meetings/${meetingId}/network-access`, { guestRole: 'observer' })
}

test('[F2] a network guest sees the team’s own protocol, on the agenda and in the round, and who speaks, by name', async ({
  browser,
}) => {
  const [ada, bea, cy] = await newPeople(browser, 'Ada Facilitator', 'Bea Member', 'Cy Guest')
  const { communityId, meetingId } = await meetingWith(ada, [bea])
  await openToNetworkGuest(ada, communityId, meetingId, cy)
  const { protocol } = await call<{ protocol: { id: string } }>(
    ada.api,
    'POST',
    `/api/communities/${communityId}/protocols`,
    {
      name: 'Our reflection round',
      purpose: 'Everyone says what they take away.',
      steps: [
        {
          title: 'One thing I take away',
          minutes: 5,
          speaker: 'each',
          prompt: 'Say one thing you will try next week.',
          presenterSilent: false,
          perMember: false,
        },
      ],
    },
  )
  const [adaId, beaId] = [await userIdOf(ada), await userIdOf(bea)]
  const act = (body: unknown) => call(ada.api, 'POST', `/api/meetings/${meetingId}/run`, body)
  await act({ action: 'speakers', userIds: [beaId] })
  await act({ action: 'start', protocolId: protocol.id })

  // The guest cannot read the host community, yet the round is named in full.
  await cy.page.goto(`/m/${meetingId}/room`)
  await expect(cy.page.getByRole('heading', { level: 1, name: 'One thing I take away' })).toBeVisible()
  await expect(shownProtocol(cy.page)).toHaveText('Our reflection round')
  await expect(cy.page.getByText('Speaking now: Bea Member', { exact: true })).toBeVisible()

  // Someone joining the go-round reaches the guest by name, and so does the turn passing to them.
  await act({ action: 'speakers', userIds: [beaId, adaId] })
  await expect(
    cy.page.getByText('Speaking now: Bea Member · next: Ada Facilitator', { exact: true }),
  ).toBeVisible()
  await act({ action: 'nextSpeaker' })
  await expect(cy.page.getByText('Speaking now: Ada Facilitator', { exact: true })).toBeVisible()

  // The facilitator plans the team's protocol for an agenda item; the guest's agenda names it too.
  await joinMeeting(ada, meetingId)
  await addAgendaItem(ada.page, 'Closing reflection', 10)
  await agendaRow(ada.page, 'Closing reflection')
    .getByRole('combobox', { name: 'Protocol for Closing reflection' })
    .selectOption({ label: 'Our reflection round' })

  // The meeting page names it the same way, for a read-only guest who cannot add headings.
  await joinMeeting(cy, meetingId)
  // (A read-only row has no controls, so it is found by its title.)
  await expect(agendaRows(cy.page).filter({ hasText: 'Closing reflection' })).toContainText(
    'Protocol: Our reflection round',
  )
  await expect(shownProtocol(cy.page)).toHaveText('Our reflection round')
  await expect(round(cy.page).getByText('Speaking now: Ada Facilitator', { exact: true })).toBeVisible()
  await expect(cy.page.getByRole('button', { name: /^Add heading/ })).toHaveCount(0)
  expect(await seriousViolations(cy.page)).toEqual([])

  await ada.context.close()
  await bea.context.close()
  await cy.context.close()
})

import { expect, type Locator, type Page, test } from '@playwright/test'
import { call, newPeople, type Person } from './support/accounts.ts'
import { addAgendaItem, agendaRow, agendaRows } from './support/agenda.ts'
import { seriousViolations } from './support/axe.ts'
import { joinMeeting } from './support/people.ts'
import { createCommunity, meetingWith, userIdOf } from './support/setup.ts'

/** The meeting page's "Protocol" section, where the round is shown and run. */
const round = (page: Page): Locator => page.getByRole('region', { name: 'Protocol' })

/** The go-round as a page shows it: editable for the facilitator, a plain list for everyone else. */
const goRound = (page: Page): Locator => round(page).getByRole('region', { name: 'Go-round' })

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

test('[F4] [F7] the presenter and the go-round are named on every screen; a guest can present; the protocol’s length is checked against its item', async ({
  browser,
}) => {
  // Four screens at once (three people and a room view).
  test.slow()
  const [ada, bea, cy] = await newPeople(browser, 'Ada Facilitator', 'Bea Member', 'Cy Guest')
  const { communityId, meetingId } = await meetingWith(ada, [bea])
  await openToNetworkGuest(ada, communityId, meetingId, cy)
  const beaId = await userIdOf(bea)

  // Ada plans Tuning for a 40-minute item that Bea owns.
  await joinMeeting(ada, meetingId)
  await addAgendaItem(ada.page, 'Fractions task', 40)
  const row = agendaRow(ada.page, 'Fractions task')
  await row.getByRole('combobox', { name: 'Owner of Fractions task' }).selectOption({ label: 'Bea Member' })
  await row
    .getByRole('combobox', { name: 'Protocol for Fractions task' })
    .selectOption({ label: 'Tuning Protocol' })

  // [F7] Everyone is told that Tuning does not fit in the item, members with the one-click fix.
  const warning = 'Tuning Protocol takes 72 min; this item has 40.'
  await expect(row).toContainText(warning)
  await joinMeeting(bea, meetingId)
  await joinMeeting(cy, meetingId)
  await expect(agendaRow(bea.page, 'Fractions task')).toContainText(warning)
  const guestRow = agendaRows(cy.page).filter({ hasText: 'Fractions task' })
  await expect(guestRow).toContainText(warning)
  await expect(guestRow.getByRole('button', { name: /^Set to/ })).toHaveCount(0)

  // [F7] One Start button: the planned protocol, its item's owner as presenter.
  const panel = round(ada.page)
  await expect(panel.getByRole('button', { name: /^Start/ })).toHaveCount(1)
  await expect(panel.getByRole('button', { name: 'Start Tuning Protocol' })).toBeVisible()
  await expect(panel.getByText('Planned on the agenda for “Fractions task”.')).toBeVisible()
  const presenterSelect = panel.getByRole('combobox', { name: 'Presenter', exact: true })
  await expect(presenterSelect).toHaveValue(beaId)
  expect(await seriousViolations(ada.page)).toEqual([])

  // The go-round: the team, then the guest who is here, added by name.
  await goRound(ada.page).getByRole('button', { name: 'Add everyone' }).click()
  await expect(goRound(ada.page).getByRole('listitem')).toHaveText([/^Ada Facilitator/, /^Bea Member/])
  await goRound(ada.page).getByLabel('Add', { exact: true }).selectOption({ label: 'Cy Guest (guest)' })
  await goRound(ada.page).getByRole('button', { name: 'Add to go-round' }).click()
  // [F4] Members and guests see the same go-round, read-only.
  for (const page of [ada.page, bea.page, cy.page]) {
    await expect(goRound(page).getByRole('listitem')).toHaveText([
      /^Ada Facilitator/,
      /^Bea Member/,
      /^Cy Guest/,
    ])
  }
  await expect(goRound(bea.page).getByRole('button')).toHaveCount(0)
  await expect(goRound(cy.page).getByRole('button')).toHaveCount(0)

  await panel.getByRole('button', { name: 'Start Tuning Protocol' }).click()
  const room = await bea.context.newPage()
  await room.goto(`/m/${meetingId}/room`)
  for (const page of [ada.page, bea.page, cy.page, room]) {
    await expect(page.getByText('Presenter: Bea Member', { exact: true })).toBeVisible()
  }
  await expect(room.getByText('Speaking now: The facilitator', { exact: true })).toBeVisible()

  // The presentation step names the presenter instead of "The presenter".
  await panel.getByRole('button', { name: 'Next', exact: true }).click()
  for (const page of [ada.page, bea.page, cy.page, room]) {
    await expect(page.getByText('Speaking now: Bea Member', { exact: true })).toBeVisible()
  }
  await expect(goRound(bea.page).getByRole('listitem').first()).toHaveAttribute('aria-current', 'true')

  // [F4] The facilitator hands the presentation to the guest; every screen follows.
  await panel
    .getByRole('combobox', { name: 'Presenter', exact: true })
    .selectOption({ label: 'Cy Guest (guest)' })
  await panel.getByRole('button', { name: 'Change presenter' }).click()
  for (const page of [ada.page, bea.page, cy.page, room]) {
    await expect(page.getByText('Speaking now: Cy Guest', { exact: true })).toBeVisible()
    await expect(page.getByText('Presenter: Cy Guest', { exact: true })).toBeVisible()
  }
  expect(await seriousViolations(bea.page)).toEqual([])
  expect(await seriousViolations(cy.page)).toEqual([])
  expect(await seriousViolations(room)).toEqual([])

  // [F7] One click gives the item the protocol's length, and the warning goes away everywhere.
  await agendaRow(bea.page, 'Fractions task').getByRole('button', { name: 'Set to 72 min' }).click()
  await expect(row.getByRole('spinbutton', { name: 'Minutes for Fractions task' })).toHaveValue('72')
  await expect(row).not.toContainText('Tuning Protocol takes')
  await expect(guestRow).not.toContainText('Tuning Protocol takes')

  await ada.context.close()
  await bea.context.close()
  await cy.context.close()
})

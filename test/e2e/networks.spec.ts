import { expect, test } from '@playwright/test'
import { call, newPeople, type Person } from './support/accounts.ts'
import { seriousViolations } from './support/axe.ts'
import { joinMeeting, notes, typeLine } from './support/people.ts'
import { createCommunity, meetingWith } from './support/setup.ts'

/** A network started (through the API) from `communityId`, with a link to invite another school. */
async function networkWithInvite(owner: Person, communityId: string, name: string) {
  const { network } = await call<{ network: { id: string } }>(owner.api, 'POST', '/api/networks', {
    name,
    communityId,
  })
  const { code } = await call<{ code: string }>(owner.api, 'POST', `/api/networks/${network.id}/invites`)
  return { networkId: network.id, link: `/network-invite/${code}` }
}

test('two schools form a network, and a meeting opened to network observers can be followed, then closed', async ({
  browser,
}) => {
  const [ada, cy] = await newPeople(browser, 'Ada Lovelace', 'Cy Okafor')
  const { communityId, meetingId } = await meetingWith(ada, [], 'Targeted networking session')
  await createCommunity(cy, 'Oak Hill Grade 5')

  // Ada starts the network from her community page.
  await ada.page.goto(`/c/${communityId}`)
  await ada.page.getByRole('button', { name: 'Start a network' }).click()
  await ada.page.getByLabel('Network name').fill('Northside literacy network')
  await ada.page.getByLabel('Purpose (optional)').fill('Three schools raising reading fluency')
  await ada.page.getByRole('button', { name: 'Start network' }).click()
  await expect(ada.page).toHaveURL(/\/n\/[A-Za-z0-9_-]+$/)
  const networkPath = new URL(ada.page.url()).pathname
  await expect(ada.page.getByRole('heading', { level: 1, name: 'Northside literacy network' })).toBeVisible()

  // …and invites Cy's school with a link Cy accepts for the community Cy facilitates.
  await ada.page.getByRole('button', { name: 'Create network invitation link' }).click()
  const link = await ada.page.getByLabel('Network invitation link').inputValue()
  expect(link).toMatch(/\/network-invite\/[A-Za-z0-9_-]{10,}$/)
  await cy.page.goto(link)
  await expect(cy.page.getByLabel('Community that joins')).toHaveValue(/.+/)
  await cy.page.getByRole('button', { name: 'Join Northside literacy network' }).click()
  await expect(cy.page).toHaveURL(networkPath)
  const members = cy.page.getByRole('region', { name: /^Communities in this network/ }).getByRole('listitem')
  await expect(members).toHaveText([/Grade 5 team/, /Oak Hill Grade 5/])

  // Closed by default: Cy cannot open Ada's meeting.
  await cy.page.goto(`/m/${meetingId}`)
  await expect(cy.page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()

  // Ada opens it to network observers from the meeting page.
  await joinMeeting(ada, meetingId)
  await ada.page.getByLabel('Open to network guests').selectOption('observer')
  await expect(ada.page.getByText('Network guests can now open this meeting.')).toBeVisible()
  await typeLine(ada.page, 'Our plan: paired reading, three times a week')

  await joinMeeting(cy, meetingId)
  await expect(cy.page.getByRole('heading', { level: 1, name: 'Targeted networking session' })).toBeVisible()
  await expect(cy.page.getByText('Visiting Grade 5 team from your network')).toBeVisible()
  await expect(cy.page.getByRole('link', { name: 'Grade 5 team' })).toHaveCount(0)
  await expect(cy.page.getByText('You are following this meeting read-only.')).toBeVisible()
  await expect(notes(cy.page)).toContainText('Our plan: paired reading, three times a week')
  await expect(notes(cy.page)).toHaveAttribute('aria-readonly', 'true')

  // Closing it again takes the meeting away from the guest while it is open.
  await ada.page.getByLabel('Open to network guests').selectOption('closed')
  await expect(ada.page.getByText('Closed to network guests.')).toBeVisible()
  await expect(
    cy.page.getByRole('heading', { name: 'You no longer have access to this meeting' }),
  ).toBeVisible()
  await expect(notes(cy.page)).toHaveCount(0)

  await ada.context.close()
  await cy.context.close()
})

test('someone who facilitates no community is told how a network invitation works', async ({ browser }) => {
  const [ada, bea] = await newPeople(browser, 'Ada Lovelace', 'Bea Turner')
  const { link } = await networkWithInvite(ada, await createCommunity(ada), 'Riverside science network')
  // G2: the link names the network and who sent it, even to someone who cannot accept it.
  await bea.page.goto(link)
  await expect(
    bea.page.getByRole('heading', { level: 1, name: 'Join Riverside science network' }),
  ).toBeVisible()
  await expect(bea.page.getByText('Ada Lovelace invited your team')).toBeVisible()
  await expect(bea.page.getByText('you do not facilitate one yet')).toBeVisible()
  await expect(bea.page.getByRole('button', { name: /^Join/ })).toHaveCount(0)
  // A link that leads nowhere says so.
  await bea.page.goto('/network-invite/some-invitation-code')
  await expect(
    bea.page.getByRole('heading', { name: 'This network invitation cannot be used' }),
  ).toBeVisible()
  // Signed out, the link goes to log in first.
  await bea.context.clearCookies()
  await bea.page.goto('/network-invite/some-invitation-code')
  await expect(bea.page).toHaveURL(
    `/login?next=${encodeURIComponent('/network-invite/some-invitation-code')}`,
  )
  await ada.context.close()
  await bea.context.close()
})

test('G1 G3 G4: a guest finds the meeting opened to their network, attends it and answers the norms check', async ({
  browser,
}) => {
  const [ada, cy] = await newPeople(browser, 'Ada Lovelace', 'Cy Okafor')
  const { communityId, meetingId } = await meetingWith(ada, [], 'Targeted networking session')
  await call(ada.api, 'POST', `/api/communities/${communityId}/charter/starter`, {
    starterId: 'starter-essentials',
  })
  const { networkId, link } = await networkWithInvite(ada, communityId, 'Northside literacy network')
  await createCommunity(cy, 'Oak Hill Grade 5')

  // G2: Cy's invitation names the network and who sent it.
  await cy.page.goto(link)
  await expect(
    cy.page.getByRole('heading', { level: 1, name: 'Join Northside literacy network' }),
  ).toBeVisible()
  await expect(cy.page.getByText('Ada Lovelace invited your team')).toBeVisible()
  expect(await seriousViolations(cy.page)).toEqual([])
  await cy.page.getByRole('button', { name: 'Join Northside literacy network' }).click()
  await expect(cy.page).toHaveURL(`/n/${networkId}`)

  // Ada lets network guests take part in the meeting.
  await joinMeeting(ada, meetingId)
  await ada.page.getByLabel('Open to network guests').selectOption('member')
  await expect(ada.page.getByText('Network guests can now open this meeting.')).toBeVisible()

  // G1: Cy finds it on the home page, with where it comes from, and on the network page.
  await cy.page.goto('/')
  const invited = cy.page.getByRole('region', { name: 'Meetings you’re invited to' })
  await expect(invited.getByRole('listitem')).toContainText(['Grade 5 team · Northside literacy network'])
  expect(await seriousViolations(cy.page)).toEqual([])
  await cy.page.goto(`/n/${networkId}`)
  await expect(
    cy.page.getByRole('region', { name: 'Meetings open to the network' }).getByRole('link'),
  ).toHaveText(['Targeted networking session'])
  await cy.page.goto('/')
  await invited.getByRole('link', { name: 'Targeted networking session' }).click()
  await expect(cy.page).toHaveURL(`/m/${meetingId}`)
  await expect(notes(cy.page)).toBeVisible()

  // G3: Cy is in Ada's attendance list, as a network guest who opened the meeting.
  await ada.page.getByText('Attendance').click()
  const cyMark = ada.page.getByRole('combobox', { name: 'Attendance of Cy Okafor' })
  await expect(cyMark).toHaveValue('true')
  const cyRow = ada.page.getByRole('listitem').filter({ has: cyMark })
  await expect(cyRow).toContainText('Network guest')
  await expect(cyRow).toContainText('opened the meeting')

  // G4: Cy answers the closing norms check and is counted.
  const norm = cy.page.getByRole('group', { name: 'We start and end on time.' })
  await norm.getByRole('radio', { name: '4' }).check()
  expect(await seriousViolations(cy.page)).toEqual([])
  await cy.page.getByRole('button', { name: 'Submit ratings' }).click()
  await expect(cy.page.getByText('1 person has rated the norms.')).toBeVisible()

  await ada.context.close()
  await cy.context.close()
})

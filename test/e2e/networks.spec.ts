import { expect, test } from '@playwright/test'
import { newPerson } from './support/accounts.ts'
import { joinMeeting, notes, typeLine } from './support/people.ts'
import { createCommunity, meetingWith } from './support/setup.ts'

test('two schools form a network, and a meeting opened to network observers can be followed, then closed', async ({
  browser,
}) => {
  const ada = await newPerson(browser, 'Ada Lovelace')
  const cy = await newPerson(browser, 'Cy Okafor')
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
  await cy.page.getByRole('button', { name: 'Join the network' }).click()
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
  const ada = await newPerson(browser, 'Ada Lovelace')
  const bea = await newPerson(browser, 'Bea Turner')
  await ada.page.goto('/network-invite/some-invitation-code')
  await expect(ada.page.getByText('you do not facilitate one yet')).toBeVisible()
  await expect(ada.page.getByRole('button', { name: 'Join the network' })).toHaveCount(0)
  // Signed out, the link goes to log in first.
  await bea.context.clearCookies()
  await bea.page.goto('/network-invite/some-invitation-code')
  await expect(bea.page).toHaveURL(
    `/login?next=${encodeURIComponent('/network-invite/some-invitation-code')}`,
  )
  await ada.context.close()
  await bea.context.close()
})

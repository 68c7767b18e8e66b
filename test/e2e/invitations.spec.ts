import { expect, type Page, test } from '@playwright/test'
import { newPeople, newPerson, newVisitor, signUpWithForm } from './support/accounts.ts'
import { caretLabel, notes, notFoundHeading, paragraphs, typeLine } from './support/people.ts'
import { createCommunity } from './support/setup.ts'

const COMMUNITY = 'Maple Street Grade 5'
const MEETING = 'Weekly data meeting'

/** The meeting list of the community page (the "Scheduled:" confirmation links there too). */
const meetingInList = (page: Page, title: string) =>
  page.getByRole('region', { name: 'Meetings' }).getByRole('listitem').getByRole('link', { name: title })

test('a facilitator invites a colleague through the invite dialog; both write the same notes; an outsider gets not-found', async ({
  browser,
}) => {
  // Ada signs up and sets up her team through the pages.
  const ada = await newVisitor(browser, { permissions: ['clipboard-read', 'clipboard-write'] })
  await ada.page.goto('/signup')
  await signUpWithForm(ada.page, 'Ada Lovelace')
  await ada.page.getByLabel('Community name').fill(COMMUNITY)
  await ada.page.getByLabel('Focus (optional)').fill('Raising reading fluency in grade 5')
  await ada.page.getByRole('button', { name: 'Create community' }).click()
  await expect(ada.page).toHaveURL(/\/c\/[A-Za-z0-9_-]+$/)
  await expect(ada.page.getByRole('heading', { level: 1, name: COMMUNITY })).toBeVisible()
  await expect(ada.page.getByText('you are a facilitator')).toBeVisible()

  await ada.page.getByLabel('Title').fill(MEETING)
  await ada.page.getByRole('button', { name: 'Schedule meeting' }).click()
  await expect(ada.page.getByText(`Scheduled: ${MEETING}`)).toBeVisible()
  await expect(meetingInList(ada.page, MEETING)).toBeVisible()

  // The invite dialog: role defaults to member; the link is read from its read-only field.
  await ada.page.getByRole('button', { name: 'Invite people' }).click()
  const dialog = ada.page.getByRole('dialog', { name: `Invite people to ${COMMUNITY}` })
  await expect(dialog).toBeVisible()
  await expect(dialog.getByLabel('Role')).toHaveValue('member')
  await dialog.getByRole('button', { name: 'Create invitation link' }).click()
  const linkField = dialog.getByLabel('Invitation link', { exact: true })
  await expect(linkField).toHaveAttribute('readonly', '')
  await expect(linkField).toHaveValue(/\/invite\/[A-Za-z0-9_-]{10,}$/)
  const inviteLink = await linkField.inputValue()
  await dialog.getByRole('button', { name: 'Copy link' }).click()
  await expect(dialog.getByText('Copied', { exact: true })).toBeVisible()
  expect(await ada.page.evaluate(() => navigator.clipboard.readText())).toBe(inviteLink)
  await expect(
    dialog.getByRole('region', { name: 'Active invitation links' }).getByRole('listitem'),
  ).toHaveCount(1)
  await dialog.getByRole('button', { name: 'Close' }).click()
  await expect(dialog).toBeHidden()

  // Bea opens the link signed out, signs up from it and comes back to accept.
  const bea = await newVisitor(browser)
  await bea.page.goto(inviteLink)
  await expect(bea.page.getByRole('heading', { level: 1, name: `Join ${COMMUNITY}` })).toBeVisible()
  await expect(bea.page.getByText('as a member')).toBeVisible()
  await bea.page.getByRole('link', { name: 'Sign up to join' }).click()
  await signUpWithForm(bea.page, 'Bea Turner')
  await expect(bea.page).toHaveURL(new URL(inviteLink).pathname)
  await bea.page.getByRole('button', { name: `Join ${COMMUNITY}` }).click()
  await expect(bea.page).toHaveURL(new URL(ada.page.url()).pathname)
  await expect(bea.page.getByRole('heading', { level: 1, name: COMMUNITY })).toBeVisible()
  await expect(bea.page.getByText('you are a member')).toBeVisible()

  // Both open the meeting from the community page and write in the same notes.
  await meetingInList(bea.page, MEETING).click()
  await meetingInList(ada.page, MEETING).click()
  const meetingPath = new URL(ada.page.url()).pathname
  for (const { page } of [ada, bea]) {
    await expect(page.getByRole('heading', { level: 1, name: MEETING })).toBeVisible()
    await expect(page.getByRole('link', { name: COMMUNITY })).toBeVisible()
    await expect(notes(page)).toBeVisible()
  }
  await typeLine(ada.page, 'Fluency data: 14 of 22 on track')
  await expect(notes(bea.page)).toContainText('Fluency data: 14 of 22 on track')
  await typeLine(bea.page, 'Try paired reading for the other 8')
  await expect(notes(ada.page)).toContainText('Try paired reading for the other 8')
  await expect(caretLabel(ada.page, 'Bea Turner')).toBeVisible()
  const written = ['Fluency data: 14 of 22 on track', 'Try paired reading for the other 8']
  await expect.poll(() => paragraphs(ada.page)).toEqual(written)
  await expect.poll(() => paragraphs(bea.page)).toEqual(written)

  // Someone outside the community gets the not-found page, and never the notes.
  const cy = await newPerson(browser, 'Cy Outsider')
  await cy.page.goto(meetingPath)
  await expect(notFoundHeading(cy.page)).toBeVisible()
  await expect(notes(cy.page)).toHaveCount(0)
  await expect(cy.page.getByText(MEETING)).toHaveCount(0)

  for (const person of [ada, bea, cy]) await person.context.close()
})

test('expired-looking and unknown invitation links say so clearly', async ({ page }) => {
  await page.goto('/invite/this-is-not-a-real-code')
  await expect(
    page.getByRole('heading', { level: 1, name: 'This invitation link does not work' }),
  ).toBeVisible()
  await expect(page.getByRole('link', { name: 'Go to the start page' })).toBeVisible()
})

test('a signed-in person joins with a link and a revoked link stops working', async ({ browser }) => {
  const [ada, bea] = await newPeople(browser, 'Ada Lovelace', 'Bea Turner')
  const communityId = await createCommunity(ada, 'Oak Grade 3')
  await ada.page.goto(`/c/${communityId}`)
  await ada.page.getByRole('button', { name: 'Invite people' }).click()
  const dialog = ada.page.getByRole('dialog', { name: 'Invite people to Oak Grade 3' })
  await dialog.getByLabel('Role').selectOption('observer')
  await dialog.getByLabel('Link works for').selectOption({ label: '1 day' })
  await dialog.getByRole('button', { name: 'Create invitation link' }).click()
  const observerLink = await dialog.getByLabel('Invitation link', { exact: true }).inputValue()
  await dialog.getByLabel('Role').selectOption('member')
  await dialog.getByRole('button', { name: 'Create invitation link' }).click()
  await expect(dialog.getByLabel('Invitation link', { exact: true })).not.toHaveValue(observerLink)
  const invites = dialog.getByRole('region', { name: 'Active invitation links' }).getByRole('listitem')
  await expect(invites).toHaveCount(2)

  await bea.page.goto(observerLink)
  await expect(bea.page.getByText('as an observer')).toBeVisible()
  await bea.page.getByRole('button', { name: 'Join Oak Grade 3' }).click()
  await expect(bea.page.getByText('you are an observer')).toBeVisible()

  // Revoking the member link: whoever opens it next is told it does not work.
  await invites
    .filter({ hasText: 'Member' })
    .getByRole('button', { name: /^Revoke/ })
    .click()
  await expect(invites).toHaveCount(1)
  const memberLink = await dialog.getByLabel('Invitation link', { exact: true }).inputValue()
  // Escape closes the dialog and gives the focus back to the button that opened it.
  await ada.page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(ada.page.getByRole('button', { name: 'Invite people' })).toBeFocused()
  await bea.page.goto(memberLink)
  await expect(
    bea.page.getByRole('heading', { level: 1, name: 'This invitation link does not work' }),
  ).toBeVisible()

  await ada.context.close()
  await bea.context.close()
})

import { expect, test } from '@playwright/test'
import { newPeople, newPerson } from './support/accounts.ts'
import { joinMeeting, notes, notFoundHeading, paragraphs, presence, typeLine } from './support/people.ts'
import { meetingWith } from './support/setup.ts'

const READ_ONLY = 'You are following this meeting read-only.'

test('an observer sees the notes live but read-only, and cannot type in them', async ({ browser }) => {
  const [ada, obi] = await newPeople(browser, 'Ada Lovelace', 'Obi Principal')
  const { meetingId } = await meetingWith(ada, [{ person: obi, role: 'observer' }])
  await joinMeeting(ada, meetingId)
  await typeLine(ada.page, 'Norms reviewed by everyone')

  await joinMeeting(obi, meetingId)
  await expect(obi.page.getByText(READ_ONLY)).toBeVisible()
  await expect(notes(obi.page)).toHaveAttribute('aria-readonly', 'true')
  await expect(notes(obi.page)).toHaveAttribute('contenteditable', 'false')
  await expect(notes(obi.page)).toContainText('Norms reviewed by everyone')
  await expect(presence(ada.page)).toHaveText(['Ada Lovelace (you)', 'Obi Principal'])
  await expect(ada.page.getByText(READ_ONLY)).toHaveCount(0)

  // Clicking and typing changes nothing, here or for anyone else.
  await notes(obi.page).click()
  await obi.page.keyboard.press('ControlOrMeta+End')
  await obi.page.keyboard.type('Observer words')
  await obi.page.keyboard.press('Enter')
  expect(await paragraphs(obi.page)).toEqual(['Norms reviewed by everyone'])

  // Ada keeps writing and Obi follows along; Obi's keys never arrived anywhere.
  await typeLine(ada.page, 'Next: looking at student work')
  await expect(notes(obi.page)).toContainText('Next: looking at student work')
  const expected = ['Norms reviewed by everyone', 'Next: looking at student work']
  await expect.poll(() => paragraphs(obi.page)).toEqual(expected)
  expect(await paragraphs(ada.page)).toEqual(expected)

  await ada.context.close()
  await obi.context.close()
})

test('lowering a member to observer makes their open notes read-only at once', async ({ browser }) => {
  const [ada, bea] = await newPeople(browser, 'Ada Lovelace', 'Bea Turner')
  const { communityId, meetingId } = await meetingWith(ada, [bea])
  await joinMeeting(bea, meetingId)
  await typeLine(bea.page, 'Bea could write here')
  await expect(notes(bea.page)).toHaveAttribute('aria-readonly', 'false')

  await ada.page.goto(`/c/${communityId}`)
  await ada.page.getByLabel('Role of Bea Turner').selectOption('observer')
  await expect(ada.page.getByText('Bea Turner is now an observer.')).toBeVisible()

  await expect(bea.page.getByText(READ_ONLY)).toBeVisible()
  await expect(notes(bea.page)).toHaveAttribute('aria-readonly', 'true')
  await expect(notes(bea.page)).toContainText('Bea could write here')

  await ada.context.close()
  await bea.context.close()
})

test('removing a member (after confirming) takes the open meeting away from them', async ({ browser }) => {
  const [ada, bea] = await newPeople(browser, 'Ada Lovelace', 'Bea Turner')
  const { communityId, meetingId } = await meetingWith(ada, [bea])
  await joinMeeting(bea, meetingId)

  await ada.page.goto(`/c/${communityId}`)
  const members = ada.page.getByRole('region', { name: /^Members/ })
  await members.getByRole('button', { name: 'Remove Bea Turner' }).click()
  const confirm = ada.page.getByRole('dialog', { name: 'Remove Bea Turner?' })
  await expect(confirm).toBeVisible()
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await confirm.getByRole('button', { name: 'Remove' }).click()
  await expect(confirm).toBeHidden()
  await expect(ada.page.getByText('Bea Turner was removed from Grade 5 team.')).toBeVisible()
  await expect(members.getByRole('listitem')).toHaveCount(1)

  await expect(
    bea.page.getByRole('heading', { name: 'You no longer have access to this meeting' }),
  ).toBeVisible()
  await expect(notes(bea.page)).toHaveCount(0)
  await bea.page.reload()
  await expect(notFoundHeading(bea.page)).toBeVisible()

  await ada.context.close()
  await bea.context.close()
})

test('the last facilitator cannot step down, and the reason is shown', async ({ browser }) => {
  const [ada, bea] = await newPeople(browser, 'Ada Lovelace', 'Bea Turner')
  const { communityId } = await meetingWith(ada, [bea])
  await ada.page.goto(`/c/${communityId}`)

  await ada.page.getByLabel('Role of Ada Lovelace').selectOption('member')
  await expect(ada.page.getByRole('alert')).toHaveText(
    'A community always needs a facilitator: make someone else facilitator first.',
  )
  await expect(ada.page.getByLabel('Role of Ada Lovelace')).toHaveValue('facilitator')

  // With Bea as a second facilitator, Ada may step down.
  await ada.page.getByLabel('Role of Bea Turner').selectOption('facilitator')
  await expect(ada.page.getByText('Bea Turner is now a facilitator.')).toBeVisible()
  await ada.page.getByLabel('Role of Ada Lovelace').selectOption('member')
  await expect(ada.page.getByText('you are a member')).toBeVisible()
  await expect(ada.page.getByLabel('Role of Bea Turner')).toHaveCount(0)
  await expect(ada.page.getByRole('button', { name: 'Invite people' })).toHaveCount(0)

  await ada.context.close()
  await bea.context.close()
})

test('a member leaves a community and can no longer open it', async ({ browser }) => {
  const [ada, bea] = await newPeople(browser, 'Ada Lovelace', 'Bea Turner')
  const { communityId } = await meetingWith(ada, [bea])
  await bea.page.goto(`/c/${communityId}`)
  await expect(bea.page.getByLabel('Role of Ada Lovelace')).toHaveCount(0)

  await bea.page.getByRole('button', { name: 'Leave community' }).click()
  const confirm = bea.page.getByRole('dialog', { name: 'Leave Grade 5 team?' })
  await confirm.getByRole('button', { name: 'Leave community' }).click()
  await expect(bea.page).toHaveURL('/')
  await expect(bea.page.getByRole('region', { name: 'Your communities' })).toContainText(
    'not in a community yet',
  )
  await bea.page.goto(`/c/${communityId}`)
  await expect(notFoundHeading(bea.page)).toBeVisible()

  await ada.context.close()
  await bea.context.close()
})

test('a facilitator edits the community’s name and focus in place', async ({ browser }) => {
  const ada = await newPerson(browser, 'Ada Lovelace')
  const { communityId } = await meetingWith(ada)
  await ada.page.goto(`/c/${communityId}`)
  await ada.page.getByRole('button', { name: 'Edit name and focus' }).click()
  await expect(ada.page.getByLabel('Community name')).toBeFocused()
  await ada.page.getByLabel('Community name').fill('Grade 5 literacy team')
  await ada.page.getByLabel('Focus').fill('Reading fluency, term 2')
  await ada.page.getByRole('button', { name: 'Save' }).click()
  await expect(ada.page.getByRole('heading', { level: 1, name: 'Grade 5 literacy team' })).toBeVisible()
  await expect(ada.page.getByText('Reading fluency, term 2')).toBeVisible()
  await expect(ada.page.getByRole('button', { name: 'Edit name and focus' })).toBeFocused()
  await ada.context.close()
})

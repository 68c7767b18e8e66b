import { expect, test } from '@playwright/test'
import { newPeople } from './support/accounts.ts'
import { badge, caretLabel, joinMeeting, notes, paragraphs, presence, typeLine } from './support/people.ts'
import { meetingWith } from './support/setup.ts'

test('two people type in the same notes and see each other’s words, carets and presence', async ({
  browser,
}) => {
  const [ada, bea] = await newPeople(browser, 'Ada Lovelace', 'Bea Turner')
  const { meetingId } = await meetingWith(ada, [bea])
  await joinMeeting(ada, meetingId)
  await joinMeeting(bea, meetingId)

  await expect(ada.page.getByRole('heading', { level: 2, name: 'Notes' })).toBeVisible()
  await expect(presence(ada.page)).toHaveText(['Ada Lovelace (you)', 'Bea Turner'])
  await expect(presence(bea.page)).toHaveText(['Bea Turner (you)', 'Ada Lovelace'])

  await typeLine(ada.page, 'Norms reviewed by everyone')
  await expect(notes(bea.page)).toContainText('Norms reviewed by everyone')
  await expect(caretLabel(bea.page, 'Ada Lovelace')).toBeVisible()

  await typeLine(bea.page, 'Data protocol next week')
  await expect(notes(ada.page)).toContainText('Data protocol next week')
  await expect(caretLabel(ada.page, 'Bea Turner')).toBeVisible()
  await expect(caretLabel(bea.page, 'Ada Lovelace')).toBeVisible()

  // The same notes on both screens, in the same order.
  const written = ['Norms reviewed by everyone', 'Data protocol next week']
  await expect.poll(() => paragraphs(ada.page)).toEqual(written)
  await expect.poll(() => paragraphs(bea.page)).toEqual(written)

  await ada.context.close()
  await expect(presence(bea.page)).toHaveText(['Bea Turner (you)'])
  await bea.context.close()
})

test('notes are still there after a reload', async ({ browser }) => {
  const [ada, bea] = await newPeople(browser, 'Ada Lovelace', 'Bea Turner')
  const { meetingId } = await meetingWith(ada, [bea])
  await joinMeeting(ada, meetingId)

  await typeLine(ada.page, 'Action: share the exit tickets')
  await expect(badge(ada.page)).toHaveAttribute('data-state', 'saved')

  await ada.page.reload()
  await expect(notes(ada.page)).toContainText('Action: share the exit tickets')
  // A colleague opening the link later gets the same notes from the server.
  await joinMeeting(bea, meetingId)
  await expect(notes(bea.page)).toContainText('Action: share the exit tickets')

  await ada.context.close()
  await bea.context.close()
})

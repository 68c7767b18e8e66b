import { expect, test } from '@playwright/test'
import { newPeople } from './support/accounts.ts'
import { CollabLink } from './support/network.ts'
import { badge, joinMeeting, notes, paragraphs, presence, typeLine } from './support/people.ts'
import { meetingWith } from './support/setup.ts'

const OFFLINE_TEXT = 'Offline — changes kept on this device'

test('a dropped connection keeps typing local, then both people’s words merge on reconnect', async ({
  browser,
}) => {
  const [ada, bea] = await newPeople(browser, 'Ada Lovelace', 'Bea Turner')
  const { meetingId } = await meetingWith(ada, [bea])
  const adaLink = await CollabLink.install(ada.page)
  await joinMeeting(ada, meetingId)
  await joinMeeting(bea, meetingId)
  await typeLine(ada.page, 'Agreed before the drop')
  await expect(notes(bea.page)).toContainText('Agreed before the drop')

  await adaLink.drop()
  await expect(badge(ada.page)).toHaveAttribute('data-state', 'offline')
  await expect(badge(ada.page)).toHaveText(OFFLINE_TEXT)
  // The server noticed too: Ada is gone from Bea's list, and Ada now sees only herself.
  await expect(presence(bea.page)).toHaveText(['Bea Turner (you)'])
  await expect(presence(ada.page)).toHaveText(['Ada Lovelace (you)'])

  await typeLine(ada.page, 'Ada wrote this offline')
  await typeLine(bea.page, 'Bea kept working online')
  await expect(badge(bea.page)).toHaveAttribute('data-state', 'saved')
  // Bea's line went through the server; Ada's offline line did not reach her.
  expect(await paragraphs(bea.page)).not.toContain('Ada wrote this offline')
  expect(await paragraphs(ada.page)).not.toContain('Bea kept working online')
  await expect(badge(ada.page)).toHaveAttribute('data-state', 'offline')

  adaLink.restore()
  await expect(badge(ada.page)).toHaveAttribute('data-state', /^(live|saved)$/)
  await expect(notes(bea.page)).toContainText('Ada wrote this offline')
  await expect(notes(ada.page)).toContainText('Bea kept working online')
  const merged = await paragraphs(bea.page)
  expect(merged).toEqual(
    expect.arrayContaining(['Agreed before the drop', 'Ada wrote this offline', 'Bea kept working online']),
  )
  await expect.poll(() => paragraphs(ada.page)).toEqual(merged)
  await expect(presence(bea.page)).toHaveText(['Bea Turner (you)', 'Ada Lovelace'])

  await ada.context.close()
  await bea.context.close()
})

test('a reload while disconnected keeps what was typed, and it syncs once back online', async ({
  browser,
}) => {
  const [ada, bea] = await newPeople(browser, 'Ada Lovelace', 'Bea Turner')
  const { meetingId } = await meetingWith(ada, [bea])
  const adaLink = await CollabLink.install(ada.page)
  await joinMeeting(ada, meetingId)
  await joinMeeting(bea, meetingId)

  await adaLink.drop()
  await expect(badge(ada.page)).toHaveAttribute('data-state', 'offline')
  await typeLine(ada.page, 'Typed on the bus, no signal')

  // The route stays in place across the reload, so the page comes back still disconnected.
  await ada.page.reload()
  await expect(notes(ada.page)).toContainText('Typed on the bus, no signal')
  await expect(badge(ada.page)).toHaveAttribute('data-state', 'offline')
  expect(await paragraphs(bea.page)).not.toContain('Typed on the bus, no signal')

  adaLink.restore()
  await expect(badge(ada.page)).toHaveAttribute('data-state', /^(live|saved)$/)
  await expect(notes(bea.page)).toContainText('Typed on the bus, no signal')

  await ada.context.close()
  await bea.context.close()
})

test('a second tab on the same device shows what the first typed offline', async ({ browser }) => {
  const [ada, bea] = await newPeople(browser, 'Ada Lovelace', 'Bea Turner')
  const { meetingId } = await meetingWith(ada, [bea])
  const adaDevice = await CollabLink.install(ada.context)
  await joinMeeting(ada, meetingId)

  await adaDevice.drop()
  await expect(badge(ada.page)).toHaveAttribute('data-state', 'offline')
  await typeLine(ada.page, 'Only on this laptop for now')

  // The first tab stays open, so this copy can only come from the device's IndexedDB.
  const secondTab = await ada.context.newPage()
  await secondTab.goto(`/m/${meetingId}`)
  await expect(notes(secondTab)).toContainText('Only on this laptop for now')
  await expect(badge(secondTab)).toHaveAttribute('data-state', 'offline')

  adaDevice.restore()
  await expect(badge(secondTab)).toHaveAttribute('data-state', /^(live|saved)$/)
  await joinMeeting(bea, meetingId)
  await expect(notes(bea.page)).toContainText('Only on this laptop for now')

  await ada.context.close()
  await bea.context.close()
})

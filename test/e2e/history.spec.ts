import { expect, test } from '@playwright/test'
import { call, newPeople } from './support/accounts.ts'
import { agendaPanel } from './support/agenda.ts'
import { seriousViolations } from './support/axe.ts'
import { badge, joinMeeting, notes, typeLine } from './support/people.ts'
import { meetingWith } from './support/setup.ts'

interface Versions {
  versions: { id: string; reason: string }[]
}

test('restoring an earlier version of the notes brings the old text back on every screen', async ({
  browser,
}) => {
  const [ada, bea] = await newPeople(browser, 'Ada Lovelace', 'Bea Turner')
  const { meetingId } = await meetingWith(ada, [bea])

  await joinMeeting(ada, meetingId)
  await typeLine(ada.page, 'Original plan for Monday')
  await expect(ada.page.locator('[role="status"][data-state]')).toHaveAttribute('data-state', 'saved')
  // After a burst of editing the server keeps a version of the notes.
  await expect
    .poll(
      async () =>
        (await call<Versions>(ada.api, 'GET', `/api/meetings/${meetingId}/versions`)).versions.some(
          (v) => v.reason === 'edits',
        ),
      { timeout: 30_000 },
    )
    .toBe(true)

  await joinMeeting(ada, meetingId)
  await joinMeeting(bea, meetingId)
  await typeLine(ada.page, 'Second thoughts')
  await expect(notes(bea.page)).toContainText('Second thoughts')

  await ada.page.getByRole('button', { name: 'History' }).click()
  const dialog = ada.page.getByRole('dialog', { name: 'History of these notes' })
  await dialog
    .getByRole('listitem')
    .filter({ hasText: 'After a burst of editing' })
    .first()
    .getByRole('button', { name: /^View the version/ })
    .click()
  await expect(dialog.getByText('Original plan for Monday')).toBeVisible()
  await expect(dialog.locator('ins', { hasText: 'Second thoughts' })).toBeVisible()

  await dialog.getByRole('button', { name: 'Restore this version' }).click()
  await ada.page
    .getByRole('dialog', { name: 'Restore this version?' })
    .getByRole('button', { name: 'Restore' })
    .click()

  await expect(notes(bea.page)).not.toContainText('Second thoughts')
  await expect(notes(bea.page)).toContainText('Original plan for Monday')
  await expect(notes(ada.page)).not.toContainText('Second thoughts')

  await ada.context.close()
  await bea.context.close()
})

interface EditorVersions {
  versions: { id: string; editors: { name: string }[] }[]
}

test('[V3][V4] history names both editors, and a version compared with now shows an agenda title change', async ({
  browser,
}) => {
  const [ada, bea] = await newPeople(browser, 'Ada Lovelace', 'Bea Turner')
  const { meetingId } = await meetingWith(ada, [bea])

  await joinMeeting(ada, meetingId)
  await joinMeeting(bea, meetingId)
  await typeLine(ada.page, 'Ada was here')
  await typeLine(bea.page, 'Bea was here too')
  await typeLine(ada.page, 'Ada again')
  await expect(notes(bea.page)).toContainText('Ada again')
  await expect(badge(bea.page)).toHaveAttribute('data-state', 'saved')
  // Everyone leaves: a version is kept, naming whoever edited since the one before.
  await ada.page.goto('/')
  await bea.page.goto('/')
  await expect
    .poll(
      async () =>
        (await call<EditorVersions>(ada.api, 'GET', `/api/meetings/${meetingId}/versions`)).versions.some(
          (v) => ['Ada Lovelace', 'Bea Turner'].every((name) => v.editors.some((e) => e.name === name)),
        ),
      { timeout: 30_000 },
    )
    .toBe(true)

  await joinMeeting(ada, meetingId)
  const title = agendaPanel(ada.page).getByRole('textbox', { name: 'Item 1 title' })
  const before = await title.inputValue()
  await title.fill('Reading the data together')
  await expect(badge(ada.page)).toHaveAttribute('data-state', 'saved')

  await ada.page.getByRole('button', { name: 'History' }).click()
  const dialog = ada.page.getByRole('dialog', { name: 'History of these notes' })
  const bothEditors = dialog
    .getByRole('listitem')
    .filter({ hasText: 'Edited by' })
    .filter({ hasText: 'Ada Lovelace' })
    .filter({ hasText: 'Bea Turner' })
  await expect(bothEditors.first()).toBeVisible()
  await bothEditors
    .first()
    .getByRole('button', { name: /^View the version/ })
    .click()
  const agenda = dialog.getByRole('region', { name: 'Agenda' })
  await expect(agenda.locator('ins', { hasText: 'Reading the data together' })).toBeVisible()
  await expect(agenda.locator('del', { hasText: before })).toBeVisible()
  expect(await seriousViolations(ada.page)).toEqual([])

  await ada.context.close()
  await bea.context.close()
})

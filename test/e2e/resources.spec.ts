import { type Browser, expect, type Page, test } from '@playwright/test'
import { call, newPerson, type Person } from './support/accounts.ts'
import { seriousViolations } from './support/axe.ts'
import { joinMeeting, notes, typeLine } from './support/people.ts'
import { meetingWith } from './support/setup.ts'

/** A 1×1 PNG, as a screenshot pasted from the clipboard would be (smaller). */
const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='

/** A PDF of about `size` bytes: its header, then padding in a comment. */
function pdfOf(size: number): Buffer {
  const head = Buffer.from('%PDF-1.4\n%')
  const tail = Buffer.from('\n%%EOF\n')
  return Buffer.concat([head, Buffer.alloc(size - head.length - tail.length, 0x41), tail])
}

/** Uploads crawl at `bytesPerSecond` in this page (Chromium's own throttling), so progress can be seen. */
async function slowUploads(page: Page, bytesPerSecond: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: bytesPerSecond,
  })
}

/** Pastes an image file into the focused notes, as the clipboard of a screenshot tool would. */
async function pasteImage(page: Page, name: string): Promise<void> {
  await notes(page).evaluate(
    (editor, { base64, fileName }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
      const data = new DataTransfer()
      data.items.add(new File([bytes], fileName, { type: 'image/png' }))
      editor.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      )
    },
    { base64: PNG_BASE64, fileName: name },
  )
}

async function people(browser: Browser): Promise<[Person, Person]> {
  return Promise.all([newPerson(browser, 'Ada Lovelace'), newPerson(browser, 'Bea Turner')])
}

const resources = (page: Page) => page.getByRole('list', { name: 'Shared links and files, newest first' })

test('[RS9] an image pasted into notes is uploaded, described, and seen on the other screen', async ({
  browser,
}) => {
  const [ada, bea] = await people(browser)
  const { meetingId, communityId } = await meetingWith(ada, [bea])
  await joinMeeting(ada, meetingId)
  await joinMeeting(bea, meetingId)
  await typeLine(ada.page, 'Exit ticket from table 3:')

  await pasteImage(ada.page, 'fraction-strip.png')
  const dialog = ada.page.getByRole('dialog', { name: 'Add an image to the notes' })
  await expect(dialog).toBeVisible()
  const alt = dialog.getByLabel('Describe the image (alt text)')
  await expect(alt).toBeFocused()
  await expect(alt).toHaveValue('fraction-strip')
  // The upload runs while the description is written; the preview is the stored file.
  await expect(dialog.getByRole('img')).toBeVisible()
  expect(await seriousViolations(ada.page)).toEqual([])
  await alt.fill('Fraction strip with three quarters shaded')
  await dialog.getByRole('button', { name: 'Insert image' }).click()
  await expect(dialog).toBeHidden()

  const description = 'Fraction strip with three quarters shaded'
  for (const page of [ada.page, bea.page]) {
    const image = notes(page).getByRole('img', { name: description })
    await expect(image).toBeVisible()
    // Loaded from the server with the viewer's own session, not merely present.
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1)
    await expect(image).toHaveAttribute('src', /^\/api\/resources\/[\w-]+\/content$/)
  }
  expect(await seriousViolations(bea.page)).toEqual([])

  // The picture is one of the community's resources too.
  const list = await call<{ resources: { title: string; type: string }[] }>(
    bea.api,
    'GET',
    `/api/communities/${communityId}/resources`,
  )
  expect(list.resources).toEqual([
    expect.objectContaining({ title: 'fraction-strip.png', type: 'image/png' }),
  ])
  await ada.context.close()
  await bea.context.close()
})

test('[RS9] [RS8] a PDF uploads with visible progress and appears in the other member’s list; a cancelled one never does', async ({
  browser,
}) => {
  const [ada, bea] = await people(browser)
  const { communityId } = await meetingWith(ada, [bea])
  for (const person of [ada, bea]) {
    await person.page.goto(`/c/${communityId}`)
    await expect(person.page.getByRole('heading', { level: 2, name: 'Resources' })).toBeVisible()
  }
  await slowUploads(ada.page, 400 * 1024)
  const upload = ada.page.getByRole('form', { name: 'Upload a file' })

  // Cancelled on its way: nothing is kept.
  await upload.getByLabel('File').setInputFiles({
    name: 'draft.pdf',
    mimeType: 'application/pdf',
    buffer: pdfOf(3 * 1024 * 1024),
  })
  await upload.getByRole('button', { name: 'Upload file' }).click()
  await expect(upload.getByRole('progressbar', { name: 'Uploading draft.pdf' })).toBeVisible()
  await upload.getByRole('button', { name: 'Cancel upload' }).click()
  await expect(upload.getByRole('status')).toHaveText('Upload cancelled.')
  await expect(upload.getByRole('progressbar')).toBeHidden()

  await upload.getByLabel('File').setInputFiles({
    name: 'tuning-protocol-rubric.pdf',
    mimeType: 'application/pdf',
    buffer: pdfOf(2 * 1024 * 1024),
  })
  await upload.getByLabel('List it as (optional)').fill('Rubric for Thursday')
  await upload.getByRole('button', { name: 'Upload file' }).click()
  const bar = upload.getByRole('progressbar', { name: 'Uploading tuning-protocol-rubric.pdf' })
  await expect(bar).toBeVisible()
  await expect(upload.getByText(/Uploading tuning-protocol-rubric\.pdf: [1-9]\d?%/)).toBeVisible()
  expect(await seriousViolations(ada.page)).toEqual([])
  await expect(upload.getByRole('status')).toHaveText('Rubric for Thursday is shared.', { timeout: 20_000 })

  // Bea's page was open all along: the list follows without a reload.
  const row = resources(bea.page).getByRole('listitem').filter({ hasText: 'Rubric for Thursday' })
  await expect(row).toContainText('PDF · 2.0 MB · added by Ada Lovelace')
  await expect(resources(bea.page)).not.toContainText('draft.pdf')
  await expect(row.getByRole('link', { name: 'Rubric for Thursday' })).toHaveAttribute(
    'href',
    /^\/api\/resources\/[\w-]+\/content$/,
  )
  // Bea did not add it: no Delete for her. Ada deletes it, and it leaves Bea's list too.
  await expect(row.getByRole('button', { name: /^Delete/ })).toHaveCount(0)
  expect(await seriousViolations(bea.page)).toEqual([])
  await resources(ada.page).getByRole('button', { name: 'Delete Rubric for Thursday' }).click()
  await ada.page
    .getByRole('dialog', { name: 'Delete this resource?' })
    .getByRole('button', { name: 'Delete' })
    .click()
  await expect(resources(bea.page)).toBeHidden()
  await expect(bea.page.getByText('Nothing shared yet.')).toBeVisible()
  await ada.context.close()
  await bea.context.close()
})

test('[RS2] a link is shared from the community page; an address that is not http(s) is refused on the spot', async ({
  browser,
}) => {
  const [ada, bea] = await people(browser)
  const { communityId } = await meetingWith(ada, [{ person: bea, role: 'observer' }])
  await ada.page.goto(`/c/${communityId}`)
  const form = ada.page.getByRole('form', { name: 'Share a link' })
  await form.getByLabel('Link address').fill('javascript:alert(1)')
  await form.getByRole('button', { name: 'Share link' }).click()
  await expect(form.getByLabel('Link address')).toBeFocused()
  await expect(form.getByText('Links must be web addresses starting with http:// or https://.')).toBeVisible()
  await form.getByLabel('Link address').fill('https://www.allthingsplc.info/')
  await form.getByLabel('List it as (optional)').fill('All Things PLC')
  await form.getByRole('button', { name: 'Share link' }).click()
  await expect(resources(ada.page).getByRole('link', { name: /All Things PLC/ })).toHaveAttribute(
    'href',
    'https://www.allthingsplc.info/',
  )
  // An observer reads the list and adds nothing.
  await bea.page.goto(`/c/${communityId}`)
  await expect(resources(bea.page).getByRole('link', { name: /All Things PLC/ })).toBeVisible()
  await expect(bea.page.getByRole('form', { name: 'Upload a file' })).toHaveCount(0)
  expect(await seriousViolations(bea.page)).toEqual([])
  await ada.context.close()
  await bea.context.close()
})

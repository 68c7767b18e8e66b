import {
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  expect,
  type Page,
} from '@playwright/test'

export const PASSWORD = 'correct horse battery'

let counter = 0

/**
 * An address no other test (or earlier run on the same server) has used. The process id keeps
 * two workers signing people up in the same millisecond apart.
 */
export function uniqueEmail(name: string): string {
  const local = name.toLowerCase().replace(/[^a-z0-9]+/g, '.')
  return `${local}.${Date.now().toString(36)}.${process.pid.toString(36)}.${++counter}@school.test`
}

/** One person in their own browser profile (cookies, storage, IndexedDB), signed up and logged in. */
export interface Person {
  name: string
  email: string
  context: BrowserContext
  page: Page
  /** API calls as this person: shares the browser profile's cookies. */
  api: APIRequestContext
}

export interface Visitor {
  context: BrowserContext
  page: Page
}

/** A fresh browser profile with nobody signed in yet. */
export async function newVisitor(browser: Browser, options: BrowserContextOptions = {}): Promise<Visitor> {
  const context = await browser.newContext(options)
  const page = await context.newPage()
  return { context, page }
}

/** Fills the sign-up form (already open) as a newcomer would, and waits to be signed in. */
export async function signUpWithForm(page: Page, name: string, email = uniqueEmail(name)): Promise<string> {
  await expect(page.getByRole('heading', { level: 1, name: 'Create your Confer account' })).toBeVisible()
  await page.getByLabel('Your name').fill(name)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(accountNav(page)).toContainText(`Signed in as ${name}`)
  return email
}

/** The header's account navigation: who is signed in, "Log out", or the ways in. */
export const accountNav = (page: Page) => page.getByRole('navigation', { name: 'Account' })

/**
 * Signs someone up through the API (tests about other things need an account, not the form).
 * The session cookie lands in the browser profile, so the page is signed in too.
 */
export async function newPerson(browser: Browser, name: string): Promise<Person> {
  const { context, page } = await newVisitor(browser)
  const email = uniqueEmail(name)
  const api = context.request
  await call(api, 'POST', '/api/auth/signup', { email, name, password: PASSWORD })
  return { name, email, context, page, api }
}

/** Several people at once, each in their own browser profile: the sign-ups run side by side. */
export function newPeople<const Names extends readonly string[]>(
  browser: Browser,
  ...names: Names
): Promise<{ [K in keyof Names]: Person }> {
  return Promise.all(names.map((name) => newPerson(browser, name))) as Promise<{ [K in keyof Names]: Person }>
}

/** A JSON API call that must succeed; its answer, or an error with the server's message. */
export async function call<T = unknown>(
  api: APIRequestContext,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  data?: unknown,
): Promise<T> {
  const response = await api.fetch(path, { method, ...(data === undefined ? {} : { data }) })
  const text = await response.text()
  if (!response.ok()) throw new Error(`${method} ${path} → ${response.status()}: ${text}`)
  return (text ? JSON.parse(text) : null) as T
}

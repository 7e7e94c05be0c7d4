// `--demo` seeds a living month, so a newcomer finds a workspace in use, not empty calendars:
// checked on a server of its own (DEMO_URL), since the other specs count what they create.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, watchErrors, hydrated, demo, PASSWORD, noPageErrors, seriousAxeFindings } from './helpers.mjs';

const DEMO = process.env.DEMO_URL ?? 'http://127.0.0.1:3000';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function signIn(name) {
  const context = await browser.newContext({ baseURL: DEMO, viewport: { width: 1366, height: 850 } });
  const page = await context.newPage();
  watchErrors(page);
  await page.goto('/login');
  await hydrated(page);
  await page.fill('#login-email', demo(name));
  await page.fill('#login-password', PASSWORD);
  await page.click('#login-form button[type=submit]');
  await page.waitForURL(/\/s\/[0-9a-f]+\/home/);
  await hydrated(page);
  return page;
}

const org = (page) => new URL(page.url()).pathname.split('/')[2];

test('anna finds her month in use: events, tasks, holidays, shared calendars, contacts with photos', async () => {
  const page = await signIn('anna');
  // Home: what is next and who was added.
  await page.locator('.widget-next-events .next-events li').nth(2).waitFor();
  await page.locator('.widget-recent-contacts li').nth(2).waitFor();

  await page.goto(`/s/${org(page)}/calendar?view=week`);
  await hydrated(page);
  const calendars = await page.locator('.calendar-item .calendar-name').allTextContents();
  for (const name of ['Projects', 'Holidays (Vaud)', 'Birthdays']) {
    assert.ok(calendars.some((c) => c.startsWith(name)), `${name} in ${calendars}`);
  }
  const events = await page.locator('.timed-event').count();
  assert.ok(events >= 4, `${events} events this week`);
  await page.locator('.event-chip.task').first().waitFor();
  await page.click('.segmented button[data-view=month]');
  await page.waitForSelector('.view-frame:not(.pending) .month-grid');
  assert.ok(await page.locator('.month-grid .event-chip').count() >= 20, 'a full month');
  assert.deepEqual(await seriousAxeFindings(page), []);

  await page.goto(`/s/${org(page)}/contacts`);
  await hydrated(page);
  await page.waitForSelector('.book-item[data-book="Partners"]');
  assert.equal(await page.locator('.contact-row').count(), 8);
  const groups = await page.locator('.group-item').allTextContents();
  assert.ok(groups.some((g) => g.includes('Customers')), `${groups}`);
  await page.click('.contact-row[data-contact="Lena Brunner"]');
  await page.locator('.card[data-contact="Lena Brunner"] img.photo').waitFor();
  noPageErrors(page);
  await page.context().close();
});

test('chloé reads the organization\'s projects and writes in her team\'s Marketing calendar', async () => {
  const page = await signIn('chloe');
  await page.goto(`/s/${org(page)}/calendar?view=week`);
  await hydrated(page);
  const names = await page.locator('.calendar-item .calendar-name').allTextContents();
  assert.ok(names.some((n) => n.startsWith('Projects')), `${names}`);
  assert.ok(names.some((n) => n.startsWith('Marketing')), `${names}`);
  await page.goto(`/s/${org(page)}/contacts`);
  await hydrated(page);
  await page.click('.book-item[data-book="Partners"] .book-select');
  await page.waitForFunction(() => document.querySelectorAll('.contact-row').length === 4);
  noPageErrors(page);
  await page.context().close();
});

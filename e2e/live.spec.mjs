// Live data: what one member changes shows at once in the open tabs of those who share it,
// without a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, demo, noPageErrors } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function signedIn(name) {
  const page = await newPage(browser);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await login(page, demo(name));
  return page;
}

function orgOf(page) {
  return new URL(page.url()).pathname.split('/')[2];
}

/// Calls the REST API as the page's member.
async function api(page, method, path, data) {
  const res = await page.request.fetch(path, { method, data });
  const text = await res.text();
  assert.ok(res.ok(), `${method} ${path}: ${res.status()} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function accountId(page, org, email) {
  const members = await api(page, 'GET', `/api/v1/orgs/${org}/members`);
  return members.find((m) => m.email === email).account_id;
}

/// Marks the document, so a test can tell that it was never reloaded.
async function markDocument(page) {
  await page.evaluate(() => { window.sameDocument = true; });
}

async function stillSameDocument(page) {
  assert.equal(await page.evaluate(() => window.sameDocument), true, 'the page was reloaded');
}

function tomorrow() {
  const day = new Date(Date.now() + 86_400_000);
  return day.toISOString().slice(0, 10);
}

test('anna edits an event in a calendar shared with ben, who sees it change without a reload', async () => {
  const anna = await signedIn('anna');
  const org = orgOf(anna);
  // A calendar of this test's own, made over the API: the UI's paths have tests of their own.
  const { id: cal } = await api(anna, 'POST', `/api/v1/orgs/${org}/calendars`, { name: 'Live board' });
  const ben = await signedIn('ben');
  await ben.click('a.sidebar-link[data-app=calendar]');
  await ben.waitForSelector('.calendar-toolbar');
  await ben.click('button[data-view=agenda]');
  await markDocument(ben);

  // Shared while Ben looks: the calendar joins his list.
  const benId = await accountId(anna, org, demo('ben'));
  await api(anna, 'PUT', `/api/v1/calendars/${cal}/shares`, { grantee: { kind: 'member', id: benId }, level: 'view' });
  await ben.waitForSelector('.calendar-item:has-text("Live board")', { timeout: 5_000 });
  const day = tomorrow();
  await api(anna, 'POST', `/api/v1/calendars/${cal}/events`, {
    calendar_id: cal, title: 'Quarterly review', all_day: false,
    start: `${day}T10:00`, end: `${day}T11:00`, time_zone: 'Europe/Zurich',
  });
  await ben.waitForSelector('.agenda .event-chip:has-text("Quarterly review")', { timeout: 5_000 });

  // Anna edits it in her calendar; Ben's agenda follows.
  await anna.click('a.sidebar-link[data-app=calendar]');
  await anna.waitForSelector('.calendar-toolbar');
  await anna.click('button[data-view=agenda]');
  await anna.click('.agenda .event-chip:has-text("Quarterly review") button');
  await anna.click('.event-summary button.edit');
  await anna.waitForSelector('.event-dialog input[name=title]');
  await anna.fill('.event-dialog input[name=title]', 'Quarterly review (room 4)');
  await anna.click('.event-dialog button[type=submit]');
  await anna.waitForSelector('.event-dialog', { state: 'detached' });
  await ben.waitForSelector('.agenda .event-chip:has-text("Quarterly review (room 4)")', { timeout: 5_000 });
  assert.equal(await ben.locator('.agenda .event-chip', { hasText: 'Quarterly review' }).count(), 1);
  await stillSameDocument(ben);
  noPageErrors(anna);
  noPageErrors(ben);
  await anna.context().close();
  await ben.context().close();
});

test('anna adds and edits a contact in a book shared with ben, whose Home and card follow without a reload', async () => {
  const anna = await signedIn('anna');
  const org = orgOf(anna);
  const { id: book } = await api(anna, 'POST', `/api/v1/orgs/${org}/addressbooks`, { name: 'Live contacts' });
  // Ben is on his Home page: its newest contacts follow too.
  const ben = await signedIn('ben');
  await ben.waitForSelector('.widget-recent-contacts');
  await markDocument(ben);

  const benId = await accountId(anna, org, demo('ben'));
  await api(anna, 'PUT', `/api/v1/addressbooks/${book}/shares`, { grantee: { kind: 'member', id: benId }, level: 'view' });
  await api(anna, 'POST', `/api/v1/addressbooks/${book}/contacts`, { first: 'Ada', last: 'Lovelace' });
  await ben.waitForSelector('.widget-recent-contacts .member[data-contact="Ada Lovelace"]', { timeout: 5_000 });

  await ben.click('a.sidebar-link[data-app=contacts]');
  await ben.waitForSelector('.contacts-app .book-item');
  await ben.locator('.book-item:has-text("Live contacts") .book-select').click();
  await ben.click('.contact-row[data-contact="Ada Lovelace"]');
  await ben.waitForSelector('.card[data-contact="Ada Lovelace"]');

  await anna.click('a.sidebar-link[data-app=contacts]');
  await anna.waitForSelector('.contacts-app .book-item');
  await anna.locator('.book-item:has-text("Live contacts") .book-select').click();
  await anna.click('.contact-row[data-contact="Ada Lovelace"]');
  await anna.click('.card button.edit-contact');
  const form = anna.locator('.contact-dialog');
  await anna.waitForFunction(() => document.querySelector('.contact-dialog input[name=first]')?.value === 'Ada');
  await form.locator('input[name=organization]').fill('Analytical Engines');
  await form.locator('button[type=submit]').click();
  await anna.waitForSelector('.contact-dialog', { state: 'detached' });
  await ben.waitForSelector('.card[data-contact="Ada Lovelace"] :text("Analytical Engines")', { timeout: 5_000 });
  await stillSameDocument(ben);
  noPageErrors(anna);
  noPageErrors(ben);
  await anna.context().close();
  await ben.context().close();
});

// Files on events as a member uses them: attach with progress, open, remove; nobody outside
// the organization can fetch them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, newPage, login, demo, noPageErrors } from './helpers.mjs';

let browser;
let dir;
before(async () => {
  browser = await launch();
  dir = await mkdtemp(join(tmpdir(), 'ksuite-files-'));
});
after(async () => {
  await browser?.close();
  await rm(dir, { recursive: true, force: true });
});

async function api(page, method, path, data) {
  const res = await page.request.fetch(path, { method, data });
  const text = await res.text();
  assert.ok(res.ok(), `${method} ${path}: ${res.status()} ${text}`);
  return text ? JSON.parse(text) : null;
}

test('anna attaches a file to an event with progress, opens it and removes it; another organization gets 404', async () => {
  const anna = await newPage(browser);
  await anna.setViewportSize({ width: 1400, height: 1000 });
  await login(anna, demo('anna'));
  const org = new URL(anna.url()).pathname.split('/')[2];
  const calendars = await api(anna, 'GET', `/api/v1/orgs/${org}/calendars`);
  const cal = calendars.find((c) => c.is_default).id;
  const day = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  await api(anna, 'POST', `/api/v1/calendars/${cal}/events`, {
    calendar_id: cal, title: 'Budget review', all_day: false,
    start: `${day}T14:00`, end: `${day}T15:00`, time_zone: 'Europe/Zurich',
  });

  await anna.click('a.sidebar-link[data-app=calendar]');
  await anna.waitForSelector('.calendar-toolbar');
  await anna.click('button[data-view=agenda]');
  await anna.click('.agenda .event-chip:has-text("Budget review") button');
  await anna.click('.event-summary button.edit');
  await anna.waitForSelector('.event-dialog .attachments p:has-text("No file attached.")');

  // A file of 1.5 MB on a slow link: the bar moves while it goes up.
  const file = join(dir, 'Budget 2027.pdf');
  await writeFile(file, Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1_500_000, 7)]));
  const cdp = await anna.context().newCDPSession(anna);
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 300 * 1024,
  });
  await anna.setInputFiles('.event-dialog input[name=attachment]', file);
  await anna.waitForSelector('.attachments progress');
  const first = Number(await anna.getAttribute('.attachments progress', 'value'));
  await anna.waitForFunction((v) => {
    const p = document.querySelector('.attachments progress');
    return !p || Number(p.value) > v;
  }, first);
  const link = anna.locator('.attachment-list a', { hasText: 'Budget 2027.pdf' });
  await link.waitFor({ timeout: 20_000 });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1,
  });
  assert.equal(await anna.textContent('.attachment-list li .muted'), '1.5 MB');

  const href = await link.getAttribute('href');
  const res = await anna.request.get(href);
  assert.equal(res.status(), 200);
  assert.equal(res.headers()['content-type'], 'application/pdf');
  assert.equal((await res.body()).length, 1_500_009);
  const used = (await api(anna, 'GET', `/api/v1/orgs/${org}/storage`)).used;
  assert.ok(used >= 1_500_009, `storage counts the file: ${used}`);

  // Someone of another organization, signed in, cannot fetch it: it does not exist for them.
  const stranger = await newPage(browser);
  const email = `stranger-${Date.now()}@example.ch`;
  await api(stranger, 'POST', '/api/v1/auth/signup', { name: 'Stranger', email, password: 'long enough 42' });
  await api(stranger, 'POST', '/api/v1/auth/login', { email, password: 'long enough 42' });
  assert.equal((await stranger.request.get(href)).status(), 404);
  await stranger.context().close();

  // Removed from the dialog: gone from the list, from the quota, and from its address.
  await anna.click('.attachment-list button.remove-attachment');
  await anna.waitForSelector('.event-dialog .attachments p:has-text("No file attached.")');
  assert.equal((await api(anna, 'GET', `/api/v1/orgs/${org}/storage`)).used, used - 1_500_009);
  assert.equal((await anna.request.get(href)).status(), 404);
  noPageErrors(anna);
  await anna.context().close();
});

// The Mail app as a new user tries it: messages listed with their unread mark (and on Home's
// widget, which opens one), read in the pane (an HTML one in a frame that runs nothing and
// loads nothing remote until asked), searched with an operator, moved to another folder by
// dragging, and the move undone; a message written to a colleague offered as the name is
// typed, with a file, taken back with Undo, sent, answered from the keyboard; a draft kept as
// it is written, taken up, discarded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, demo, noPageErrors, hydrated, seriousAxeFindings } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function api(page, method, path, data, headers) {
  const res = await page.request.fetch(path, { method, data, headers });
  const text = await res.text();
  assert.ok(res.ok(), `${method} ${path}: ${res.status()} ${text}`);
  return text ? JSON.parse(text) : null;
}

// What a hostile newsletter tries: scripts, handlers, javascript: and data: links, SVG, CSS
// expressions and remote url(), meta refresh, forms, frames, <base>; and a remote pixel.
const TRAP = 'http://127.0.0.1:9';
const XSS = [
  '<script>parent.__xss = 1</script>',
  '<img src=x onerror="parent.__xss = 2">',
  '<a href="javascript:parent.__xss = 3">javascript link</a>',
  '<a href="data:text/html,<script>alert(1)</script>">data</a>',
  '<svg onload="parent.__xss = 4"><script>parent.__xss = 5</script></svg>',
  `<div style="width: expression(alert(1)); background-image: url(${TRAP}/css.png)">css</div>`,
  `<meta http-equiv="refresh" content="0;url=${TRAP}/refresh">`,
  `<form action="${TRAP}/form"><input name=p><button>send</button></form>`,
  `<iframe src="${TRAP}/frame"></iframe>`,
  `<base href="${TRAP}/">`,
  `<link rel=stylesheet href="${TRAP}/sheet.css">`,
  `<table background="${TRAP}/bg.gif"><tr><td>table</td></tr></table>`,
  `<p>Our offers</p><img src="${TRAP}/pixel.gif" width=1 height=1>`,
].join('\n');

function message(subject, from, body, html = false) {
  const type = html ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8';
  return `From: ${from}\r\nTo: anna@demo.example\r\nSubject: ${subject}\r\nContent-Type: ${type}\r\n\r\n${body}\r\n`;
}

test('a member reads, searches and moves mail; an HTML message runs and loads nothing until asked', async () => {
  const page = await newPage(browser);
  await page.setViewportSize({ width: 1400, height: 900 });
  const remote = [];
  page.on('request', (req) => {
    if (req.url().startsWith(TRAP)) remote.push(req.url());
  });
  await login(page, demo('anna'));
  const org = new URL(page.url()).pathname.split('/')[2];
  const [mailbox] = await api(page, 'GET', `/api/v1/orgs/${org}/mailboxes`);
  const folders = await api(page, 'GET', `/api/v1/mailboxes/${mailbox.id}/folders`);
  const inbox = folders.find((f) => f.role === 'inbox').id;
  const store = (raw) => api(page, 'POST', `/api/v1/mail-folders/${inbox}/messages`, raw, { 'content-type': 'message/rfc822' });
  await store(message('Budget 2027', 'Anna Keller <anna@demo.example>', 'The figures for next year.'));
  await store(message('Weekly offers', 'Shop <news@shop.example>', XSS, true));

  // Home's Unread mail widget shows them as they arrive, newest first.
  await page.waitForSelector('.widget-unread-mail .unread-latest li:first-child:has-text("Weekly offers")');
  assert.match(await page.locator('.widget-unread-mail .unread-count').first().textContent(), /^2 unread$/);

  await page.click('a.sidebar-link[data-app=mail]');
  await page.waitForURL(/\/mail$/);
  await page.waitForSelector('.mail-row.unread:has-text("Weekly offers")');
  assert.equal(await page.locator('.mail-row:not(.placeholder)').count(), 2);
  await page.getByRole('button', { name: /^Inbox ?, 2 unread$/ }).waitFor();

  await page.click('.mail-row:has-text("Weekly offers") .row-open');
  const frame = page.frameLocator('iframe.message-body');
  await frame.locator('text=Our offers').waitFor();
  await page.waitForSelector('.images-blocked');
  await page.getByRole('button', { name: /^Inbox ?, 1 unread$/ }).waitFor();
  await frame.locator('text=javascript link').click();
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__xss), undefined, 'nothing ran');
  assert.deepEqual(remote, [], 'nothing remote loaded before "Show images"');
  await page.click('.images-blocked button');
  await frame.locator('text=Our offers').waitFor();
  await page.waitForFunction(() => !document.querySelector('.images-blocked'));
  await page.waitForTimeout(300);
  assert.ok(remote.some((url) => url.endsWith('/pixel.gif')), `the pixel after asking: ${remote}`);
  assert.ok(!remote.some((url) => /css\.png|refresh|form|frame|sheet|bg\.gif/.test(url)), `only images: ${remote}`);
  assert.equal(await page.evaluate(() => window.__xss), undefined, 'still nothing ran');

  // Search with an operator.
  await page.fill('#mail-search', 'from:anna budget');
  await page.press('#mail-search', 'Enter');
  await page.waitForSelector('.message-list h1:has-text("Search results")');
  await page.waitForFunction(() => document.querySelectorAll('.mail-row:not(.placeholder)').length === 1);
  assert.match(await page.locator('.mail-row').textContent(), /Budget 2027/);
  await page.fill('#mail-search', '');
  await page.press('#mail-search', 'Enter');
  await page.waitForFunction(() => document.querySelectorAll('.mail-row:not(.placeholder)').length === 2);

  // Dragged onto Archive, it moves; Undo brings it back.
  await page.dragAndDrop('.mail-row:has-text("Budget 2027")', '.folder-select:has-text("Archive")');
  await page.waitForSelector('.toast:has-text("Moved.")');
  await page.waitForFunction(() => document.querySelectorAll('.mail-row:not(.placeholder)').length === 1);
  await page.click('.toast button.undo');
  await page.waitForFunction(() => document.querySelectorAll('.mail-row:not(.placeholder)').length === 2);

  // The one still unread is on Home; its link opens it in Mail, which reads it.
  await page.click('a.sidebar-link[data-app=home]');
  await page.click('.widget-unread-mail .unread-latest a:has-text("Budget 2027")');
  await page.waitForURL(/\/mail\?message=/);
  await page.waitForSelector('#message-subject:has-text("Budget 2027")');
  await page.getByRole('button', { name: /^Inbox$/ }).waitFor();
  noPageErrors(page);
});

test('anna writes to ben with a file and takes it back with Undo, sends it again; ben sees it arrive live and answers from the keyboard', async () => {
  const anna = await newPage(browser);
  await anna.setViewportSize({ width: 1400, height: 900 });
  await login(anna, demo('anna'));
  const org = new URL(anna.url()).pathname.split('/')[2];
  // The accounts' demo has no mail domain: add one, so every member has an address.
  const domains = await api(anna, 'GET', `/api/v1/orgs/${org}/mail-domains`);
  if (domains.length === 0) {
    await api(anna, 'POST', `/api/v1/orgs/${org}/mail-domains`, { domain: 'compose.example' });
  }
  const ben = await newPage(browser);
  await ben.setViewportSize({ width: 1400, height: 900 });
  await login(ben, demo('ben'));
  const [bensBox] = await api(ben, 'GET', `/api/v1/orgs/${org}/mailboxes`);
  await ben.goto(`/s/${org}/mail`);
  await hydrated(ben);
  await ben.waitForSelector('.message-list');

  await anna.goto(`/s/${org}/mail`);
  await hydrated(anna);
  await anna.click('button.new-message');
  // Typing a name offers colleagues; the arrows and Enter take one.
  await anna.locator('#compose-to').pressSequentially('ben');
  const offered = anna.locator(`#compose-to-suggestions .suggestion:has-text("${bensBox.address}")`);
  await offered.waitFor();
  assert.equal(await anna.getAttribute('#compose-to', 'aria-expanded'), 'true');
  assert.deepEqual(await seriousAxeFindings(anna), [], 'the form with its suggestions open');
  const at = Number((await offered.getAttribute('id')).split('-').pop());
  for (let i = 0; i <= at; i += 1) await anna.keyboard.press('ArrowDown');
  assert.equal(await anna.getAttribute('#compose-to', 'aria-activedescendant'), `compose-to-suggestion-${at}`);
  await anna.keyboard.press('Enter');
  assert.match(await anna.inputValue('#compose-to'), new RegExp(`^[^,]+ <${bensBox.address.replace(/\./g, '\\.')}>, $`));
  assert.equal(await anna.getAttribute('#compose-to', 'aria-expanded'), 'false');
  assert.equal(await anna.locator('.compose').count(), 1, 'Enter took the person, it did not send');
  await anna.fill('#compose-subject', 'Lunch on Friday?');
  await anna.fill('#compose-text', 'Shall we try the new place by the lake?');
  // A file goes up as soon as it is picked, with its progress; Send waits for it.
  await anna.setInputFiles('.compose input[type=file]', { name: 'Carte été.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 the menu') });
  await anna.waitForSelector('.compose-files li:has-text("Carte été.pdf")');
  assert.deepEqual(await seriousAxeFindings(anna), [], 'the form with a file');
  await anna.click('.compose button[type=submit]');
  await anna.waitForSelector('.toast:has-text("Message sent.")');
  assert.equal(await anna.locator('.compose').count(), 0, 'the form closes');
  // Undo: nothing went, and the form is back as it was.
  await anna.click('.toast button.undo');
  await anna.waitForSelector('.compose');
  assert.equal(await anna.inputValue('#compose-subject'), 'Lunch on Friday?');
  assert.equal(await anna.inputValue('#compose-text'), 'Shall we try the new place by the lake?');
  assert.equal(await anna.locator('.compose-files li:has-text("Carte été.pdf")').count(), 1, 'the file is back too');
  await anna.click('.compose button[type=submit]');
  await anna.waitForSelector('.toast:has-text("Message sent.")');

  // Ben's open Inbox shows it once it left (after the Undo seconds), without a reload.
  await ben.waitForSelector('.mail-row.unread:has-text("Lunch on Friday?")', { timeout: 30_000 });
  assert.equal(await ben.locator('.mail-row:has-text("Lunch on Friday?")').count(), 1, 'sent once: the taken-back one never left');
  await ben.click('.mail-row:has-text("Lunch on Friday?") .row-open');
  await ben.waitForSelector('.message h2:has-text("Lunch on Friday?")');
  assert.match(await ben.locator('.message-text').textContent(), /new place by the lake/);
  await ben.waitForSelector('.message-file:has-text("Carte été.pdf")');
  // r answers it: to Anna, "Re:", her text quoted.
  await ben.keyboard.press('r');
  await ben.waitForSelector('.compose');
  assert.equal(await ben.inputValue('#compose-subject'), 'Re: Lunch on Friday?');
  assert.match(await ben.inputValue('#compose-to'), /anna/);
  assert.match(await ben.inputValue('#compose-text'), /> Shall we try the new place by the lake\?/);
  await ben.locator('#compose-text').press('Control+Home');
  await ben.locator('#compose-text').type('Yes, 12:30. ');
  await ben.click('.compose button[type=submit]');
  await ben.waitForSelector('.toast button.undo');
  await anna.waitForSelector('.mail-row.unread:has-text("Re: Lunch on Friday?")', { timeout: 30_000 });

  // Her copy is in Sent.
  await anna.click('.folder-select:has-text("Sent")');
  await anna.waitForSelector('.mail-row:has-text("Lunch on Friday?")');
  noPageErrors(anna);
  noPageErrors(ben);
  await anna.context().close();
  await ben.context().close();
});

test('what anna writes is kept as a draft as she types and when she closes the form; she takes it up and sends it, and a discarded one is gone', async () => {
  const page = await newPage(browser);
  await page.setViewportSize({ width: 1400, height: 900 });
  await login(page, demo('anna'));
  const org = new URL(page.url()).pathname.split('/')[2];
  const domains = await api(page, 'GET', `/api/v1/orgs/${org}/mail-domains`);
  if (domains.length === 0) {
    await api(page, 'POST', `/api/v1/orgs/${org}/mail-domains`, { domain: 'compose.example' });
  }
  await page.goto(`/s/${org}/mail`);
  await hydrated(page);
  const rows = (subject) => page.locator(`.mail-row:not(.placeholder):has-text("${subject}")`);

  await page.click('button.new-message');
  await page.fill('#compose-to', 'chlo');
  await page.fill('#compose-subject', 'Offsite agenda');
  await page.fill('#compose-text', 'Day one: strategy.');
  await page.waitForSelector('.compose-saving:has-text("Draft saved")', { timeout: 15_000 });
  // Written on, then closed with ✕: saved at once.
  await page.fill('#compose-text', 'Day one: strategy. Day two: the lake.');
  await page.click('.compose-head .icon-button');
  await page.waitForSelector('.toast:has-text("Saved to Drafts.")');
  assert.equal(await page.locator('.compose').count(), 0);
  await page.click('.folder-select:has-text("Drafts")');
  await rows('Offsite agenda').first().waitFor();
  assert.equal(await rows('Offsite agenda').count(), 1, 'one draft: each save replaces it');

  // Taken up, the form is as she left it, the half-typed recipient too.
  await rows('Offsite agenda').locator('.row-open').click();
  await page.click('button.edit-draft');
  await page.waitForSelector('.compose');
  assert.equal(await page.inputValue('#compose-to'), 'chlo');
  assert.equal(await page.inputValue('#compose-text'), 'Day one: strategy. Day two: the lake.');
  await page.fill('#compose-to', 'offsite@example.org');
  await page.click('.compose button[type=submit]');
  await page.waitForSelector('.toast:has-text("Message sent.")');
  await page.waitForFunction(() => ![...document.querySelectorAll('.mail-row')].some((r) => r.textContent.includes('Offsite agenda')));

  // A message begun and discarded leaves nothing.
  await page.click('button.new-message');
  await page.fill('#compose-subject', 'Scratch');
  await page.waitForSelector('.compose-saving:has-text("Draft saved")', { timeout: 15_000 });
  await rows('Scratch').first().waitFor();
  await page.click('.compose-actions button:has-text("Discard")');
  await page.waitForSelector('.toast:has-text("Draft discarded.")');
  await page.waitForFunction(() => ![...document.querySelectorAll('.mail-row')].some((r) => r.textContent.includes('Scratch')));
  noPageErrors(page);
  await page.context().close();
});

test('the keyboard moves through the list, acts on the message open and lists its keys', async () => {
  const page = await newPage(browser);
  await page.setViewportSize({ width: 1400, height: 900 });
  await login(page, demo('chloe'));
  const org = new URL(page.url()).pathname.split('/')[2];
  const [mailbox] = await api(page, 'GET', `/api/v1/orgs/${org}/mailboxes`);
  const folders = await api(page, 'GET', `/api/v1/mailboxes/${mailbox.id}/folders`);
  const inbox = folders.find((f) => f.role === 'inbox').id;
  for (const subject of ['First', 'Second', 'Third']) {
    await api(page, 'POST', `/api/v1/mail-folders/${inbox}/messages`, message(subject, 'Dan <dan@example.org>', `${subject} text`), { 'content-type': 'message/rfc822' });
  }
  await page.goto(`/s/${org}/mail`);
  await hydrated(page);
  await page.waitForFunction(() => document.querySelectorAll('.mail-row:not(.placeholder)').length === 3);
  await page.keyboard.press('j');
  await page.waitForSelector('.message h2:has-text("Third")');
  await page.keyboard.press('j');
  await page.waitForSelector('.message h2:has-text("Second")');
  await page.keyboard.press('k');
  await page.waitForSelector('.message h2:has-text("Third")');
  await page.keyboard.press('s');
  await page.waitForSelector('.mail-row:has-text("Third") .mark.flagged');
  // e archives it (Chloé reads French: "Archivé."), and the next one opens.
  await page.keyboard.press('e');
  await page.waitForSelector('.toast:has-text("Archivé.") button.undo');
  await page.waitForSelector('.message h2:has-text("Second")');
  await page.waitForFunction(() => document.querySelectorAll('.mail-row:not(.placeholder)').length === 2);
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'mail-search');
  // Typing in a field is typing, not a shortcut.
  await page.keyboard.type('ej');
  assert.equal(await page.inputValue('#mail-search'), 'ej');
  await page.locator('#mail-search').fill('');
  await page.locator('.message-list h1').click();
  await page.keyboard.press('?');
  await page.waitForSelector('.shortcuts-dialog kbd:has-text("#")');
  assert.deepEqual(await seriousAxeFindings(page), []);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('.shortcuts-dialog'));
  noPageErrors(page);
  await page.context().close();
});

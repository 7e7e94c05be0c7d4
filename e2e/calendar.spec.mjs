// The Calendar app as a new user tries it: drag to create, edit one occurrence of a series,
// import with progress, share with a colleague, keep tasks, print.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, newPage, hydrated, login, demo, noPageErrors, shownDate } from './helpers.mjs';

let browser;
let dir;
before(async () => {
  browser = await launch();
  dir = await mkdtemp(join(tmpdir(), 'ksuite-cal-'));
});
after(async () => {
  await browser?.close();
  await rm(dir, { recursive: true, force: true });
});

async function openCalendar(page) {
  await page.click('a.sidebar-link[data-app=calendar]');
  await page.waitForURL(/\/calendar$/);
  await page.waitForSelector('.calendar-toolbar');
}

/// Steps the week or day view forward and waits until it shows the new days, so what is read
/// next is not the view before the step.
async function next(page) {
  const first = await page.locator('.day-column').first().getAttribute('data-day');
  await page.click('.calendar-toolbar button.next');
  await page.waitForFunction(
    (before) => document.querySelector('.day-column')?.dataset.day !== before,
    first,
  );
}

/// The y coordinate of a time of day in a day column of the week grid.
async function yOf(page, column, hour, minute = 0) {
  const box = await column.boundingBox();
  const hourPx = 48;
  return box.y + (hour + minute / 60) * hourPx;
}

test('dragging across the week grid creates an event there, and Home lists it next', async () => {
  const page = await newPage(browser);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await login(page, demo('anna'));
  await openCalendar(page);
  // Next week's Wednesday, so the event is still upcoming for the Home widget.
  await next(page);
  const column = page.locator('.day-column').nth(2);
  const day = await column.getAttribute('data-day');
  await column.scrollIntoViewIfNeeded();
  await page.evaluate(() => document.querySelector('.calendar-view').scrollTo(0, 8 * 48));
  const box = await column.boundingBox();
  const x = box.x + box.width / 2;
  await page.mouse.move(x, await yOf(page, column, 10));
  await page.mouse.down();
  await page.mouse.move(x, await yOf(page, column, 11), { steps: 5 });
  await page.mouse.move(x, await yOf(page, column, 11, 30), { steps: 5 });
  await page.waitForSelector('.drag-preview:has-text("10:00 – 11:30")');
  await page.mouse.up();

  await page.waitForSelector('.event-dialog');
  assert.equal(await page.inputValue('input[name=start_date]'), shownDate(day));
  assert.equal(await page.inputValue('input[name=start_time]'), '10:00');
  assert.equal(await page.inputValue('input[name=end_time]'), '11:30');
  await page.fill('input[name=title]', 'Design review');
  await page.click('.event-dialog button[type=submit]');
  await page.waitForSelector('.event-dialog', { state: 'detached' });
  const block = page.locator(`.day-column[data-day="${day}"] .timed-event:has-text("Design review")`);
  await block.waitFor();
  // Drawn from 10:00 for an hour and a half.
  const drawn = await block.boundingBox();
  assert.ok(Math.abs(drawn.height - 1.5 * 48) < 3, `height ${drawn.height}`);

  // After a reload it is still there (stored, not only drawn), in the week the address keeps.
  await page.reload();
  await hydrated(page);
  await page.waitForSelector(`.day-column[data-day="${day}"] .timed-event:has-text("Design review")`);

  await page.click('a.sidebar-link[data-app=home]');
  await page.waitForSelector('.widget .next-events :text("Design review")');
  noPageErrors(page);
  await page.context().close();
});

test('a 30-minute event in the week view shows its title, with the time beside it', async () => {
  const page = await newPage(browser);
  await page.setViewportSize({ width: 1366, height: 850 });
  await login(page, demo('chloe'));
  await openCalendar(page);
  const day = await page.locator('.day-column').nth(3).getAttribute('data-day');
  await page.click('button.new-event');
  await page.waitForSelector('.event-dialog');
  await page.fill('input[name=title]', 'Quick call with the printer');
  await page.fill('input[name=start_date]', day);
  await page.fill('input[name=start_time]', '09:00');
  // The end date follows the start date.
  assert.equal(await page.inputValue('input[name=end_date]'), shownDate(day, 'fr'));
  await page.fill('input[name=end_time]', '09:30');
  await page.click('.event-dialog button[type=submit]');
  await page.waitForSelector('.event-dialog', { state: 'detached' });
  const block = page.locator(`.day-column[data-day="${day}"] .timed-event:has-text("Quick call")`);
  await block.scrollIntoViewIfNeeded();
  const [outer, title, time] = await Promise.all([
    block.boundingBox(), block.locator('.event-title').boundingBox(), block.locator('.event-time').boundingBox(),
  ]);
  // The title is drawn inside the block (not pushed out under the time), and comes first.
  assert.ok(title.y >= outer.y - 1 && title.y + title.height <= outer.y + outer.height + 1, JSON.stringify({ outer, title }));
  assert.ok(title.width > 20, `title width ${title.width}`);
  assert.ok(time.x > title.x, 'the time follows the title');
  noPageErrors(page);
  await page.context().close();
});

test('every canton offers its holidays in a colour of their own, and weekly starts on the event\'s day', async () => {
  const page = await newPage(browser);
  await page.setViewportSize({ width: 1366, height: 850 });
  await login(page, demo('anna'));
  await openCalendar(page);
  await page.click('.calendar-sidebar button:has-text("Add a calendar")');
  const kind = page.locator('select[name=holidays]');
  const cantons = await kind.locator('option').evaluateAll((o) => o.map((e) => e.value).filter((v) => v.startsWith('CH-')));
  assert.equal(new Set(cantons).size, 26, cantons.join(' '));
  assert.equal(await page.inputValue('input[name=color]'), '#0f6fde');
  await kind.selectOption('CH-GL');
  assert.equal(await page.inputValue('input[name=color]'), '#2e7d32');
  await kind.selectOption('');
  assert.equal(await page.inputValue('input[name=color]'), '#0f6fde', 'an ordinary calendar gets its colour back');
  await page.keyboard.press('Escape');

  await page.click('button.new-event');
  await page.waitForSelector('.event-dialog');
  await page.fill('input[name=start_date]', '2027-03-03');
  await page.fill('input[name=end_date]', '2027-03-03');
  await page.selectOption('select[name=repeat]', 'weekly');
  const ticked = await page.locator('.weekday-picks input:checked').evaluateAll((i) => i.map((e) => e.parentElement.textContent.trim()));
  // 3 March 2027 is a Wednesday.
  assert.deepEqual(ticked, ['Wed']);
  noPageErrors(page);
  await page.context().close();
});

test('editing one occurrence of a weekly series changes only that one', async () => {
  const page = await newPage(browser);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await login(page, demo('ben'));
  await openCalendar(page);
  await page.click('button[data-view=month]');
  await page.click('button.new-event');
  await page.waitForSelector('.event-dialog');
  await page.fill('input[name=title]', 'Team sync');
  const monthStart = await page.locator('.month-day').nth(7).getAttribute('data-day');
  await page.fill('input[name=start_date]', monthStart);
  await page.fill('input[name=end_date]', monthStart);
  await page.selectOption('select[name=repeat]', 'weekly');
  await page.selectOption('select[name=ends]', 'count');
  await page.fill('input[name=count]', '4');
  await page.click('.event-dialog button[type=submit]');
  await page.waitForSelector('.event-dialog', { state: 'detached' });
  const chips = page.locator('.month-day .event-chip:has-text("Team sync")');
  await page.waitForFunction(() => document.querySelectorAll('.month-day .event-chip').length === 4);

  // The second occurrence: "this event" only.
  await chips.nth(1).locator('button').click();
  await page.click('.event-summary button.edit');
  await page.waitForSelector('.event-dialog input[name=title]');
  await page.fill('input[name=title]', 'Team sync (moved room)');
  await page.click('.event-dialog button[type=submit]');
  await page.waitForSelector('.scope-dialog');
  await page.click('.scope-dialog button[data-scope=this]');
  await page.waitForSelector('.event-dialog', { state: 'detached' });
  await page.waitForSelector('.month-day .event-chip:has-text("Team sync (moved room)")');
  const titles = await page.locator('.month-day .event-chip .event-title').allTextContents();
  assert.deepEqual(titles, ['Team sync', 'Team sync (moved room)', 'Team sync', 'Team sync']);
  noPageErrors(page);
  await page.context().close();
});

test('importing an .ics file shows progress, then a summary, and its events', async () => {
  const page = await newPage(browser);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await login(page, demo('chloe'));
  await openCalendar(page);
  await page.click('button[data-view=agenda]');
  const today = await page.locator('.mini-day.today').getAttribute('data-day');
  const [y, m, d] = today.split('-').map(Number);
  const at = (offset) => {
    const t = new Date(Date.UTC(y, m - 1, d + offset, 9, 0));
    return t.toISOString().replace(/[-:]/g, '').slice(0, 15) + 'Z';
  };
  // Enough events that the upload takes a moment on a throttled link.
  const events = [];
  for (let i = 0; i < 600; i++) {
    events.push(['BEGIN:VEVENT', `UID:import-${i}@example.com`, `DTSTAMP:${at(0)}`,
      `DTSTART:${at(1 + (i % 20))}`, `DTEND:${at(1 + (i % 20)).replace('T09', 'T10')}`,
      `SUMMARY:Imported ${i}`, `DESCRIPTION:${'x'.repeat(200)}`, 'END:VEVENT'].join('\r\n'));
  }
  const file = join(dir, 'import.ics');
  // One item the Calendar does not keep: skipped, with the reason in chloe's language.
  const journal = ['BEGIN:VJOURNAL', 'UID:journal-1@example.com', 'SUMMARY:Notes', 'END:VJOURNAL'].join('\r\n');
  await writeFile(file, ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...events, journal, 'END:VCALENDAR', ''].join('\r\n'));

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 100 * 1024,
  });
  await page.click('button.import-button');
  await page.setInputFiles('.import-dialog input[type=file]', file);
  await page.selectOption('.import-dialog select[name=target]', '');
  await page.fill('.import-dialog input[name=new_name]', 'Conference');
  await page.click('.import-dialog button[type=submit]');
  await page.waitForSelector('.import-dialog progress');
  const first = Number(await page.getAttribute('.import-dialog progress', 'value'));
  await page.waitForFunction((v) => {
    const p = document.querySelector('.import-dialog progress');
    return !p || Number(p.value) > v;
  }, first);
  await page.waitForSelector('.import-summary [data-count=imported]:has-text("600")');
  assert.equal(
    await page.textContent('.import-summary tr[data-code=unsupported] td:nth-child(2)'),
    'Ce type d’élément n’est pas pris en charge.',
  );
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1,
  });
  await page.click('.import-summary .dialog-actions button.primary');
  await page.waitForSelector('.calendar-item[data-calendar="Conference"]');
  await page.waitForSelector('.agenda .event-chip:has-text("Imported 0")');

  // The same file again: nothing doubles.
  await page.click('button.import-button');
  await page.setInputFiles('.import-dialog input[type=file]', file);
  await page.selectOption('.import-dialog select[name=target]', { label: 'Conference' });
  await page.click('.import-dialog button[type=submit]');
  await page.waitForSelector('.import-summary [data-count=unchanged]:has-text("600")');
  assert.match(await page.textContent('.import-summary [data-count=imported]'), /\b0\b/);
  assert.equal(await page.locator('.import-summary button.undo-import').count(), 0, 'nothing to take back');
  await page.click('.import-summary .dialog-actions button.primary');

  // One new event, imported and taken back: Undo removes what the import added.
  const one = join(dir, 'one.ics');
  const taken = ['BEGIN:VEVENT', 'UID:taken-back@example.com', `DTSTAMP:${at(0)}`, `DTSTART:${at(2)}`,
    `DTEND:${at(2).replace('T09', 'T10')}`, 'SUMMARY:Taken back', 'END:VEVENT'].join('\r\n');
  await writeFile(one, ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', taken, 'END:VCALENDAR', ''].join('\r\n'));
  await page.click('button.import-button');
  await page.setInputFiles('.import-dialog input[type=file]', one);
  await page.selectOption('.import-dialog select[name=target]', { label: 'Conference' });
  await page.click('.import-dialog button[type=submit]');
  await page.waitForSelector('.import-summary [data-count=imported]:has-text("1")');
  await page.waitForSelector('.agenda .event-chip:has-text("Taken back")');
  await page.click('.import-summary button.undo-import');
  await page.waitForSelector('.import-dialog', { state: 'detached' });
  await page.waitForSelector('.calendar-app .toast');
  await page.waitForSelector('.agenda .event-chip:has-text("Taken back")', { state: 'detached' });
  await page.waitForSelector('.agenda .event-chip:has-text("Imported 0")');
  noPageErrors(page);
  await page.context().close();
});

test('anna shares a calendar with chloe, who then sees it and its events', async () => {
  const anna = await newPage(browser);
  await anna.setViewportSize({ width: 1400, height: 1000 });
  await login(anna, demo('anna'));
  await openCalendar(anna);
  await anna.click('button[data-view=agenda]');
  await anna.click('button.new-event');
  await anna.fill('input[name=title]', 'Board meeting');
  await anna.click('.event-dialog button[type=submit]');
  await anna.waitForSelector('.agenda .event-chip:has-text("Board meeting")');

  await anna.click('.calendar-item .menu-anchor button[aria-haspopup=menu]');
  await anna.click('.menu button:has-text("Share…")');
  await anna.waitForSelector('.share-dialog :text("Not shared yet.")');
  await anna.selectOption('.share-dialog select[name=grantee]', { label: 'Chloé Dubois <chloe@demo.example>' });
  await anna.click('.share-dialog button[type=submit]');
  await anna.waitForSelector('.share-dialog .share-list li:has-text("Chloé Dubois")');
  noPageErrors(anna);
  await anna.context().close();

  const chloe = await newPage(browser);
  await chloe.setViewportSize({ width: 1400, height: 1000 });
  await login(chloe, demo('chloe'));
  await openCalendar(chloe);
  await chloe.click('button[data-view=agenda]');
  await chloe.waitForSelector('.calendar-item:has-text("Anna Keller")');
  await chloe.waitForSelector('.agenda .event-chip:has-text("Board meeting")');
  // "Can view": the dialog opens read-only.
  await chloe.click('.agenda .event-chip:has-text("Board meeting") button');
  // Not hers to change: the card offers the details, not deletion.
  await chloe.waitForSelector('.event-summary');
  assert.equal(await chloe.locator('.event-summary button.delete').count(), 0);
  await chloe.click('.event-summary button.edit');
  await chloe.waitForSelector('.event-dialog fieldset[disabled]');
  assert.equal(await chloe.locator('.event-dialog button[type=submit]').count(), 0);
  noPageErrors(chloe);
  await chloe.context().close();
});

test('ben makes a team in the Manager and shares his calendar with it; chloe, in it, may write', async () => {
  const ben = await newPage(browser);
  await ben.setViewportSize({ width: 1400, height: 1000 });
  await login(ben, demo('ben'));
  await ben.click('a.sidebar-link[data-app=manager]');
  await ben.waitForSelector('.teams .team-new');
  await ben.fill('.team-new input[name=team_name]', 'Design');
  await ben.click('.team-new button[type=submit]');
  const team = ben.locator('.team[data-team="Design"]');
  await team.waitFor();
  await team.locator('select[name=member]').selectOption({ label: 'Chloé Dubois <chloe@demo.example>' });
  await team.locator('.team-add button[type=submit]').click();
  await ben.waitForSelector('.team[data-team="Design"] .team-members li:has-text("Chloé Dubois")');
  // A second team of the same name, in other case, is refused with a clear message (Ben reads
  // German).
  await ben.fill('.team-new input[name=team_name]', 'design');
  await ben.click('.team-new button[type=submit]');
  await ben.waitForSelector('.teams .form-error:has-text("Ein Team mit diesem Namen gibt es bereits")');

  await openCalendar(ben);
  await ben.click('.calendar-item .menu-anchor button[aria-haspopup=menu]');
  await ben.click('.menu button[data-action=share]');
  await ben.waitForSelector('.share-dialog');
  await ben.selectOption('.share-dialog select[name=grantee]', { label: 'Team: Design' });
  await ben.selectOption('.share-add select:not([name])', 'modify');
  await ben.click('.share-dialog button[type=submit]');
  await ben.waitForSelector('.share-dialog .share-list li[data-grantee="Team: Design"]');
  noPageErrors(ben);
  await ben.context().close();

  const chloe = await newPage(browser);
  await chloe.setViewportSize({ width: 1400, height: 1000 });
  await login(chloe, demo('chloe'));
  await openCalendar(chloe);
  await chloe.waitForSelector('.calendar-item:has-text("Ben Meier")');
  await chloe.click('button[data-view=agenda]');
  await chloe.click('button.new-event');
  await chloe.waitForSelector('.event-dialog');
  await chloe.selectOption('.event-dialog select[name=calendar]', { label: 'Ben Meier' });
  await chloe.fill('input[name=title]', 'Mood board');
  await chloe.click('.event-dialog button[type=submit]');
  await chloe.waitForSelector('.event-dialog', { state: 'detached' });
  await chloe.waitForSelector('.agenda .event-chip:has-text("Mood board")');
  noPageErrors(chloe);
  await chloe.context().close();
});

test('an event moves by dragging it and grows by dragging its lower edge', async () => {
  const page = await newPage(browser);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await login(page, demo('ben'));
  await openCalendar(page);
  await page.click('button[data-view=week]');
  await next(page);
  await next(page);
  const days = await page.locator('.day-column').evaluateAll((cols) => cols.map((c) => c.dataset.day));
  const [from, to] = [days[1], days[2]];
  await page.click('button.new-event');
  await page.waitForSelector('.event-dialog');
  await page.fill('input[name=title]', 'Drag me');
  await page.fill('input[name=start_date]', from);
  await page.fill('input[name=start_time]', '14:00');
  await page.fill('input[name=end_date]', from);
  await page.fill('input[name=end_time]', '15:00');
  await page.click('.event-dialog button[type=submit]');
  await page.waitForSelector('.event-dialog', { state: 'detached' });

  const event = (day) => page.locator(`.day-column[data-day="${day}"] .timed-event:has-text("Drag me")`);
  await event(from).waitFor();
  await page.evaluate(() => document.querySelector('.calendar-view').scrollTo(0, 12 * 48));
  // One column to the right and one hour down.
  const box = await event(from).boundingBox();
  const column = await page.locator(`.day-column[data-day="${from}"]`).boundingBox();
  const [x, y] = [box.x + box.width / 2, box.y + 10];
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + column.width / 2, y + 24, { steps: 5 });
  await page.mouse.move(x + column.width, y + 48, { steps: 5 });
  await page.mouse.up();
  await event(to).waitFor();
  assert.equal(await event(to).locator('.event-time').textContent(), '15:00');
  assert.equal(await event(from).count(), 0);

  // Half an hour longer by its lower edge.
  const handle = await event(to).locator('.resize-handle').boundingBox();
  const [hx, hy] = [handle.x + handle.width / 2, handle.y + handle.height / 2];
  await page.mouse.move(hx, hy);
  await page.mouse.down();
  await page.mouse.move(hx, hy + 12, { steps: 3 });
  await page.mouse.move(hx, hy + 24, { steps: 3 });
  await page.mouse.up();
  await page.waitForFunction((day) => {
    const el = [...document.querySelectorAll(`.day-column[data-day="${day}"] .timed-event`)]
      .find((e) => e.textContent.includes('Drag me'));
    return el && Math.abs(el.getBoundingClientRect().height - 1.5 * 48) < 3;
  }, to);

  // Stored: after a reload (of the same week, which the address keeps) the dialog shows the
  // new times.
  await page.reload();
  await hydrated(page);
  await event(to).waitFor();
  await event(to).press('Enter');
  await page.click('.event-summary button.edit');
  await page.waitForFunction(() => document.querySelector('.event-dialog input[name=title]')?.value === 'Drag me');
  assert.equal(await page.inputValue('input[name=start_date]'), shownDate(to, 'de'));
  assert.equal(await page.inputValue('input[name=start_time]'), '15:00');
  assert.equal(await page.inputValue('input[name=end_time]'), '16:30');
  noPageErrors(page);
  await page.context().close();
});

test('the mini month jumps to a day, and display settings change the grid and are kept', async () => {
  const page = await newPage(browser);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await login(page, demo('dan'));
  await openCalendar(page);
  await page.click('button[data-view=day]');
  // The 15th of next month, picked in the mini month.
  await page.click('.mini-month-head button:last-child');
  const target = await page.evaluate(() => {
    const days = [...document.querySelectorAll('.mini-day:not(.outside)')];
    return days.find((b) => b.textContent.trim() === '15').dataset.day;
  });
  // Named by the date in the member's language, never ISO.
  assert.match(await page.getAttribute(`.mini-day[data-day="${target}"]`, 'aria-label'), /^\w+ 15 \w+ \d{4}$/);
  await page.click(`.mini-day[data-day="${target}"]`);
  await page.waitForSelector(`.day-column[data-day="${target}"]`);
  assert.equal(await page.locator('.day-column').count(), 1);
  assert.ok(await page.locator(`.mini-day.selected[data-day="${target}"]`).isVisible());

  // Week from Sunday, no weekends, a 12-hour clock, hours 07:00 to 19:00.
  await page.click('button[data-view=week]');
  await page.waitForFunction(() => document.querySelectorAll('.day-column').length === 7);
  await page.click('.calendar-toolbar button.settings');
  await page.waitForSelector('.settings-dialog');
  await page.selectOption('.settings-dialog select[name=week_start]', '7');
  await page.selectOption('.settings-dialog select[name=day_start]', '7');
  await page.selectOption('.settings-dialog select[name=day_end]', '19');
  await page.uncheck('.settings-dialog input[name=show_weekends]');
  await page.check('.settings-dialog input[name=hour12]');
  await page.click('.settings-dialog button[type=submit]');
  await page.waitForSelector('.settings-dialog', { state: 'detached' });
  const check = async () => {
    await page.waitForFunction(() => document.querySelectorAll('.day-column').length === 5);
    const weekdays = await page.locator('.day-column').evaluateAll((cols) =>
      cols.map((c) => new Date(`${c.dataset.day}T12:00:00Z`).getUTCDay()));
    assert.deepEqual(weekdays, [1, 2, 3, 4, 5]);
    const hours = await page.locator('.hour-label').allTextContents();
    assert.equal(hours[0], '7:00 AM');
    assert.equal(hours.length, 12);
    const mini = await page.locator('.mini-month thead th').allTextContents();
    assert.equal(mini.length, 7);
  };
  await check();
  await page.reload();
  await hydrated(page);
  await page.click('button[data-view=week]');
  await check();
  // Sunday first shows in the mini month's head when weekends are back.
  await page.click('.calendar-toolbar button.settings');
  await page.check('.settings-dialog input[name=show_weekends]');
  await page.click('.settings-dialog button[type=submit]');
  await page.waitForFunction(() => document.querySelectorAll('.day-column').length === 7);
  const first = await page.locator('.day-column').first().getAttribute('data-day');
  assert.equal(new Date(`${first}T12:00:00Z`).getUTCDay(), 0);
  noPageErrors(page);
  await page.context().close();
});

test('a task with a due date is added to a task list, ticked off, and shown on its day', async () => {
  const page = await newPage(browser);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await login(page, demo('anna'));
  await openCalendar(page);
  await next(page);
  const day = await page.locator('.day-column').nth(3).getAttribute('data-day');

  await page.click('.calendar-sidebar button[data-view=tasks]');
  const list = page.locator('.task-list').first();
  await list.locator('button.new-task').click();
  await page.waitForSelector('.task-dialog');
  await page.fill('.task-dialog input[name=title]', 'Send the offer');
  await page.fill('.task-dialog input[name=due_date]', day);
  await page.selectOption('.task-dialog select[name=priority]', '1');
  await page.click('.task-dialog button[type=submit]');
  await page.waitForSelector('.task-dialog', { state: 'detached' });
  const row = list.locator('.task[data-title="Send the offer"]');
  await row.waitFor();
  assert.equal(await row.locator('.badge').textContent(), 'High');

  // Ticked off in the list; still done after a reload.
  await row.locator('input[type=checkbox]').check();
  await page.waitForSelector('.task.done[data-title="Send the offer"]');
  await page.reload();
  await hydrated(page);
  await page.click('.calendar-sidebar button[data-view=tasks]');
  await page.waitForSelector('.task.done[data-title="Send the offer"] input:checked');

  // On its due day in the week view (the week looked at before, kept in the address), marked
  // as a done task, and it opens in the task dialog.
  await page.click('.calendar-toolbar [data-view=week]');
  const chip = page.locator('.event-chip.task.done:has-text("Send the offer")');
  await chip.waitFor();
  await chip.locator('button').click();
  await page.waitForSelector('.task-dialog');
  await page.waitForFunction(() => document.querySelector('.task-dialog input[name=title]')?.value === 'Send the offer');
  assert.equal(await page.inputValue('.task-dialog input[name=due_date]'), shownDate(day));
  assert.ok(await page.isChecked('.task-dialog input[name=done]'));
  noPageErrors(page);
  await page.context().close();
});

test('a meeting link comes from the video address an administrator sets in the Manager', async () => {
  const page = await newPage(browser);
  await login(page, demo('anna'));
  const generated = async () => {
    await openCalendar(page);
    await page.click('button.new-event');
    await page.waitForSelector('.event-dialog');
    await page.click('.event-dialog button.video-link');
    await page.waitForFunction(() => document.querySelector('.event-dialog input[name=video_url]')?.value);
    const link = await page.inputValue('.event-dialog input[name=video_url]');
    await page.keyboard.press('Escape');
    return link;
  };
  assert.match(await generated(), /^https:\/\/meet\.jit\.si\/ksuite-[0-9a-f]{24}$/);

  const setAddress = async (value, outcome) => {
    await page.click('a.sidebar-link[data-app=manager]');
    await page.waitForSelector('.org-settings input[name=video_base_url]');
    await page.fill('.org-settings input[name=video_base_url]', value);
    await page.click('.org-settings button[type=submit]');
    await page.waitForSelector(outcome);
  };
  await setAddress('https://kmeet.example/?room', '.org-settings .form-error:has-text("without ? or #")');
  await setAddress('https://kmeet.example/', '.org-settings [role=status]:has-text("Saved")');
  assert.match(await generated(), /^https:\/\/kmeet\.example\/ksuite-/);
  await setAddress('https://meet.jit.si', '.org-settings [role=status]:has-text("Saved")');
  noPageErrors(page);
  await page.context().close();
});

test('the print view shows the calendar without the app chrome', async () => {
  const page = await newPage(browser);
  await login(page, demo('anna'));
  await openCalendar(page);
  await page.click('button[data-view=month]');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('.calendar-sidebar'), false);
  assert.equal(await page.isVisible('nav.sidebar'), false);
  assert.equal(await page.isVisible('.month-grid'), true);
  const pdf = await page.pdf({ format: 'A4', landscape: true });
  assert.ok(pdf.length > 10_000, `pdf of ${pdf.length} bytes`);
  noPageErrors(page);
  await page.context().close();
});

test('the calendar code is fetched only when a calendar is shown, and a calendar page hydrates with it', async () => {
  const chunks = [];
  const recordChunks = (p) =>
    p.on('request', (r) => {
      if (/\/pkg\/[^/]+\/split_[^/]+\.wasm$/.test(new URL(r.url()).pathname)) chunks.push(r.url());
    });
  const page = await newPage(browser);
  recordChunks(page);
  await login(page, demo('anna'));
  assert.deepEqual(chunks, [], 'Home loaded an app chunk');

  // Pointing at the link starts the fetch, so the click finds the code there.
  const fetched = page.waitForRequest(/split_calendar_chunk_.*\.wasm$/);
  await page.hover('a.sidebar-link[data-app=calendar]');
  await fetched;
  await openCalendar(page);
  assert.equal(chunks.length, 1);

  // A calendar page loaded directly gets the chunk before hydration and is interactive.
  const direct = await newPage(browser);
  recordChunks(direct);
  await direct.context().addCookies(await page.context().cookies());
  await direct.goto(page.url());
  await hydrated(direct);
  assert.equal(chunks.length, 2, 'the chunk was not fetched once for the direct load');
  assert.match(chunks[1], /split_calendar_chunk_/);
  await direct.click('.calendar-toolbar .next');
  await direct.click('button.new-event');
  await direct.waitForSelector('.event-dialog');
  noPageErrors(direct);
  noPageErrors(page);
  await direct.context().close();
  await page.context().close();
});

// Moving around the calendar: the address keeps the view and the day, the keyboard shortcuts
// Google Calendar users know, and a week that opens on working hours with a current-time line
// and headers that stay while the hours scroll.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newPage, hydrated, login, demo, noPageErrors, watchErrors, seriousAxeFindings } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function calendarPage(viewport = { width: 1366, height: 850 }) {
  const page = await newPage(browser);
  await page.setViewportSize(viewport);
  await login(page, demo('anna'));
  return page;
}

/// The calendar at `query` (`?view=…&date=…`), loaded cold, hydrated.
async function openAt(page, query) {
  const org = new URL(page.url()).pathname.split('/')[2];
  await page.goto(`/s/${org}/calendar${query}`);
  await hydrated(page);
  await page.waitForSelector('.calendar-toolbar');
}

/// Makes an event with the "n" shortcut (at 09:00 on the day in view), `fields` filled in.
async function makeEvent(page, title, fields = {}) {
  await page.keyboard.press('n');
  await page.waitForSelector('.event-dialog');
  await page.fill('input[name=title]', title);
  for (const [name, value] of Object.entries(fields)) await page.fill(`input[name=${name}]`, value);
  await page.click('.event-dialog button[type=submit]');
  await page.waitForSelector('.event-dialog', { state: 'detached' });
}

const title = (page) => page.locator('.calendar-title').textContent();
const pressed = (page) => page.locator('.segmented button[aria-pressed=true]').getAttribute('data-view');

test('the view and the day live in the address and survive a reload', async () => {
  const page = await calendarPage();
  await openAt(page, '');
  await page.click('.segmented button[data-view=month]');
  await page.waitForSelector('.month-grid');
  await page.click('.calendar-toolbar button.next');
  await page.waitForURL(/view=month&date=\d{4}-\d{2}-\d{2}/);
  const shown = await title(page);
  const date = new URL(page.url()).searchParams.get('date');

  await page.reload();
  await hydrated(page);
  await page.waitForSelector('.month-grid');
  assert.equal(await title(page), shown);
  assert.equal(await pressed(page), 'month');
  assert.equal(new URL(page.url()).searchParams.get('date'), date);

  // A link to a day opens that day; a garbled one falls back to the week of today.
  await openAt(page, '?view=day&date=2027-03-15');
  assert.equal(await page.locator('.day-column').getAttribute('data-day'), '2027-03-15');
  await openAt(page, '?view=nonsense&date=yesterday');
  assert.equal(await pressed(page), 'week');

  // Every dated view hydrates on a cold load of its address.
  for (const view of ['day', '3days', 'week', 'month', 'agenda']) {
    await openAt(page, `?view=${view}&date=2027-03-15`);
    assert.equal(await pressed(page), view);
  }
  // The task lists and the trash are passed through: a reload returns to the last dated view.
  await page.click('.calendar-sidebar button[data-view=tasks]');
  await page.waitForSelector('section.tasks');
  await page.reload();
  await hydrated(page);
  assert.equal(await pressed(page), 'agenda');
  noPageErrors(page);
});

test('keyboard shortcuts change the view, move, go to today, create, and list themselves', async () => {
  const page = await calendarPage();
  await openAt(page, '?view=week&date=2027-03-15');
  await page.keyboard.press('d');
  await page.waitForSelector('.segmented button[data-view=day][aria-pressed=true]');
  await page.keyboard.press('j');
  await page.waitForFunction(() => document.querySelector('.day-column')?.dataset.day === '2027-03-16');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('k');
  await page.waitForFunction(() => document.querySelector('.day-column')?.dataset.day === '2027-03-14');
  await page.keyboard.press('m');
  await page.waitForSelector('.month-grid');
  await page.keyboard.press('a');
  await page.waitForSelector('.segmented button[data-view=agenda][aria-pressed=true]');
  await page.keyboard.press('t');
  await page.waitForFunction(() => !new URL(location.href).searchParams.get('date')?.startsWith('2027-03'));

  await page.keyboard.press('?');
  const list = page.locator('.shortcuts-dialog');
  await list.waitFor();
  assert.equal(await list.locator('dt').count(), 9);
  assert.deepEqual(await seriousAxeFindings(page), []);
  await page.keyboard.press('Escape');
  await list.waitFor({ state: 'detached' });

  // In a form, letters are typed, not obeyed.
  await page.keyboard.press('w');
  await page.waitForSelector('.segmented button[data-view=week][aria-pressed=true]');
  await page.keyboard.press('n');
  await page.waitForSelector('.event-dialog');
  await page.fill('input[name=title]', '');
  await page.keyboard.type('dm');
  assert.equal(await page.inputValue('input[name=title]'), 'dm');
  assert.equal(await pressed(page), 'week');
  noPageErrors(page);
});

/// Where an element is, in the calendar's scrolling view: its top edge below the view's top.
async function topInView(page, selector) {
  return page.evaluate((selector) => {
    const view = document.querySelector('.calendar-view').getBoundingClientRect();
    return document.querySelector(selector).getBoundingClientRect().top - view.top;
  }, selector);
}

test('the week opens on working hours, shows now as a line, and keeps its headers while scrolling', async () => {
  const page = await calendarPage();
  // A week without today opens at the start of the working day (08:00 by default).
  await openAt(page, '?view=week&date=2027-03-15');
  await page.waitForFunction(() => document.querySelector('.calendar-view').scrollTop > 0);
  const covered = await page.evaluate(() => document.querySelector('.grid-top').getBoundingClientRect().height);
  const scrolled = await page.evaluate(() => document.querySelector('.calendar-view').scrollTop);
  const bodyTop = await page.evaluate(() => {
    const view = document.querySelector('.calendar-view');
    return document.querySelector('.grid-body').getBoundingClientRect().top - view.getBoundingClientRect().top + view.scrollTop;
  });
  assert.ok(Math.abs(scrolled - (bodyTop - covered + 8 * 48 - 18)) <= 2, `opened at ${scrolled}px`);
  assert.equal(await page.locator('.now-line').count(), 0);

  // The headers stay on top as the hours scroll under them.
  await page.evaluate(() => document.querySelector('.calendar-view').scrollBy(0, 300));
  assert.ok(Math.abs(await topInView(page, '.grid-top')) <= 1);
  assert.ok(await page.locator('.calendar-toolbar button.next').isVisible());

  // This week: the current-time line is drawn on today's column and is in sight.
  await openAt(page, '?view=week');
  const line = page.locator('.day-column.today .now-line');
  await line.waitFor();
  const at = await topInView(page, '.day-column.today .now-line');
  const height = await page.evaluate(() => document.querySelector('.calendar-view').clientHeight);
  assert.ok(at >= covered && at <= height, `now line at ${at}px of ${height}px`);
  noPageErrors(page);
});

/// A phone: 390 × 844, touch, no mouse.
const PHONE_AGENT = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Mobile Safari/537.36';

async function phonePage() {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
    userAgent: PHONE_AGENT,
    baseURL: BASE,
  });
  const page = await context.newPage();
  watchErrors(page);
  await login(page, demo('anna'));
  return page;
}

/// A finger moving sideways across the view, as Chromium's touch input delivers it.
async function swipe(page, from, to) {
  const cdp = await page.context().newCDPSession(page);
  const box = await page.locator('.calendar-view').boundingBox();
  const y = box.y + box.height / 2;
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: from, y }] });
  for (let i = 1; i <= 5; i++) {
    const x = from + ((to - from) * i) / 5;
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y }] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

const firstDay = (page) => page.locator('.day-column').first().getAttribute('data-day');

test('on a 390-px phone the calendar shows three days, a drawer, swipes and a + button', async () => {
  const page = await phonePage();
  // The server draws a phone's calendar on three days from the start: no week flashes first.
  const org = new URL(page.url()).pathname.split('/')[2];
  const html = await (await page.request.get(`/s/${org}/calendar`)).text();
  assert.match(html, /class="calendar-app[^"]*"[^>]*data-view="3days"|data-view="3days"[^>]*class="calendar-app/);
  await openAt(page, '');
  await page.waitForSelector('.segmented button[data-view="3days"][aria-pressed=true]');
  assert.equal(await page.locator('.day-column').count(), 3);
  const width = (await page.locator('.day-column').first().boundingBox()).width;
  assert.ok(width >= 100, `a day is ${width} px wide`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow} px wider than the phone`);
  await page.locator('.day-column.today .now-line').waitFor();
  const at = await topInView(page, '.day-column.today .now-line');
  const height = await page.evaluate(() => document.querySelector('.calendar-view').clientHeight);
  assert.ok(at > 0 && at <= height, `now line at ${at}px of ${height}px`);

  // The calendars wait in a drawer.
  assert.equal(await page.locator('.calendar-sidebar').isVisible(), false);
  await page.tap('.calendars-toggle');
  await page.locator('.calendar-sidebar .calendar-list').waitFor();
  assert.equal(await page.getAttribute('.calendars-toggle', 'aria-expanded'), 'true');
  await page.keyboard.press('Escape');
  await page.locator('.calendar-sidebar').waitFor({ state: 'hidden' });

  // "+" makes an event, which then shows in its day.
  await page.tap('.new-event-fab');
  await page.waitForSelector('.event-dialog');
  const dialog = await page.locator('.event-dialog').boundingBox();
  assert.ok(dialog.x >= 0 && dialog.x + dialog.width <= 390, 'the form fits the phone');
  await page.fill('input[name=title]', 'Dentist');
  await page.tap('.event-dialog button[type=submit]');
  await page.waitForSelector('.event-dialog', { state: 'detached' });
  await page.locator('.timed-event:has-text("Dentist")').waitFor();

  // A tap on free time makes an hour-long event starting on that hour. At 18:00 the demo's
  // month has nothing on any day (at 14:00 a Thursday has the board review).
  const column = page.locator('.day-column').nth(1);
  await page.evaluate(() => document.querySelector('.calendar-view').scrollTo(0, 16 * 48));
  const box = await column.boundingBox();
  await page.touchscreen.tap(box.x + box.width / 2, box.y + 18 * 48 + 20);
  await page.waitForSelector('.event-dialog');
  assert.equal(await page.inputValue('input[name=start_time]'), '18:00');
  assert.equal(await page.inputValue('input[name=end_time]'), '19:00');
  await page.keyboard.press('Escape');
  await page.waitForSelector('.event-dialog', { state: 'detached' });

  // A swipe to the left shows the next three days, to the right the three before. (Last:
  // Chromium drops a synthetic tap that closely follows a synthetic swipe.)
  const start = await firstDay(page);
  await swipe(page, 320, 60);
  await page.waitForFunction((start) => document.querySelector('.day-column')?.dataset.day !== start, start);
  const later = await firstDay(page);
  assert.equal((Date.parse(later) - Date.parse(start)) / 86_400_000, 3);
  await swipe(page, 60, 320);
  await page.waitForFunction((start) => document.querySelector('.day-column')?.dataset.day === start, start);

  noPageErrors(page);
  await page.context().close();
});

test('the next month is read ahead and shows at once; a slow one keeps the old grid dimmed', async () => {
  const page = await calendarPage();
  const asked = [];
  page.on('request', (request) => {
    if (request.url().includes('calendar_events')) asked.push(new URL(request.url()).searchParams.get('day'));
  });
  await openAt(page, '?view=month&date=2027-03-15');
  // Both neighbours are read once the month is drawn.
  for (let i = 0; i < 50 && !(asked.includes('2027-02-15') && asked.includes('2027-04-15')); i++) {
    await page.waitForTimeout(100);
  }
  assert.ok(asked.includes('2027-02-15') && asked.includes('2027-04-15'), `read: ${asked}`);
  await page.waitForLoadState('networkidle');

  // Stepping to April asks the server for nothing about April: it was read ahead.
  asked.length = 0;
  await page.click('.calendar-toolbar button.next');
  await page.waitForFunction(() => document.querySelector('.month-day[data-day="2027-04-30"]:not(.outside)'));
  assert.ok(!asked.includes('2027-04-15'), `read again: ${asked}`);

  // A jump far away on a slow link: the old grid stays, dimmed, under a progress bar.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 1500, downloadThroughput: -1, uploadThroughput: -1 });
  await page.keyboard.press('t');
  await page.waitForSelector('.view-frame.pending .month-grid');
  await page.waitForSelector('.calendar-app .app-progress');
  await page.waitForSelector('.view-frame:not(.pending) .month-grid', { timeout: 15_000 });
  assert.equal(await page.locator('.app-progress').count(), 0);
  noPageErrors(page);
});

test('"+n more" in the month opens that day\'s list over its cell, not the day view', async () => {
  const page = await calendarPage();
  await openAt(page, '?view=month&date=2027-03-15');
  for (let i = 1; i <= 6; i++) {
    await makeEvent(page, `Standup ${i}`, { start_date: '2027-03-17' });
  }
  const cell = page.locator('.month-day[data-day="2027-03-17"]');
  // The month is read again after each save (and may be once more on the news of it): wait
  // for the sixth to be counted rather than read the first "+n more" drawn.
  await page.waitForFunction(() => document
    .querySelector('.month-day[data-day="2027-03-17"] .more')?.textContent.includes('2'));
  assert.equal(await cell.locator('.day-events .event-chip').count(), 4);
  assert.equal(await cell.locator('.more').textContent(), '+2 more');

  // The month sends what its cells show and a count of the rest; the list reads the day.
  const org = new URL(page.url()).pathname.split('/')[2];
  const sent = await page.evaluate(async (org) => {
    const answer = await fetch(`/fn/calendar_events?org=${org}&view=month&day=2027-03-15`);
    return answer.json();
  }, org);
  assert.deepEqual(sent.more, [{ day: '2027-03-17', hidden: 2 }]);
  assert.equal(sent.events.filter((o) => o.start.startsWith('2027-03-17')).length, 4, 'hidden events are not sent');
  const day = page.waitForResponse((r) => r.url().includes('calendar_events') && r.url().includes('view=day'));
  await cell.locator('.more').click();
  await day;
  const popover = cell.locator('.day-popover[role=dialog]');
  await popover.waitFor();
  assert.equal(await popover.locator('h2').textContent(), 'Wed 17 March 2027');
  assert.equal(await popover.locator('.event-chip').count(), 6);
  assert.equal(await pressed(page), 'month');
  assert.ok(await page.evaluate(() => !!document.activeElement.closest('.day-popover')), 'focus is in the list');
  assert.deepEqual(await seriousAxeFindings(page), []);

  await page.keyboard.press('Escape');
  await popover.waitFor({ state: 'detached' });
  assert.ok(await page.evaluate(() => document.activeElement.classList.contains('more')), 'focus is back');
  await cell.locator('.more').click();
  await popover.waitFor();
  await page.click('.calendar-title');
  await popover.waitFor({ state: 'detached' });

  // An event in the list opens as any other.
  await cell.locator('.more').click();
  await popover.locator('.event-chip:has-text("Standup 6") button').click();
  await page.click('.event-summary button.edit');
  await page.waitForFunction(() => document.querySelector('.event-dialog input[name=title]')?.value === 'Standup 6');
  noPageErrors(page);
});

test('the names the suite gave (Birthdays, the first address book) follow the viewer\'s language', async () => {
  const page = await newPage(browser);
  await login(page, demo('ben'));
  const language = async (code) => {
    await page.click('.avatar-button');
    await page.selectOption('.user-menu-panel select[name=language]', code);
    await page.waitForFunction((code) => document.documentElement.lang === code, code);
    await page.keyboard.press('Escape');
  };
  await openAt(page, '');
  // Ben's were made in German.
  const birthdays = page.locator('.calendar-item .calendar-name').filter({ hasText: /Geburtstage|Birthdays/ });
  assert.match(await birthdays.textContent(), /^Geburtstage/);
  await language('en');
  await page.waitForFunction(() => [...document.querySelectorAll('.calendar-name')].some((n) => n.textContent.startsWith('Birthdays')));

  await page.click('a.sidebar-link[data-app=contacts]');
  await page.waitForSelector('.contacts-sidebar .book-name');
  await page.waitForFunction(() => [...document.querySelectorAll('.book-name')].some((n) => n.textContent.startsWith('Contacts')));
  await language('de');
  await page.waitForFunction(() => [...document.querySelectorAll('.book-name')].some((n) => n.textContent.startsWith('Kontakte')));
  noPageErrors(page);
  await page.context().close();
});

test('clicking an event shows its card first: when, where, which calendar; duplicate and delete from there', async () => {
  const page = await calendarPage();
  await openAt(page, '?view=week&date=2027-05-10');
  await makeEvent(page, 'Supplier visit', { location: 'Lausanne, Avenue de la Gare 1' });

  const block = page.locator('.timed-event:has-text("Supplier visit")');
  await block.click();
  const card = page.locator('.event-summary');
  await card.waitFor();
  assert.equal(await page.locator('.event-dialog').count(), 0, 'the card comes before the form');
  assert.equal(await card.locator('h2').textContent(), 'Supplier visit');
  assert.equal(await card.locator('.summary-when').textContent(), 'Mon 10 May 2027 · 09:00 – 10:00');
  assert.match(await card.locator('.summary-where').textContent(), /Avenue de la Gare 1/);
  assert.match(await card.locator('.summary-calendar').textContent(), /Anna Keller/);
  assert.deepEqual(await seriousAxeFindings(page), []);

  // Duplicate: the form opens as a new event with everything filled in.
  await card.locator('button.duplicate').click();
  await page.waitForFunction(() => document.querySelector('.event-dialog input[name=title]')?.value === 'Supplier visit');
  assert.equal(await page.inputValue('input[name=location]'), 'Lausanne, Avenue de la Gare 1');
  await page.fill('input[name=start_date]', '2027-05-12');
  await page.click('.event-dialog button[type=submit]');
  await page.waitForSelector('.event-dialog', { state: 'detached' });
  await page.locator('.day-column[data-day="2027-05-12"] .timed-event:has-text("Supplier visit")').waitFor();
  assert.equal(await block.count(), 2);

  // Delete from the card: gone from the week, in the trash.
  await page.locator('.day-column[data-day="2027-05-10"] .timed-event').click();
  await card.locator('button.delete').click();
  await card.waitFor({ state: 'detached' });
  await page.waitForFunction(() => !document.querySelector('.day-column[data-day="2027-05-10"] .timed-event'));
  await page.click('.calendar-sidebar button[data-view=trash]');
  await page.locator('.trash-list li:has-text("Supplier visit")').waitFor();
  noPageErrors(page);
});

test('deleting or moving shows a notice with Undo, which takes the change back', async () => {
  const page = await calendarPage();
  await openAt(page, '?view=week&date=2027-05-17');
  await makeEvent(page, 'Budget review');
  const toast = page.locator('.toast-region .toast');
  await toast.filter({ hasText: 'Saved' }).waitFor();
  const block = page.locator('.day-column[data-day="2027-05-17"] .timed-event:has-text("Budget review")');
  await block.waitFor();

  // Moved an hour later by dragging, then back with Undo.
  await page.evaluate(() => document.querySelector('.calendar-view').scrollTo(0, 7 * 48));
  const box = await block.boundingBox();
  const [x, y] = [box.x + box.width / 2, box.y + 10];
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x, y + 24, { steps: 4 });
  await page.mouse.move(x, y + 48, { steps: 4 });
  await page.mouse.up();
  await page.waitForFunction(() => [...document.querySelectorAll('.timed-event')].some((e) => e.textContent.includes('Budget review 10:00')));
  await toast.locator('button.undo').click();
  await page.waitForFunction(() => [...document.querySelectorAll('.timed-event')].some((e) => e.textContent.includes('Budget review 09:00')));

  // Deleted from its card, then back with Undo.
  await block.click();
  await page.click('.event-summary button.delete');
  await block.waitFor({ state: 'detached' });
  await toast.filter({ hasText: 'Moved to the trash' }).locator('button.undo').click();
  await block.waitFor();
  await toast.filter({ hasText: 'Restored' }).waitFor();

  // A whole calendar, too.
  await page.click('.calendar-sidebar .link-button:has-text("Add a calendar")');
  await page.fill('.dialog input[name=name]', 'Side project');
  await page.click('.dialog button[type=submit]');
  const item = page.locator('.calendar-item[data-calendar="Side project"]');
  await item.waitFor();
  await page.keyboard.press('n');
  await page.waitForSelector('.event-dialog');
  await page.fill('input[name=title]', 'Kickoff');
  await page.selectOption('.event-dialog select[name=calendar]', { label: 'Side project' });
  await page.click('.event-dialog button[type=submit]');
  await page.waitForSelector('.event-dialog', { state: 'detached' });
  // Asked first, with what goes along.
  await item.locator('button[aria-haspopup=menu]').click();
  await item.locator('.menu .danger').click();
  const confirm = page.locator('.confirm-dialog[role=alertdialog]');
  await confirm.locator('#confirm-text:has-text("Events and tasks in it: 1.")').waitFor();
  assert.equal(await confirm.locator('h2').textContent(), 'Delete Side project?');
  await confirm.locator('button.confirm').click();
  await item.waitFor({ state: 'detached' });
  await toast.filter({ hasText: 'Moved to the trash' }).locator('button.undo').click();
  await item.waitFor();
  noPageErrors(page);
});

test('date and time fields follow the member\'s language and clock, not the browser\'s', async () => {
  const page = await newPage(browser);
  await page.setViewportSize({ width: 1366, height: 850 });
  await login(page, demo('ben'));
  await openAt(page, '?view=week&date=2027-05-10');
  await page.keyboard.press('n');
  await page.waitForSelector('.event-dialog');
  const start = page.locator('input[name=start_date]');
  const end = page.locator('input[name=end_date]');
  assert.equal(await start.getAttribute('placeholder'), 'TT.MM.JJJJ');
  assert.match(await start.inputValue(), /^\d\d\.\d\d\.2027$/);
  assert.equal(await page.inputValue('input[name=start_time]'), '09:00');

  // Typed loosely, shown in German; the end follows the start.
  await start.fill('12.5.27');
  await start.blur();
  assert.equal(await start.inputValue(), '12.05.2027');
  assert.equal(await end.inputValue(), '12.05.2027');
  await page.fill('input[name=start_time]', '1430');
  await page.locator('input[name=start_time]').blur();
  assert.equal(await page.inputValue('input[name=start_time]'), '14:30');
  await page.fill('input[name=end_time]', '15h45');
  await page.locator('input[name=end_time]').blur();
  assert.equal(await page.inputValue('input[name=end_time]'), '15:45');

  // The picker: a month in German, a day picked with the mouse.
  await page.click('.date-input:has(input[name=end_date]) .pick-date');
  const picker = page.locator('.date-picker');
  await picker.waitFor();
  assert.match(await picker.locator('.mini-month-head span').textContent(), /^Mai 2027$/);
  assert.deepEqual(await seriousAxeFindings(page), []);
  // Escape closes the month, not the dialog with what was typed.
  await page.keyboard.press('Escape');
  await picker.waitFor({ state: 'detached' });
  assert.equal(await page.locator('.event-dialog').count(), 1);
  assert.equal(await start.inputValue(), '12.05.2027');
  await page.click('.date-input:has(input[name=end_date]) .pick-date');
  await picker.waitFor();
  await picker.locator('.mini-day[data-day="2027-05-13"]').click();
  await picker.waitFor({ state: 'detached' });
  assert.equal(await end.inputValue(), '13.05.2027');

  // Something unreadable is said so, and the form is not sent.
  await end.fill('31.02.2027');
  await page.fill('input[name=title]', 'Messe');
  await page.click('.event-dialog button[type=submit]');
  assert.equal(await end.evaluate((i) => i.validationMessage), 'Geben Sie ein Datum wie TT.MM.JJJJ ein.');
  await end.fill('13.05.2027');
  await page.click('.event-dialog button[type=submit]');
  await page.waitForSelector('.event-dialog', { state: 'detached' });
  await page.locator('.day-column[data-day="2027-05-12"] .timed-event:has-text("Messe")').waitFor();

  // With a 12-hour clock, times show and read as such.
  const hour12 = async (on) => {
    await page.click('.calendar-toolbar button.settings');
    await page.waitForSelector('.settings-dialog');
    await page.setChecked('.settings-dialog input[name=hour12]', on);
    await page.click('.settings-dialog button[type=submit]');
    await page.waitForSelector('.settings-dialog', { state: 'detached' });
  };
  await hour12(true);
  await page.keyboard.press('n');
  await page.waitForSelector('.event-dialog');
  assert.equal(await page.inputValue('input[name=start_time]'), '9:00 AM');
  await page.fill('input[name=title]', 'Apéro');
  await page.fill('input[name=start_date]', '11.05.2027');
  await page.fill('input[name=start_time]', '5:30 pm');
  await page.locator('input[name=start_time]').blur();
  assert.equal(await page.inputValue('input[name=start_time]'), '5:30 PM');
  await page.fill('input[name=end_time]', '7 pm');
  await page.click('.event-dialog button[type=submit]');
  await page.waitForSelector('.event-dialog', { state: 'detached' });
  const apero = page.locator('.day-column[data-day="2027-05-11"] .timed-event:has-text("Apéro")');
  await apero.waitFor();
  assert.match(await apero.textContent(), /5:30 PM/);
  await hour12(false);
  noPageErrors(page);
  await page.context().close();
});

test('long French and German labels fit: the toolbar keeps one row, buttons one line, the sidebar its box', async () => {
  /// The elements matching `selector` whose content is wider than their box.
  const overflowing = (page, selector) => page.locator(selector).evaluateAll((els) =>
    els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => `${e.className}: ${e.textContent.trim()}`));
  const chloe = await newPage(browser);
  await chloe.setViewportSize({ width: 1366, height: 850 });
  await login(chloe, demo('chloe'));
  // A week across two months, the longest title the toolbar shows.
  await openAt(chloe, '?view=week&date=2026-11-30');
  const spread = await chloe.locator('.calendar-toolbar > *').evaluateAll((els) => {
    const middles = els.filter((e) => e.offsetWidth > 0).map((e) => {
      const box = e.getBoundingClientRect();
      return box.top + box.height / 2;
    });
    return Math.max(...middles) - Math.min(...middles);
  });
  assert.ok(spread < 4, `the toolbar keeps one row (its items' middles differ by ${spread} px)`);
  assert.match(await chloe.locator('.calendar-title').textContent(), /^novembre – décembre 2026$/);
  const newEvent = chloe.locator('.calendar-sidebar .new-event');
  assert.equal(await newEvent.textContent(), '+ Nouvel événement');
  assert.ok((await newEvent.boundingBox()).height < 48, 'one line');
  assert.deepEqual(await overflowing(chloe, '.calendar-sidebar .new-event, .sidebar-link'), []);
  await chloe.context().close();

  // German on a phone: "Startseite" in the bar, "Ganztägig" in its column, and the event
  // card's buttons inside the card.
  const ben = await newPage(browser);
  await login(ben, demo('ben'));
  await openAt(ben, '?view=week&date=2027-06-07');
  assert.deepEqual(await overflowing(ben, '.sidebar-link'), []);
  await ben.setViewportSize({ width: 390, height: 844 });
  await openAt(ben, '?view=3days&date=2027-06-07');
  await makeEvent(ben, 'Kundentermin');
  const gutter = ben.locator('.all-day-row > .gutter');
  const [inside] = await gutter.evaluateAll((els) => els.map((g) => {
    const range = document.createRange();
    range.selectNodeContents(g);
    return range.getBoundingClientRect().right <= g.getBoundingClientRect().right + 1;
  }));
  assert.ok(inside, '"Ganztägig" stays in its column');
  await ben.locator('.timed-event:has-text("Kundentermin")').click();
  const card = ben.locator('.event-summary');
  await card.waitFor();
  assert.ok(await card.evaluate((c) => c.scrollWidth <= c.clientWidth), 'the card does not scroll sideways');
  noPageErrors(ben);
  await ben.context().close();
});

// Exported calendars are read by other clients: ical.js (Thunderbird's and many web clients'
// parser) and python icalendar. A file with what trips clients up (a weekly Zurich series across
// the DST change with an exclusion and a moved occurrence, an all-day event, a task, an alarm,
// an X- property, no VTIMEZONE of its own) goes in through the REST import and comes out through
// the REST export; both libraries must read the same items, times and zones from it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ICAL from 'ical.js';
import { launch, newPage, login, demo } from './helpers.mjs';

let browser;
let dir;
before(async () => {
  browser = await launch();
  dir = await mkdtemp(join(tmpdir(), 'ksuite-interop-'));
});
after(async () => {
  await browser?.close();
  await rm(dir, { recursive: true, force: true });
});

const SOURCE = [
  'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//interop test//EN',
  'BEGIN:VEVENT', 'UID:series@interop.example', 'DTSTAMP:20260101T000000Z',
  'DTSTART;TZID=Europe/Zurich:20270311T090000', 'DTEND;TZID=Europe/Zurich:20270311T100000',
  'RRULE:FREQ=WEEKLY;COUNT=6', 'EXDATE;TZID=Europe/Zurich:20270318T090000',
  'SUMMARY:Standup\\, weekly', 'X-KSUITE-TEST:kept',
  'BEGIN:VALARM', 'ACTION:DISPLAY', 'DESCRIPTION:Soon', 'TRIGGER:-PT10M', 'END:VALARM',
  'END:VEVENT',
  'BEGIN:VEVENT', 'UID:series@interop.example', 'DTSTAMP:20260101T000000Z',
  'RECURRENCE-ID;TZID=Europe/Zurich:20270401T090000',
  'DTSTART;TZID=Europe/Zurich:20270401T110000', 'DTEND;TZID=Europe/Zurich:20270401T120000',
  'SUMMARY:Standup (moved)', 'END:VEVENT',
  'BEGIN:VEVENT', 'UID:holiday@interop.example', 'DTSTAMP:20260101T000000Z',
  'DTSTART;VALUE=DATE:20270801', 'DTEND;VALUE=DATE:20270802', 'SUMMARY:Fête nationale', 'END:VEVENT',
  'BEGIN:VTODO', 'UID:task@interop.example', 'DTSTAMP:20260101T000000Z',
  'DUE;TZID=America/New_York:20270315T170000', 'PRIORITY:1', 'SUMMARY:Send the report', 'END:VTODO',
  'END:VCALENDAR', '',
].join('\r\n');

test('an exported calendar reads the same in ical.js and python icalendar', async () => {
  const page = await newPage(browser);
  await login(page, demo('anna'));
  const org = new URL(page.url()).pathname.split('/')[2];
  const imported = await page.request.post(`/api/v1/orgs/${org}/calendars/import?name=Interop`, {
    headers: { 'content-type': 'text/calendar' }, data: SOURCE,
  });
  assert.equal(imported.status(), 200, await imported.text());
  const summary = await imported.json();
  assert.deepEqual([summary.imported, summary.skipped.length], [3, 0]);
  const exported = await page.request.get(`/api/v1/calendars/${summary.calendar_id}/export`);
  assert.equal(exported.status(), 200);
  const text = await exported.text();
  const file = join(dir, 'export.ics');
  await writeFile(file, text);

  // ical.js: the zones the file defines, then the series expanded with its exclusion and override.
  const root = new ICAL.Component(ICAL.parse(text));
  for (const zone of root.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(zone);
  }
  const jsZones = root.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid')).sort();
  const events = root.getAllSubcomponents('vevent');
  const master = events.find((e) => !e.hasProperty('recurrence-id') && e.getFirstPropertyValue('rrule'));
  assert.equal(master.getFirstPropertyValue('x-ksuite-test'), 'kept');
  assert.equal(master.getAllSubcomponents('valarm').length, 1);
  const series = new ICAL.Event(master, {
    exceptions: events.filter((e) => e.hasProperty('recurrence-id')).map((e) => new ICAL.Event(e)),
  });
  const seen = [];
  for (let it = series.iterator(), next = it.next(); next; next = it.next()) {
    const occurrence = series.getOccurrenceDetails(next);
    const start = occurrence.startDate;
    seen.push(`${start.toString().slice(0, 16)} ${start.toUnixTime()} ${occurrence.item.summary}`);
  }
  // 09:00 in Zurich on both sides of the change to summer time (28 March 2027): 08:00 UTC,
  // then 07:00 UTC. 18 March is excluded; 1 April moved to 11:00.
  const utc = (iso) => Date.parse(iso) / 1000;
  assert.deepEqual(seen, [
    `2027-03-11T09:00 ${utc('2027-03-11T08:00:00Z')} Standup, weekly`,
    `2027-03-25T09:00 ${utc('2027-03-25T08:00:00Z')} Standup, weekly`,
    `2027-04-01T11:00 ${utc('2027-04-01T09:00:00Z')} Standup (moved)`,
    `2027-04-08T09:00 ${utc('2027-04-08T07:00:00Z')} Standup, weekly`,
    `2027-04-15T09:00 ${utc('2027-04-15T07:00:00Z')} Standup, weekly`,
  ]);
  const todo = root.getFirstSubcomponent('vtodo');
  assert.equal(todo.getFirstPropertyValue('due').toUnixTime(), utc('2027-03-15T21:00:00Z'));

  // python icalendar: the same items, times and zones.
  const run = promisify(execFile);
  const python = process.env.KSUITE_PYTHON ?? 'python3';
  const { stdout } = await run(python, [join(import.meta.dirname, 'ics_check.py'), file]);
  const py = JSON.parse(stdout);
  assert.deepEqual(py.zones, jsZones);
  assert.ok(py.zones.includes('Europe/Zurich') && py.zones.includes('America/New_York'), py.zones);
  const byUid = (uid, override = false) => py.items.find((i) => i.uid === uid && i.override === override);
  assert.deepEqual(byUid('series@interop.example').start, { utc: '2027-03-11T08:00:00+00:00', local: '09:00' });
  assert.equal(byUid('series@interop.example').rrule, 'FREQ=WEEKLY;COUNT=6');
  assert.equal(byUid('series@interop.example', true).start.utc, '2027-04-01T09:00:00+00:00');
  assert.deepEqual(byUid('holiday@interop.example').start, { date: '2027-08-01' });
  assert.equal(byUid('holiday@interop.example').summary, 'Fête nationale');
  assert.deepEqual(byUid('task@interop.example'), {
    kind: 'VTODO', uid: 'task@interop.example', summary: 'Send the report', override: false,
    start: { utc: '2027-03-15T21:00:00+00:00', local: '17:00' }, rrule: null,
  });
  assert.equal(py.items.length, events.length + 1);
  await page.context().close();
});

test('an exported address book reads in python vobject with every property, its groups and photo', async () => {
  const page = await newPage(browser);
  await login(page, demo('anna'));
  const org = new URL(page.url()).pathname.split('/')[2];
  const source = [
    'BEGIN:VCARD', 'VERSION:3.0', 'UID:ada@interop.example', 'FN:Ada Lovelace', 'N:Lovelace;Ada;;;',
    'EMAIL;TYPE=INTERNET,WORK:ada@engine.example', 'TEL;TYPE=CELL:+44 20 7946 0000', 'BDAY:1815-12-10',
    'ADR;TYPE=HOME:;;12 St James\'s Square;London;;SW1Y 4JH;United Kingdom', 'X-ENGINE:analytical',
    'CATEGORIES:Mathematicians,Friends', 'PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQ==', 'END:VCARD',
    'BEGIN:VCARD', 'VERSION:4.0', 'UID:grace@interop.example', 'FN:Grace Hopper', 'N:Hopper;Grace;;;',
    'EMAIL:grace@navy.example', 'NOTE:COBOL\\, compilers', 'END:VCARD', '',
  ].join('\r\n');
  const imported = await page.request.post(`/api/v1/orgs/${org}/addressbooks/import?name=Interop%20cards`, {
    headers: { 'content-type': 'text/vcard' }, data: source,
  });
  assert.equal(imported.status(), 200, await imported.text());
  const summary = await imported.json();
  assert.equal(summary.imported, 2);
  const exported = await page.request.get(`/api/v1/addressbooks/${summary.book_id}/export`);
  assert.equal(exported.status(), 200);
  const file = join(dir, 'export.vcf');
  await writeFile(file, await exported.text());
  const run = promisify(execFile);
  const python = process.env.KSUITE_PYTHON ?? 'python3';
  const { stdout } = await run(python, [join(import.meta.dirname, 'vcf_check.py'), file]);
  const cards = JSON.parse(stdout);
  assert.deepEqual(cards.map((c) => c.fn), ['Grace Hopper', 'Ada Lovelace']);
  const ada = cards[1];
  assert.equal(ada.version, '4.0');
  assert.equal(ada.uid, 'ada@interop.example');
  assert.deepEqual(ada.n, ['Lovelace', 'Ada']);
  assert.deepEqual(ada.emails, ['ada@engine.example']);
  assert.deepEqual(ada.tels, ['+44 20 7946 0000']);
  assert.match(ada.bday, /^1815-?12-?10$/);
  assert.deepEqual(ada.x, { 'x-engine': 'analytical' });
  // The groups, and the photo as a data URI (calcard escapes its comma, so vobject reads it whole).
  assert.deepEqual(ada.categories, ['Mathematicians', 'Friends']);
  assert.equal(ada.photo, 'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ==');
  await page.context().close();
});

// The Contacts app as a new user tries it: create a contact with the form, find it in its
// section and with the filter, edit it, move it to another book, delete it; the plan's limit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, newPage, hydrated, login, demo, noPageErrors } from './helpers.mjs';

let browser;
let dir;
before(async () => {
  browser = await launch();
  dir = await mkdtemp(join(tmpdir(), 'ksuite-contacts-'));
});
after(async () => {
  await browser?.close();
  await rm(dir, { recursive: true, force: true });
});

// Imports a vCard file into a new book through the import dialog, and closes its summary.
async function importIntoNewBook(page, file, name, expected) {
  await page.click('.contacts-sidebar button.import-button');
  await page.setInputFiles('.contacts-import input[type=file]', file);
  await page.selectOption('.contacts-import select[name=target]', '');
  await page.fill('.contacts-import input[name=new_name]', name);
  await page.click('.contacts-import button[type=submit]');
  await page.waitForSelector(`.import-summary [data-count=imported]:has-text("${expected}")`);
  await page.click('.import-summary .dialog-actions button.primary');
}

async function openContacts(page) {
  await page.click('a.sidebar-link[data-app=contacts]');
  await page.waitForURL(/\/contacts$/);
  await page.waitForSelector('.contacts-app .book-item');
}

test('a contact is created with the form, found, edited, moved to another book and deleted', async () => {
  const page = await newPage(browser);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await login(page, demo('anna'));
  await openContacts(page);
  await page.waitForSelector('.contact-list :text("No contacts in this address book yet.")');

  await page.click('button.new-contact');
  const form = page.locator('.contact-dialog');
  await form.waitFor();
  await form.locator('input[name=first]').fill('Marie');
  await form.locator('input[name=last]').fill('Curie');
  await form.locator('button[data-add=email]').click();
  await form.locator('input[name=email]').fill('marie@radium.example');
  await form.locator('button[data-add=phone]').click();
  await form.locator('input[name=phone]').fill('+33 6 12 34 56 78');
  await form.locator('button[data-add=address]').click();
  await form.locator('input[name=street]').fill('1 rue Pierre et Marie Curie');
  await form.locator('input[name=locality]').fill('Paris');
  // A date that does not exist is refused with a clear message, and nothing is lost.
  const birthday = form.locator('input[name=birthday]');
  assert.equal(await birthday.getAttribute('placeholder'), 'DD/MM/YYYY');
  await birthday.fill('30/02/1867');
  await form.locator('button[type=submit]').click();
  await page.waitForSelector('.contact-dialog input[name=birthday][aria-invalid=true]');
  assert.equal(await birthday.evaluate((i) => i.validationMessage), 'Enter a date like DD/MM/YYYY.');
  assert.equal(await birthday.inputValue(), '30/02/1867', 'what was typed stays');
  await birthday.fill('7.11.1867');
  await birthday.blur();
  assert.equal(await birthday.inputValue(), '07/11/1867');
  await form.locator('button[type=submit]').click();
  await page.waitForSelector('.contact-dialog', { state: 'detached' });

  const card = page.locator('.card[data-contact="Marie Curie"]');
  await card.waitFor();
  assert.match(await card.textContent(), /marie@radium\.example/);
  assert.match(await card.textContent(), /1 rue Pierre et Marie Curie, Paris/);
  assert.match(await card.textContent(), /7 November 1867/);

  // A second contact; the list has a section per letter and the filter narrows it.
  await page.click('button.new-contact');
  await form.locator('input[name=first]').fill('Ada');
  await form.locator('input[name=last]').fill('Lovelace');
  await form.locator('button[type=submit]').click();
  await page.waitForSelector('.card[data-contact="Ada Lovelace"]');
  assert.deepEqual(await page.locator('.contact-section .section-letter').allTextContents(), ['C', 'L']);
  await page.fill('.contact-list input[name=filter]', 'radium');
  await page.waitForFunction(() => document.querySelectorAll('.contact-row').length === 1);
  assert.equal(await page.locator('.contact-row').getAttribute('data-contact'), 'Marie Curie');
  await page.fill('.contact-list input[name=filter]', 'nobody at all');
  await page.waitForSelector('.contact-list :text("No contact matches.")');
  await page.fill('.contact-list input[name=filter]', '');

  // Edited: the card shows the change, after a reload too.
  await page.click('.contact-row[data-contact="Marie Curie"]');
  await card.waitFor();
  await page.click('.card button.edit-contact');
  await form.waitFor();
  await page.waitForFunction(() => document.querySelector('.contact-dialog input[name=first]')?.value === 'Marie');
  await form.locator('input[name=title]').fill('Professor');
  await form.locator('input[name=organization]').fill('Institut du Radium');
  await form.locator('button[type=submit]').click();
  await page.waitForSelector('.card[data-contact="Marie Curie"] :text("Professor · Institut du Radium")');
  await page.reload();
  await hydrated(page);
  await page.click('.contact-row[data-contact="Marie Curie"]');
  await page.waitForSelector('.card :text("Professor · Institut du Radium")');

  // A new book, and the contact moved there by choosing it in the form.
  await page.click('button.new-book');
  await page.fill('.book-dialog input[name=book_name]', 'Scientists');
  await page.click('.book-dialog button[type=submit]');
  await page.waitForSelector('.book-item.current[data-book="Scientists"]');
  await page.click('.book-item[data-book="Contacts"] .book-select');
  await page.click('.contact-row[data-contact="Marie Curie"]');
  await page.click('.card button.edit-contact');
  await page.waitForFunction(() => document.querySelector('.contact-dialog input[name=first]')?.value === 'Marie');
  await form.locator('select[name=book]').selectOption({ label: 'Scientists' });
  await form.locator('button[type=submit]').click();
  await page.waitForSelector('.book-item.current[data-book="Scientists"]');
  await page.waitForSelector('.contact-row[data-contact="Marie Curie"]');
  assert.equal(await page.locator('.book-item[data-book="Contacts"] .book-count').textContent(), '1');

  // Deleted: gone from the list, back with Undo, then gone for good.
  await page.click('.contact-row[data-contact="Marie Curie"]');
  await page.click('.card button.delete-contact');
  await page.waitForSelector('.contact-list :text("No contacts in this address book yet.")');
  await page.click('.toast:has-text("Moved to the trash") button.undo');
  await page.waitForSelector('.contact-row[data-contact="Marie Curie"]');
  await page.click('.contact-row[data-contact="Marie Curie"]');
  await page.click('.card button.delete-contact');
  await page.waitForSelector('.contact-list :text("No contacts in this address book yet.")');

  // A whole book is asked about first, with how many contacts go along; Undo brings it back.
  const book = page.locator('.book-item[data-book="Contacts"]');
  await book.locator('button[aria-haspopup=menu]').click();
  await book.locator('.menu [data-action=delete]').click();
  const confirm = page.locator('.confirm-dialog[role=alertdialog]');
  assert.match(await confirm.locator('#confirm-text').textContent(), /Contacts in it: 1\./);
  await confirm.locator('button.confirm').click();
  await book.waitFor({ state: 'detached' });
  await page.click('.toast:has-text("Moved to the trash") button.undo');
  await book.waitFor();
  noPageErrors(page);
  await page.context().close();
});

test('a personal space holds one address book, and says so', async () => {
  const page = await newPage(browser);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await login(page, demo('anna'));
  await page.click('.org-switcher-button');
  await page.click('#org-menu a:has-text("my kSuite")');
  await page.waitForSelector('.org-name:text("my kSuite")');
  await openContacts(page);
  await page.click('button.new-book');
  await page.fill('.book-dialog input[name=book_name]', 'Second');
  await page.click('.book-dialog button[type=submit]');
  await page.waitForSelector('.book-dialog .form-error:has-text("Limit of address books reached (1) for this space.")');
  noPageErrors(page);
  await page.context().close();
});

test('anna shares an address book with chloe, who then reads it but cannot change it', async () => {
  const anna = await newPage(browser);
  await anna.setViewportSize({ width: 1400, height: 1000 });
  await login(anna, demo('anna'));
  await openContacts(anna);
  await anna.click('button.new-contact');
  await anna.locator('.contact-dialog input[name=first]').fill('Grace');
  await anna.locator('.contact-dialog input[name=last]').fill('Hopper');
  await anna.locator('.contact-dialog button[type=submit]').click();
  await anna.waitForSelector('.card[data-contact="Grace Hopper"]');
  await anna.click('.book-item[data-book="Contacts"] .menu-anchor button[aria-haspopup=menu]');
  await anna.click('.menu button[data-action=share]');
  await anna.waitForSelector('.share-dialog :text("Not shared yet.")');
  // Teams are offered too: the demo's Marketing team.
  assert.ok(await anna.locator('.share-dialog select[name=grantee] option', { hasText: 'Team: Marketing' }).count());
  await anna.selectOption('.share-dialog select[name=grantee]', { label: 'Chloé Dubois <chloe@demo.example>' });
  await anna.click('.share-dialog button[type=submit]');
  await anna.waitForSelector('.share-dialog .share-list li[data-grantee="Chloé Dubois"]');
  noPageErrors(anna);
  await anna.context().close();

  const chloe = await newPage(browser);
  await chloe.setViewportSize({ width: 1400, height: 1000 });
  await login(chloe, demo('chloe'));
  await openContacts(chloe);
  const shared = chloe.locator('.book-item:has-text("Anna Keller")');
  await shared.locator('.book-select').click();
  await chloe.click('.contact-row[data-contact="Grace Hopper"]');
  await chloe.waitForSelector('.card[data-contact="Grace Hopper"]');
  // "Can view": no Edit, no Delete.
  assert.equal(await chloe.locator('.card button.edit-contact').count(), 0);
  assert.equal(await chloe.locator('.card button.delete-contact').count(), 0);
  noPageErrors(chloe);
  await chloe.context().close();
});

test('a CSV file with columns of its own is mapped, imported with progress and summarised', async () => {
  const page = await newPage(browser);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await login(page, demo('ben'));
  await openContacts(page);
  // Enough rows that the upload takes a moment on a throttled link; one bad address, one row
  // without a name.
  const rows = ['Wer,Mail,Handy,Farbe'];
  for (let i = 0; i < 800; i++) {
    rows.push(`Kundin ${i} Muster,kundin${i}@example.ch,+41 79 555 ${String(i).padStart(4, '0')},${'blau'.repeat(40)}`);
  }
  rows.push('Kaputt Adresse,keine-adresse,,rot');
  rows.push(',,,grün');
  const file = join(dir, 'kunden.csv');
  await writeFile(file, rows.join('\r\n') + '\r\n');

  await page.click('.contacts-sidebar button.import-button');
  await page.setInputFiles('.contacts-import input[type=file]', file);
  await page.selectOption('.contacts-import select[name=target]', '');
  await page.fill('.contacts-import input[name=new_name]', 'Kunden');
  await page.click('.contacts-import button[type=submit]');
  // No export uses these headers: the mapping step shows them with an example, nothing chosen.
  const mapping = page.locator('.csv-mapping');
  await mapping.waitFor();
  assert.equal(await mapping.locator('select[name=preset]').inputValue(), '');
  assert.deepEqual(await mapping.locator('tbody th').allTextContents(), ['Wer', 'Mail', 'Handy', 'Farbe']);
  assert.equal(await mapping.locator('tbody tr').first().locator('.csv-example').textContent(), 'Kundin 0 Muster');
  assert.equal(await mapping.locator('select[data-column="1"]').inputValue(), '');
  await mapping.locator('select[data-column="0"]').selectOption('full_name');
  await mapping.locator('select[data-column="1"]').selectOption('email.work');
  await mapping.locator('select[data-column="2"]').selectOption({ label: 'Telefonnummer (Mobil)' });

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 100 * 1024,
  });
  await mapping.locator('button[type=submit]').click();
  await page.waitForSelector('.contacts-import progress');
  const first = Number(await page.getAttribute('.contacts-import progress', 'value'));
  await page.waitForFunction((v) => {
    const p = document.querySelector('.contacts-import progress');
    return !p || Number(p.value) > v;
  }, first);
  await page.waitForSelector('.import-summary [data-count=imported]:has-text("800")');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1,
  });
  // Each skipped row with its line and the reason in ben's language.
  const skipped = await page.locator('.import-summary tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [tr.dataset.code, tr.cells[0].textContent]));
  assert.deepEqual(skipped, [['unreadable', '802'], ['no_name', '803']]);
  assert.match(await page.textContent('.import-summary tr[data-code=no_name] td:nth-child(2)'), /weder Namen/);
  await page.click('.import-summary .dialog-actions button.primary');
  await page.waitForSelector('.book-item.current[data-book="Kunden"] .book-count:has-text("800")');
  await page.click('.contact-row[data-contact="Kundin 7 Muster"]');
  const card = page.locator('.card[data-contact="Kundin 7 Muster"]');
  await card.waitFor();
  assert.match(await card.textContent(), /kundin7@example\.ch/);
  assert.match(await card.textContent(), /\+41 79 555 0007/);
  assert.doesNotMatch(await card.textContent(), /blau/);

  // The book's menu exports it as CSV, with Outlook's columns.
  await page.click('.book-item[data-book="Kunden"] .menu-anchor button[aria-haspopup=menu]');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('.book-item[data-book="Kunden"] .menu a[data-action=export-csv]'),
  ]);
  const exported = await (await download.createReadStream()).toArray();
  const text = Buffer.concat(exported).toString('utf8');
  assert.match(text, /^Title,First Name,/);
  assert.equal(text.trim().split('\n').length, 801);
  noPageErrors(page);
  await page.context().close();
});

test('a German Outlook file is mapped by its own headers and two Notes columns are joined', async () => {
  const page = await newPage(browser);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await login(page, demo('ben'));
  await openContacts(page);
  const file = join(dir, 'outlook-de.csv');
  await writeFile(file, [
    'Vorname,Nachname,Firma,E-Mail-Adresse,Mobiltelefon,Straße geschäftlich,Notizen,Notizen,Kundennummer',
    'Lena,Brunner,Alpenblick AG,lena@alpenblick.ch,+41 79 111 22 33,Seestrasse 4,Kundin seit 2019,Bevorzugt Anrufe am Morgen,K-1042',
  ].join('\r\n') + '\r\n');
  await page.click('.contacts-sidebar button.import-button');
  await page.setInputFiles('.contacts-import input[type=file]', file);
  await page.selectOption('.contacts-import select[name=target]', '');
  await page.fill('.contacts-import input[name=new_name]', 'Outlook DE');
  await page.click('.contacts-import button[type=submit]');
  const mapping = page.locator('.csv-mapping');
  await mapping.waitFor();
  assert.equal(await mapping.locator('select[name=preset]').inputValue(), 'outlook');
  const chosen = await mapping.locator('select[data-column]').evaluateAll((s) => s.map((e) => e.value));
  assert.deepEqual(chosen, ['first', 'last', 'organization', 'email.other', 'phone.cell', 'street.work', 'notes', 'notes', '']);
  // A column the suite has no field for is kept as a field of ben's own, named by its header.
  await mapping.locator('button.keep-rest').click();
  assert.equal(await mapping.locator('select[data-column="8"]').inputValue(), 'custom');
  await mapping.locator('button.keep-rest').waitFor({ state: 'detached' });
  // An address has no mobile kind: the list offers none.
  const offered = await mapping.locator('select[data-column="5"] option').evaluateAll((o) => o.map((e) => e.value));
  assert.ok(offered.includes('street.work') && !offered.includes('street.cell'), offered.join(' '));
  await mapping.locator('button[type=submit]').click();
  await page.waitForSelector('.import-summary [data-count=imported]:has-text("1")');
  await page.click('.import-summary .dialog-actions button.primary');
  await page.click('.contact-row[data-contact="Lena Brunner"]');
  const card = page.locator('.card[data-contact="Lena Brunner"]');
  await card.waitFor();
  const text = await card.textContent();
  assert.match(text, /Kundin seit 2019/);
  assert.match(text, /Bevorzugt Anrufe am Morgen/);
  assert.match(text, /Alpenblick AG/);
  assert.deepEqual(
    await card.locator('.custom-field').evaluateAll((l) => l.map((e) => [e.querySelector('dt').textContent, e.querySelector('dd').textContent])),
    [['Kundennummer', 'K-1042']],
  );
  // An edit keeps it.
  await card.locator('button.edit-contact').click();
  await page.fill('.contact-dialog input[name=title]', 'Einkauf');
  await page.click('.contact-dialog button[type=submit]');
  await page.waitForSelector('.card[data-contact="Lena Brunner"] :text("Einkauf")');
  assert.equal(await page.locator('.card .custom-field dd').textContent(), 'K-1042');
  noPageErrors(page);
  await page.context().close();
});

test('two duplicates are merged into the card chloe keeps, and the merge is undone from the trash', async () => {
  const page = await newPage(browser);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await login(page, demo('chloe'));
  await openContacts(page);
  const file = join(dir, 'doublons.vcf');
  await writeFile(file, [
    'BEGIN:VCARD', 'VERSION:4.0', 'UID:jeanne-1', 'FN:Jeanne Martin', 'N:Martin;Jeanne;;;',
    'EMAIL:jeanne@exemple.fr', 'END:VCARD',
    'BEGIN:VCARD', 'VERSION:3.0', 'UID:jeanne-2', 'FN:J. Martin', 'N:Martin;J.;;;',
    'EMAIL:Jeanne@Exemple.fr', 'TEL;TYPE=CELL:+33 6 11 22 33 44', 'X-SOURCE:salon', 'END:VCARD',
    // The same name, nothing else in common: never offered as a duplicate.
    'BEGIN:VCARD', 'VERSION:4.0', 'UID:jeanne-3', 'FN:Jeanne Martin', 'N:Martin;Jeanne;;;', 'END:VCARD', '',
  ].join('\r\n'));
  await importIntoNewBook(page, file, 'Salon', 3);

  await page.click('.book-item[data-book="Salon"] .menu-anchor button[aria-haspopup=menu]');
  await page.click('.book-item[data-book="Salon"] .menu button[data-action=duplicates]');
  const group = page.locator('.duplicate-group');
  await group.waitFor();
  assert.equal(await group.count(), 1);
  assert.match(await group.textContent(), /Même adresse e-mail/);
  // Keep "Jeanne Martin": the merge adds the mobile number and the property no form shows.
  await group.locator('.duplicate-card[data-contact="Jeanne Martin"] input[type=radio]').check();
  await page.waitForSelector('.merge-adds li[data-property=TEL]:has-text("+33 6 11 22 33 44")');
  assert.equal(await page.locator('.merge-adds li[data-property=EMAIL]').count(), 0, 'the same address in other case is not added');
  await page.waitForSelector('.merge-adds li[data-property=X-SOURCE]');
  await group.locator('button.merge-button').click();
  await page.waitForSelector('.duplicates-dialog :text("Aucun doublon probable dans ce carnet.")');
  // The notice offers to take it back at once ("Annuler"); the trash keeps it later.
  await page.waitForSelector('.toast button.undo:text("Annuler")');
  await page.click('.duplicates-dialog .dialog-actions button');
  await page.waitForSelector('.book-item[data-book="Salon"] .book-count:has-text("2")');
  await page.click('.contact-row[data-contact="Jeanne Martin"] >> nth=0');
  await page.waitForSelector('.card[data-contact="Jeanne Martin"]');

  // The trash holds the merge; undoing it gives both cards back as they were.
  await page.click('.contacts-sidebar button.trash-button');
  const item = page.locator('.trash-dialog li[data-title="Jeanne Martin"]');
  await item.waitFor();
  assert.match(await item.textContent(), /Fusion de 2 fiches/);
  await item.locator('button:has-text("Annuler la fusion")').click();
  await page.waitForSelector('.trash-dialog :text("La corbeille est vide.")');
  await page.click('.trash-dialog .dialog-actions button');
  await page.waitForSelector('.book-item[data-book="Salon"] .book-count:has-text("3")');
  await page.waitForSelector('.contact-row[data-contact="J. Martin"]');
  noPageErrors(page);
  await page.context().close();
});

test('an import is taken back with Undo: a new book goes, and so do the contacts added to a book', async () => {
  const page = await newPage(browser);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await login(page, demo('anna'));
  await openContacts(page);
  const file = join(dir, 'oops.vcf');
  await writeFile(file, ['BEGIN:VCARD', 'VERSION:4.0', 'UID:oops-1', 'FN:Oops Person', 'N:Person;Oops;;;', 'END:VCARD', ''].join('\r\n'));
  await page.click('.contacts-sidebar button.import-button');
  await page.setInputFiles('.contacts-import input[type=file]', file);
  await page.selectOption('.contacts-import select[name=target]', '');
  await page.fill('.contacts-import input[name=new_name]', 'Oops');
  await page.click('.contacts-import button[type=submit]');
  await page.waitForSelector('.import-summary [data-count=imported]:has-text("1")');
  await page.waitForSelector('.book-item[data-book="Oops"]');
  await page.click('.import-summary button.undo-import');
  await page.waitForSelector('.book-item[data-book="Oops"]', { state: 'detached' });
  await page.waitForSelector('.contacts-app .toast:has-text("Import undone")');

  // Into an existing book: the book stays, the contact goes.
  await page.click('.contacts-sidebar button.import-button');
  await page.setInputFiles('.contacts-import input[type=file]', file);
  await page.selectOption('.contacts-import select[name=target]', { label: 'Contacts' });
  await page.click('.contacts-import button[type=submit]');
  await page.waitForSelector('.import-summary [data-count=imported]:has-text("1")');
  await page.click('.import-summary button.undo-import');
  await page.waitForSelector('.contacts-app .toast:has-text("Import undone")');
  await page.click('.book-item[data-book="Contacts"] .book-select');
  await page.waitForSelector('.contacts-app .contact-list');
  assert.equal(await page.locator('.contact-row[data-contact="Oops Person"]').count(), 0);

  // An import that replaced a contact gives it back its text from before.
  const importInto = async (path, count) => {
    await page.click('.contacts-sidebar button.import-button');
    await page.setInputFiles('.contacts-import input[type=file]', path);
    await page.selectOption('.contacts-import select[name=target]', { label: 'Contacts' });
    await page.click('.contacts-import button[type=submit]');
    await page.waitForSelector(`.import-summary [data-count=${count}]:has-text("1")`);
  };
  const kept = join(dir, 'kept.vcf');
  await writeFile(kept, ['BEGIN:VCARD', 'VERSION:4.0', 'UID:kept-1', 'FN:Kept Person', 'N:Person;Kept;;;', 'END:VCARD', ''].join('\r\n'));
  await importInto(kept, 'imported');
  await page.click('.import-summary .dialog-actions button.primary');
  await writeFile(kept, ['BEGIN:VCARD', 'VERSION:4.0', 'UID:kept-1', 'FN:Renamed Person', 'N:Person;Renamed;;;', 'END:VCARD', ''].join('\r\n'));
  await importInto(kept, 'updated');
  await page.waitForSelector('.contact-row[data-contact="Renamed Person"]');
  await page.click('.import-summary button.undo-import');
  await page.waitForSelector('.contact-row[data-contact="Kept Person"]');
  assert.equal(await page.locator('.contact-row[data-contact="Renamed Person"]').count(), 0);
  noPageErrors(page);
  await page.context().close();
});

test('ticked contacts move to another book together, and a selection exports', async () => {
  const page = await newPage(browser);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await login(page, demo('anna'));
  await openContacts(page);
  const cards = ['Alan Turing', 'Grace Hopper', 'Edsger Dijkstra'].map((name, i) => [
    'BEGIN:VCARD', 'VERSION:4.0', `UID:move-${i}`, `FN:${name}`, `N:${name.split(' ')[1]};${name.split(' ')[0]};;;`, 'END:VCARD',
  ].join('\r\n'));
  const file = join(dir, 'pioneers.vcf');
  await writeFile(file, cards.join('\r\n') + '\r\n');
  await importIntoNewBook(page, file, 'Pioneers', 3);
  await page.waitForSelector('.book-item.current[data-book="Pioneers"]');

  await page.check('.contact-item:has(.contact-row[data-contact="Alan Turing"]) input.contact-check');
  await page.check('.contact-item:has(.contact-row[data-contact="Grace Hopper"]) input.contact-check');
  await page.waitForSelector('.selection-bar :text("2 selected")');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('.selection-bar a[data-action=export-vcf]'),
  ]);
  const text = Buffer.concat(await (await download.createReadStream()).toArray()).toString('utf8');
  assert.equal(text.match(/BEGIN:VCARD/g).length, 2);
  assert.doesNotMatch(text, /Dijkstra/);
  await page.selectOption('.selection-bar select[name=move_to]', { label: 'Contacts' });
  await page.waitForSelector('.contacts-app [role=status] .toast:has-text("Done: 2. Skipped: 0.")');
  await page.waitForSelector('.book-item[data-book="Pioneers"] .book-count:has-text("1")');
  assert.equal(await page.locator('.selection-bar').count(), 0);
  // Undo takes the two back to where they were, and its own notice has no Undo.
  await page.click('.contacts-app .toast button.undo');
  await page.waitForSelector('.book-item[data-book="Pioneers"] .book-count:has-text("3")');
  await page.waitForSelector('.contacts-app .toast:has-text("Done: 2. Skipped: 0.")');
  assert.equal(await page.locator('.contacts-app .toast button.undo').count(), 0);
  // A deletion of several is undone alike.
  await page.check('.contact-item:has(.contact-row[data-contact="Edsger Dijkstra"]) input.contact-check');
  await page.click('.selection-bar button[data-action=delete]');
  await page.waitForSelector('.book-item[data-book="Pioneers"] .book-count:has-text("2")');
  await page.click('.contacts-app .toast button.undo');
  await page.waitForSelector('.contact-row[data-contact="Edsger Dijkstra"]');
  await page.check('.contact-item:has(.contact-row[data-contact="Alan Turing"]) input.contact-check');
  await page.check('.contact-item:has(.contact-row[data-contact="Grace Hopper"]) input.contact-check');
  await page.selectOption('.selection-bar select[name=move_to]', { label: 'Contacts' });
  await page.waitForSelector('.book-item[data-book="Pioneers"] .book-count:has-text("1")');
  await page.click('.book-item[data-book="Contacts"] .book-select');
  await page.waitForSelector('.contact-row[data-contact="Alan Turing"]');
  await page.waitForSelector('.contact-row[data-contact="Grace Hopper"]');
  noPageErrors(page);
  await page.context().close();
});

test('ben groups contacts: a group from the file, a new one filled from the selection, filtered, emptied and deleted; Home lists the newest', async () => {
  const page = await newPage(browser);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await login(page, demo('ben'));
  await openContacts(page);
  const file = join(dir, 'team.vcf');
  await writeFile(file, [
    'BEGIN:VCARD', 'VERSION:3.0', 'UID:team-1', 'FN:Lena Weber', 'N:Weber;Lena;;;', 'CATEGORIES:Freunde', 'END:VCARD',
    'BEGIN:VCARD', 'VERSION:4.0', 'UID:team-2', 'FN:Jonas Keller', 'N:Keller;Jonas;;;', 'END:VCARD',
    'BEGIN:VCARD', 'VERSION:4.0', 'UID:team-3', 'FN:Mia Fischer', 'N:Fischer;Mia;;;', 'END:VCARD', '',
  ].join('\r\n'));
  await importIntoNewBook(page, file, 'Team', 3);
  await page.waitForSelector('.book-item.current[data-book="Team"]');
  // The group the file brought is listed, in German, with its count.
  await page.waitForSelector('.contacts-sidebar h2:text("Gruppen")');
  await page.waitForSelector('.group-item[data-group="Freunde"] .book-count:text("1")');

  await page.click('.contacts-sidebar button.new-group');
  await page.fill('.group-dialog input[name=group_name]', '  Kollegen ');
  await page.click('.group-dialog button[type=submit]');
  await page.waitForSelector('.group-dialog', { state: 'detached' });
  // The new group is chosen: empty so far.
  await page.waitForSelector('.group-item.current[data-group="Kollegen"] .book-count:text("0")');
  await page.waitForSelector('.contact-list :text("Kein Kontakt passt.")');
  // The same name again is refused, whatever its case.
  await page.click('.contacts-sidebar button.new-group');
  await page.fill('.group-dialog input[name=group_name]', 'kollegen');
  await page.click('.group-dialog button[type=submit]');
  await page.waitForSelector('.group-dialog .form-error:has-text("bereits eine Gruppe")');
  await page.keyboard.press('Escape');

  await page.click('.group-list button.group-select:text("Alle Kontakte")');
  await page.check('.contact-item:has(.contact-row[data-contact="Jonas Keller"]) input.contact-check');
  await page.check('.contact-item:has(.contact-row[data-contact="Mia Fischer"]) input.contact-check');
  await page.selectOption('.selection-bar select[name=add_to_group]', 'Kollegen');
  await page.waitForSelector('.group-item[data-group="Kollegen"] .book-count:text("2")');

  await page.click('.group-item[data-group="Kollegen"] button.group-select');
  await page.waitForFunction(() => document.querySelectorAll('.contact-row').length === 2);
  await page.click('.contact-row[data-contact="Mia Fischer"]');
  await page.waitForSelector('.card[data-contact="Mia Fischer"] :text("Kollegen")');
  await page.check('.contact-item:has(.contact-row[data-contact="Mia Fischer"]) input.contact-check');
  await page.click('.selection-bar button[data-action=remove-from-group]');
  await page.waitForSelector('.group-item[data-group="Kollegen"] .book-count:text("1")');
  await page.waitForFunction(() => document.querySelectorAll('.contact-row').length === 1);

  // Deleting the group keeps its contacts.
  await page.click('.group-item[data-group="Kollegen"] button.group-delete');
  await page.waitForSelector('.group-item[data-group="Kollegen"]', { state: 'detached' });
  await page.waitForSelector('.group-item.current:has-text("Alle Kontakte")');
  await page.waitForSelector('.book-item[data-book="Team"] .book-count:has-text("3")');

  // Home shows the newest contacts, in German.
  await page.click('a.sidebar-link[data-app=home]');
  const widget = page.locator('.widget-recent-contacts');
  await widget.locator('h2:text("Zuletzt hinzugefügte Kontakte")').waitFor();
  // Books others shared with ben earlier may add theirs: at most five, these three among them.
  for (const name of ['Lena Weber', 'Jonas Keller', 'Mia Fischer']) {
    await widget.locator(`li[data-contact="${name}"]`).waitFor();
  }
  assert.ok(await widget.locator('li').count() <= 5);
  noPageErrors(page);
  await page.context().close();
});

test('a photo is uploaded, cropped to a square with the keyboard, and shown on the card', async () => {
  const page = await newPage(browser);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await login(page, demo('anna'));
  await openContacts(page);
  // A 300 × 200 PNG drawn by the browser itself, and a text file that is no picture.
  const png = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 300; c.height = 200;
    const g = c.getContext('2d');
    g.fillStyle = '#c00'; g.fillRect(0, 0, 150, 200);
    g.fillStyle = '#00c'; g.fillRect(150, 0, 150, 200);
    return c.toDataURL('image/png').split(',')[1];
  });
  const picture = join(dir, 'portrait.png');
  await writeFile(picture, Buffer.from(png, 'base64'));
  const notPicture = join(dir, 'notes.txt');
  await writeFile(notPicture, 'not a picture');

  await page.click('button.new-contact');
  const form = page.locator('.contact-dialog');
  await form.locator('input[name=first]').fill('Rosalind');
  await form.locator('input[name=last]').fill('Franklin');
  await form.locator('input[name=photo]').setInputFiles(notPicture);
  await page.waitForSelector('.photo-field .form-error:has-text("not a picture")');
  await form.locator('input[name=photo]').setInputFiles(picture);
  await page.waitForSelector('.photo-crop canvas.crop-preview');
  // Zoom in and move to the left edge with the keyboard alone.
  await form.locator('input[name=zoom]').focus();
  for (let i = 0; i < 50; i++) await page.keyboard.press('ArrowRight');
  await form.locator('input[name=crop_x]').focus();
  await page.keyboard.press('Home');
  assert.equal(await form.locator('input[name=zoom]').inputValue(), '150');
  // The kept square is the red left part.
  const corner = await page.evaluate(() => {
    const c = document.querySelector('.crop-preview');
    return Array.from(c.getContext('2d').getImageData(128, 128, 1, 1).data.slice(0, 3));
  });
  assert.ok(corner[0] > 180 && corner[2] < 60, `red expected, got ${corner}`);
  await form.locator('button.use-photo').click();
  await page.waitForSelector('.photo-field img.avatar[src^="data:image/jpeg;base64,"]');
  await form.locator('button[type=submit]').click();
  await page.waitForSelector('.contact-dialog', { state: 'detached' });
  const photo = page.locator('.card[data-contact="Rosalind Franklin"] img.avatar');
  await photo.waitFor();
  assert.equal(await photo.evaluate((img) => [img.naturalWidth, img.naturalHeight].join('x')), '256x256');

  // Removed from the form, the card shows the initial again.
  await page.click('.card button.edit-contact');
  await page.click('.contact-dialog button.remove-photo');
  await page.click('.contact-dialog button[type=submit]');
  await page.waitForSelector('.contact-dialog', { state: 'detached' });
  await page.waitForSelector('.card[data-contact="Rosalind Franklin"] span.avatar:text("R")');
  noPageErrors(page);
  await page.context().close();
});

test('chloe sees the birthday of a contact in her Birthdays calendar, which stays private', async () => {
  const page = await newPage(browser);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await login(page, demo('chloe'));
  await openContacts(page);
  // Today's day and month, born in 1990: the month view shows it with the age reached.
  const today = new Date();
  const mmdd = `${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  await page.click('button.new-contact');
  const form = page.locator('.contact-dialog');
  await form.locator('input[name=first]').fill('Léa');
  await form.locator('input[name=last]').fill('Roux');
  await form.locator('input[name=birthday]').fill(`1990-${mmdd}`);
  await form.locator('button[type=submit]').click();
  await page.waitForSelector('.card[data-contact="Léa Roux"]');

  await page.click('a.sidebar-link[data-app=calendar]');
  await page.waitForURL(/\/calendar$/);
  await page.click('button[data-view=month]');
  const item = page.locator('.calendar-item[data-calendar="Anniversaires"]');
  await item.waitFor();
  const chip = page.locator(`.month-day .event-chip:has-text("🎂 Léa Roux (${today.getFullYear() - 1990})")`);
  await chip.waitFor();
  // Computed: nothing to open, and no sharing, export or deletion in its menu.
  assert.ok(await chip.locator('button').isDisabled());
  await item.locator('button[aria-haspopup=menu]').click();
  await item.locator('.menu').waitFor();
  assert.equal(await item.locator('.menu [data-action=share]').count(), 0);
  assert.equal(await item.locator('.menu .danger').count(), 0);
  // Hidden from the views like any calendar.
  await page.keyboard.press('Escape');
  await item.locator('input[type=checkbox]').uncheck();
  await chip.waitFor({ state: 'detached' });
  noPageErrors(page);
  await page.context().close();
});

test('ben reads the directory of members with teams as groups, and hides a member from the Manager', async () => {
  const page = await newPage(browser);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await login(page, demo('ben'));
  await openContacts(page);
  const directory = page.locator('.book-item[data-book=directory]');
  await directory.locator('.book-name:text("Verzeichnis")').waitFor();
  await directory.locator('.book-count:text("3")').waitFor();
  assert.equal(await directory.locator('button[aria-haspopup=menu]').count(), 0, 'nothing to change');
  await directory.locator('.book-select').click();
  await page.waitForSelector('.contact-row[data-contact="Chloé Dubois"]');
  // Members are not contacts: nothing to tick, no group to create.
  assert.equal(await page.locator('.contact-check').count(), 0);
  assert.equal(await page.locator('.contacts-sidebar button.new-group').count(), 0);
  await page.click('.group-item[data-group="Marketing"] button.group-select');
  await page.waitForFunction(() => document.querySelectorAll('.contact-row').length === 2);
  await page.click('.contact-row[data-contact="Chloé Dubois"]');
  const card = page.locator('.card[data-contact="Chloé Dubois"]');
  await card.locator('dd:text("Mitarbeitender")').waitFor();
  assert.equal(await card.locator('button.edit-contact').count(), 0);

  await page.click('a.sidebar-link[data-app=manager]');
  const listed = page.locator(`tr[data-member="${demo('chloe')}"] input[name=in_directory]`);
  const saved = () => page.waitForResponse((r) => r.url().includes('/fn/directory_listing') && r.ok());
  await listed.waitFor();
  assert.ok(await listed.isChecked());
  await Promise.all([saved(), listed.uncheck()]);
  await page.waitForSelector('.manager [role=status]:text("Gespeichert")');
  await openContacts(page);
  await page.locator('.book-item[data-book=directory] .book-count:text("2")').waitFor();

  // Listed again, for the other tests.
  await page.click('a.sidebar-link[data-app=manager]');
  await Promise.all([saved(), listed.check()]);
  noPageErrors(page);
  await page.context().close();
});

// Where three columns do not fit, the list and the card take turns and the books are a drawer.
async function cardAndBackInNarrowLayout(page, scope) {
  const app = page.locator(`${scope} .contacts-app`);
  await app.locator('.contact-list').waitFor();
  assert.equal(await app.locator('.contacts-sidebar').isVisible(), false, 'the books wait in a drawer');
  await app.locator('.books-toggle').click();
  await app.locator('.book-item[data-book=directory] .book-select').click();
  await app.locator('.contact-row[data-contact="Chloé Dubois"]').click();
  const card = app.locator('.card[data-contact="Chloé Dubois"]');
  await card.waitFor();
  assert.ok(await card.locator(`a[href="mailto:${demo('chloe')}"]`).isVisible(), 'the card is shown');
  assert.equal(await app.locator('.contact-list').isVisible(), false, 'the card takes the list\'s place');
  await card.locator('.card-back').click();
  await app.locator('.contact-row[data-contact="Chloé Dubois"]').waitFor();
  assert.equal(await card.isVisible(), false);
}

test('in the side panel a chosen contact shows its card, and Back returns to the list', async () => {
  const page = await newPage(browser);
  await page.setViewportSize({ width: 1366, height: 850 });
  await login(page, demo('anna'));
  await page.goto(page.url().replace(/\/home$/, '/calendar?panel=contacts'));
  await hydrated(page);
  await cardAndBackInNarrowLayout(page, 'aside.side-panel');
  noPageErrors(page);
  await page.context().close();
});

test('on a 390-px phone Contacts shows the list, then the card, without zooming', async () => {
  const page = await newPage(browser);
  await page.setViewportSize({ width: 390, height: 844 });
  await login(page, demo('anna'));
  await page.goto(page.url().replace(/\/home$/, '/contacts'));
  await hydrated(page);
  await cardAndBackInNarrowLayout(page, 'main');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow} px wider than the phone`);
  noPageErrors(page);
  await page.context().close();
});

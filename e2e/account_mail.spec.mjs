// The mail an account gets, followed in the browser through the test command's real SMTP
// server: confirm the address after sign-up, reset a forgotten password, change the login
// address.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, hydrated, login, noPageErrors, linkInMail } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('lea confirms her address, forgets her password and sets a new one from the mail, in German', async () => {
  const email = `lea-${Date.now()}@example.ch`;
  const page = await newPage(browser, { locale: 'de-CH' });
  await page.goto('/signup');
  await hydrated(page);
  await page.fill('#signup-name', 'Lea Brunner');
  await page.fill('#signup-email', email);
  await page.fill('#signup-password', 'erste Passphrase 1');
  await page.click('#signup-form button[type=submit]');
  await page.waitForURL(/\/s\/[0-9a-f]+\/home/);
  await hydrated(page);
  // Until she confirms, a line says so (sharing waits for it).
  const banner = page.locator('.verify-banner');
  assert.match(await banner.textContent(), new RegExp(`Bestätigen Sie Ihre Adresse ${email.replace('.', '\\.')}`));

  const confirm = await linkInMail(email, 'Bestätigen Sie Ihre E-Mail-Adresse', '/confirm-email');
  await page.goto(confirm);
  await hydrated(page);
  // Opening the link does nothing by itself: the button confirms.
  await page.click('#confirm-form button[type=submit]');
  await page.waitForSelector(`.form-success:has-text("Ihre Adresse ${email} ist bestätigt.")`);
  await page.click('a:has-text("kSuite öffnen")');
  await page.waitForURL(/\/s\/[0-9a-f]+\/home/);
  await hydrated(page);
  assert.equal(await page.locator('.verify-banner').count(), 0);

  // Signed out, she has forgotten her password.
  await page.context().clearCookies();
  await page.goto('/login');
  await hydrated(page);
  await page.click('a.forgot-link');
  await page.waitForURL(/\/forgot-password$/);
  await page.fill('#forgot-email', email);
  await page.click('#forgot-form button[type=submit]');
  await page.waitForSelector('.form-success:has-text("ist ein Link zum Wählen eines neuen Passworts unterwegs")');
  const reset = await linkInMail(email, 'Ihr kSuite-Passwort zurücksetzen', '/reset-password');
  await page.goto(reset);
  await hydrated(page);
  await page.fill('#reset-password', 'kurz');
  await page.click('#reset-form button[type=submit]');
  await page.waitForSelector('.form-error:has-text("10")');
  await page.fill('#reset-password', 'neue Passphrase 2');
  await page.click('#reset-form button[type=submit]');
  await page.waitForSelector('.form-success:has-text("Ihr Passwort ist geändert")');
  // The link worked once.
  await page.goto(reset);
  await hydrated(page);
  await page.fill('#reset-password', 'dritte Passphrase 3');
  await page.click('#reset-form button[type=submit]');
  await page.waitForSelector('.form-error:has-text("Dieser Link funktioniert nicht")');

  await login(page, email, 'neue Passphrase 2');
  noPageErrors(page);
  await page.context().close();
});

test('a member changes her login address from the security dialog, confirmed from the new one', async () => {
  const email = `max-${Date.now()}@example.ch`;
  const renamed = `max.new-${Date.now()}@example.ch`;
  const page = await newPage(browser);
  await page.goto('/signup');
  await hydrated(page);
  await page.fill('#signup-name', 'Max Wechsler');
  await page.fill('#signup-email', email);
  await page.fill('#signup-password', 'a sturdy passphrase 9');
  await page.click('#signup-form button[type=submit]');
  await page.waitForURL(/\/s\/[0-9a-f]+\/home/);
  await hydrated(page);
  await page.click('.avatar-button');
  await page.click('#open-security');
  await page.waitForSelector('#email-form');
  assert.equal(await page.textContent('#email-current'), email);
  await page.fill('#email-new', renamed);
  await page.fill('#email-password', 'not my password');
  await page.click('#email-form button[type=submit]');
  await page.waitForSelector('#email-error:has-text("The current password is not right.")');
  await page.fill('#email-password', 'a sturdy passphrase 9');
  await page.click('#email-form button[type=submit]');
  await page.waitForSelector(`#email-form .form-success:has-text("A link is on its way to ${renamed}")`);

  const confirm = await linkInMail(renamed, 'Confirm your new login address', '/confirm-email');
  await page.goto(confirm);
  await hydrated(page);
  await page.click('#confirm-form button[type=submit]');
  await page.waitForSelector(`.form-success:has-text("Your address ${renamed} is confirmed.")`);
  await page.context().clearCookies();
  await login(page, renamed, 'a sturdy passphrase 9');
  noPageErrors(page);
  await page.context().close();
});

// Shared setup for the browser tests: Debian's Chromium driven by playwright-core.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export const BASE = process.env.BASE_URL ?? 'http://127.0.0.1:3000';
export const PASSWORD = 'kSuite-demo-2026';

const CHROMIUM = {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
};

export async function launch() {
  return chromium.launch(CHROMIUM);
}

/// A browser with a real (non-incognito) profile in `dir`: installability needs one.
export async function launchProfile(dir) {
  return chromium.launchPersistentContext(dir, { ...CHROMIUM, baseURL: BASE });
}

/// A new browser context (its own cookies), with page errors failing the test.
export async function newPage(browser, { locale = 'en-US' } = {}) {
  const context = await browser.newContext({ locale, baseURL: BASE });
  const page = await context.newPage();
  watchErrors(page);
  return page;
}

/// Page errors, and anything the Content-Security-Policy refused, fail `noPageErrors`.
export function watchErrors(page) {
  page.errors = [];
  page.on('pageerror', (err) => page.errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && msg.text().includes('Content Security Policy')) {
      page.errors.push(msg.text());
    }
  });
}

/// Waits until the wasm has hydrated the page (the app marks <html data-hydrated>).
export async function hydrated(page) {
  await page.waitForSelector('html[data-hydrated="true"]', { timeout: 20_000 });
}

export async function login(page, email, password = PASSWORD) {
  await page.goto('/login');
  await hydrated(page);
  await page.fill('#login-email', email);
  await page.fill('#login-password', password);
  await page.click('#login-form button[type=submit]');
  await page.waitForURL(/\/s\/[0-9a-f]+\/home/, { timeout: 20_000 });
  await hydrated(page);
}

/// A date as a date field shows it: day, month, year in the order of the suite's languages,
/// with dots in German.
export function shownDate(iso, locale = 'en') {
  const [y, m, d] = iso.split('-');
  const sep = locale === 'de' ? '.' : '/';
  return `${d}${sep}${m}${sep}${y}`;
}

export function demo(name) {
  return `${name}@demo.example`;
}

export function noPageErrors(page) {
  assert.deepEqual(page.errors, [], 'page errors');
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/// axe-core's serious and critical findings on the page as it is, one line each. The script
/// goes in through the debugger, which the Content-Security-Policy does not govern.
export async function seriousAxeFindings(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const { violations } = await window.axe.run(document, { resultTypes: ['violations'] });
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(' | ')}`);
  });
}

/// The apps of the sidebar, and what each shows once drawn, in the main area or the panel.
export const APPS = ['home', 'mail', 'calendar', 'contacts', 'manager'];
export const DRAWN = {
  home: '.home',
  mail: '.empty-state',
  calendar: '.calendar-toolbar',
  contacts: '.contact-list',
  manager: '.manager .data-table',
};

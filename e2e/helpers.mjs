// Shared setup for the browser tests: Debian's Chromium driven by playwright-core.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';

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
/// The last console errors, warnings and failed requests are kept in `page.trail`, so a page that
/// never hydrates can say why.
export function watchErrors(page) {
  page.errors = [];
  page.trail = [];
  const note = (line) => {
    page.trail.push(line);
    if (page.trail.length > 20) page.trail.shift();
  };
  page.on('pageerror', (err) => {
    page.errors.push(err.message);
    note(`page error: ${err.message}`);
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error' && msg.text().includes('Content Security Policy')) {
      page.errors.push(msg.text());
    }
    if (msg.type() === 'error' || msg.type() === 'warning') note(`${msg.type()}: ${msg.text().slice(0, 500)}`);
  });
  page.on('requestfailed', (r) => note(`request failed: ${r.url()} ${r.failure()?.errorText}`));
}

/// Waits until the wasm has hydrated the page (the app marks <html data-hydrated>).
export async function hydrated(page) {
  try {
    await page.waitForSelector('html[data-hydrated="true"]', { timeout: 20_000 });
  } catch (err) {
    err.message += `\n${page.url()} did not hydrate; the console said:\n${(page.trail ?? []).join('\n')}`;
    err.message += `\nwhat the server sent for hydration:\n${await serverState(page)}`;
    throw err;
  }
}

/// The resources the server serialized into the page, in the order it numbered them, and the
/// alerts the page shows: a hydration mismatch is usually one resource read under another's number.
async function serverState(page) {
  try {
    return await page.evaluate(() => {
      const cut = (v) => String(v).slice(0, 160);
      const resources = (window.__RESOLVED_RESOURCES ?? []).map((v, i) => `  #${i}: ${cut(v)}`);
      const alerts = [...document.querySelectorAll('[role=alert]')].map((e) => `  alert: ${cut(e.textContent)}`);
      return [...resources, ...alerts].join('\n');
    });
  } catch (err) {
    return `  (could not read it: ${err.message})`;
  }
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
  mail: '.message-list',
  calendar: '.calendar-toolbar',
  contacts: '.contact-list',
  manager: '.manager .data-table',
};

/// The messages the test command's SMTP server stored (in the Maildir `MAILDIR` names) for
/// `to`, each as { subject, text }: Python's standard library decodes what the suite encoded.
export function mailTo(to) {
  const maildir = process.env.MAILDIR;
  assert.ok(maildir, 'MAILDIR names the SMTP server\'s Maildir (cargo xtask test sets it)');
  const script = [
    'import email, email.policy, json, os, sys',
    'folder, to = os.path.join(sys.argv[1], "new"), sys.argv[2].lower()',
    'found = []',
    'for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:',
    '    with open(os.path.join(folder, name), "rb") as f:',
    '        m = email.message_from_binary_file(f, policy=email.policy.default)',
    '    if any(a.addr_spec.lower() == to for a in m["to"].addresses):',
    '        body = m.get_body(preferencelist=("plain",))',
    '        found.append({"subject": str(m["subject"]), "text": body.get_content()})',
    'print(json.dumps(found))',
  ].join('\n');
  return JSON.parse(execFileSync('python3', ['-c', script, maildir, to], { encoding: 'utf8' }));
}

/// Waits for a message to `to` with this subject; returns the link in it that opens `page`.
export async function linkInMail(to, subject, page) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const mail = mailTo(to).find((m) => m.subject === subject);
    if (mail) {
      const link = mail.text.match(new RegExp(`https?://\\S+${page}\\?token=[0-9a-f]+`));
      assert.ok(link, `a ${page} link in: ${mail.text}`);
      return link[0];
    }
    assert.ok(Date.now() < deadline, `no mail to ${to} with subject ${subject}: ${JSON.stringify(mailTo(to))}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

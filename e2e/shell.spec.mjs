// The foundation's paths through the shell, as a new user takes them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, launchProfile, newPage, watchErrors, hydrated, login, demo, noPageErrors, BASE } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('sign up creates an account and opens its personal space', async () => {
  const page = await newPage(browser);
  await page.goto('/signup');
  await hydrated(page);
  const email = `new-${Date.now()}@example.ch`;
  await page.fill('#signup-name', 'Nora Neu');
  await page.fill('#signup-email', email);
  await page.fill('#signup-password', 'short');
  assert.match(await page.textContent('#signup-password-hint'), /at least 10 characters/);
  await page.fill('#signup-password', 'a sturdy passphrase 7');
  await page.click('#signup-form button[type=submit]');
  await page.waitForURL(/\/s\/[0-9a-f]+\/home/);
  await hydrated(page);
  assert.equal(await page.textContent('h1'), 'Welcome, Nora Neu');
  assert.match(await page.textContent('.org-name'), /my kSuite/);
  assert.match(await page.textContent('.widget'), /only member/);
  noPageErrors(page);
  await page.context().close();
});

test('a wrong password gets a clear message and no session', async () => {
  const page = await newPage(browser);
  await page.goto('/login');
  await hydrated(page);
  await page.fill('#login-email', demo('anna'));
  await page.fill('#login-password', 'not the password');
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('.form-error:has-text("Wrong e-mail address or password.")');
  assert.match(page.url(), /\/login$/);
  noPageErrors(page);
  await page.context().close();
});

test('repeated failures are slowed down with "try again in N s"', async () => {
  const page = await newPage(browser);
  await page.goto('/login');
  await hydrated(page);
  const email = `nobody-${Date.now()}@example.ch`;
  await page.fill('#login-email', email);
  let message = '';
  for (let attempt = 1; attempt <= 8 && !message.startsWith('Too many'); attempt++) {
    await page.fill('#login-password', `wrong ${attempt}`);
    const answer = page.waitForResponse((r) => r.url().endsWith('/fn/log_in'));
    await page.click('#login-form button[type=submit]');
    await (await answer).finished();
    await page.waitForSelector('#login-form button[type=submit]:not([disabled])');
    message = (await page.textContent('.form-error')).trim();
  }
  assert.match(message, /^Too many attempts\. Try again in \d+ s\.$/);
  noPageErrors(page);
  await page.context().close();
});

test('apps switch by client navigation, without reloading the document', async () => {
  const page = await newPage(browser);
  await login(page, demo('anna'));
  await page.evaluate(() => { window.__sameDocument = 'yes'; });
  const expectations = {
    mail: 'Inbox',
    calendar: 'Today',
    contacts: 'Address books',
    manager: 'Members',
    home: 'Welcome, Anna Keller',
  };
  for (const [app, text] of Object.entries(expectations)) {
    await page.click(`a.sidebar-link[data-app=${app}]`);
    await page.waitForURL(new RegExp(`/${app}$`));
    await page.waitForSelector(`main .app-view[data-app=${app}] :text("${text}")`);
    assert.equal(await page.getAttribute(`a.sidebar-link[data-app=${app}]`, 'aria-current'), 'page');
  }
  assert.equal(await page.evaluate(() => window.__sameDocument), 'yes', 'the document was reloaded');
  // The Manager lists the organization's members with their role.
  await page.click('a.sidebar-link[data-app=manager]');
  await page.waitForSelector('tr[data-member="dan@demo.example"]:has-text("External")');
  noPageErrors(page);
  await page.context().close();
});

test('the first visit to an app keeps the shell and shows progress only in the app\'s area', async () => {
  const page = await newPage(browser);
  await login(page, demo('anna'));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 400, downloadThroughput: -1, uploadThroughput: -1,
  });
  for (const [app, drawn] of [['calendar', '.calendar-toolbar'], ['contacts', '.contact-list'], ['manager', '.manager .data-table']]) {
    await page.evaluate(() => {
      window.__shellGone = false;
      window.__progress = false;
      new MutationObserver(() => {
        window.__shellGone ||= !document.querySelector('.space .topbar') || !document.querySelector('.space .sidebar');
        window.__progress ||= Boolean(document.querySelector('main .app-progress[role=progressbar]'));
      }).observe(document.body, { subtree: true, childList: true });
    });
    await page.click(`a.sidebar-link[data-app=${app}]`);
    await page.waitForSelector(`main ${drawn}`);
    assert.equal(await page.evaluate(() => window.__shellGone), false, `the shell went blank opening ${app}`);
    assert.equal(await page.evaluate(() => window.__progress), true, `no progress shown opening ${app}`);
    assert.equal(await page.locator('main .app-progress').count(), 0);
  }
  noPageErrors(page);
  await page.context().close();
});

test('the side panel opens from the ⋮ menu, survives a reload and closes', async () => {
  const page = await newPage(browser);
  await login(page, demo('anna'));
  await page.click('a.sidebar-link[data-app=mail]');
  await page.waitForURL(/\/mail$/);
  await page.hover('.sidebar-entry:has(a[data-app=calendar])');
  await page.click('.sidebar-entry:has(a[data-app=calendar]) .entry-menu-button');
  await page.click('.entry-menu a[role=menuitem]');
  await page.waitForURL(/\/mail\?panel=calendar$/);
  await page.waitForSelector('aside.side-panel[data-panel=calendar] .calendar-toolbar');
  await page.waitForSelector('main .app-view[data-app=mail]');

  await page.reload();
  await hydrated(page);
  await page.waitForSelector('aside.side-panel[data-panel=calendar]');

  // Both stay live: switching the main app keeps the panel.
  await page.click('a.sidebar-link[data-app=contacts]');
  await page.waitForURL(/\/contacts\?panel=calendar$/);
  await page.waitForSelector('aside.side-panel[data-panel=calendar]');

  await page.click('aside.side-panel a[aria-label="Close side panel"]');
  await page.waitForURL(/\/contacts$/);
  assert.equal(await page.locator('aside.side-panel').count(), 0);
  noPageErrors(page);
  await page.context().close();
});

test('the organization switcher lists the personal space first and switches', async () => {
  const page = await newPage(browser);
  await login(page, demo('anna'));
  // Menus close on Escape and on a click outside, like any menu.
  await page.click('.org-switcher-button');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#org-menu', { state: 'detached' });
  assert.equal(await page.getAttribute('.org-switcher-button', 'aria-expanded'), 'false');
  await page.click('.avatar-button');
  await page.click('main h1');
  await page.waitForSelector('#user-menu-panel', { state: 'detached' });

  await page.click('.org-switcher-button');
  const names = await page.locator('#org-menu a[role=menuitem] > span:first-child').allTextContents();
  assert.deepEqual(names, ['my kSuite', 'Demo SA']);
  await page.click('#org-menu a:has-text("my kSuite")');
  await page.waitForSelector('.org-name:text("my kSuite")');
  await page.waitForSelector('.widget :text("You are the only member of this space.")');
  noPageErrors(page);
  await page.context().close();
});

test('switching organization keeps each app alive, the Manager included', async () => {
  const page = await newPage(browser);
  await login(page, demo('anna'));
  for (const app of ['manager', 'calendar', 'contacts', 'home']) {
    await page.click(`a.sidebar-link[data-app=${app}]`);
    await page.waitForURL(new RegExp(`/${app}$`));
    for (const org of ['my kSuite', 'Demo SA']) {
      await page.click('.org-switcher-button');
      await page.click(`#org-menu a:has-text("${org}")`);
      await page.waitForSelector(`.org-name:text("${org}")`);
      await page.waitForURL(new RegExp(`/${app}$`));
    }
  }
  // Still live after the switches: the Manager shows Demo SA's members.
  await page.click('a.sidebar-link[data-app=manager]');
  await page.waitForSelector('tr[data-member="dan@demo.example"]');
  noPageErrors(page);
  await page.context().close();
});

test('the language switches at once to German and back, and is remembered', async () => {
  const page = await newPage(browser);
  await login(page, demo('anna'));
  await page.click('.avatar-button');
  await page.selectOption('.user-menu-panel select[name=language]', 'de');
  await page.waitForSelector('a.sidebar-link[data-app=home] :text("Startseite")');
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  assert.equal(await page.textContent('h1'), 'Willkommen, Anna Keller');
  assert.match(await page.textContent('a.sidebar-link[data-app=calendar]'), /Kalender/);
  // No English left on the German page.
  const body = await page.textContent('body');
  for (const english of ['Welcome', 'Calendar', 'Contacts', 'Status message', 'Log out', 'Legal representative']) {
    assert.ok(!body.includes(english), `"${english}" left in German`);
  }
  await page.reload();
  await hydrated(page);
  assert.equal(await page.textContent('h1'), 'Willkommen, Anna Keller');
  await page.click('.avatar-button');
  await page.selectOption('.user-menu-panel select[name=language]', 'en');
  await page.waitForSelector('a.sidebar-link[data-app=home] :text("Home")');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  noPageErrors(page);
  await page.context().close();
});

test('before login the language follows Accept-Language', async () => {
  const page = await newPage(browser, { locale: 'es-ES' });
  await page.goto('/login');
  await hydrated(page);
  assert.equal(await page.textContent('h1'), 'Inicia sesión en tu kSuite');
  assert.equal(await page.getAttribute('html', 'lang'), 'es');
  await page.context().close();
});

test('ben and chloe see anna change her status live', async () => {
  const anna = await newPage(browser);
  const ben = await newPage(browser);
  const chloe = await newPage(browser);
  await login(ben, demo('ben'));
  await login(chloe, demo('chloe'));
  await login(anna, demo('anna'));
  const annaRow = '.member:has(.member-name:text-is("Anna Keller")) .member-status';
  for (const watcher of [ben, chloe]) {
    await watcher.waitForSelector(`${annaRow}[data-status=online]`);
  }
  await anna.click('.avatar-button');
  await anna.fill('#status-message', 'Client workshop');
  await anna.click('.status-option:has(input[value=busy])');
  for (const watcher of [ben, chloe]) {
    await watcher.waitForSelector(`${annaRow}[data-status=busy]:has-text("Client workshop")`);
  }
  // Closing her tab makes her offline for the others.
  await anna.context().close();
  await ben.waitForSelector(`${annaRow}[data-status=offline]`);
  noPageErrors(ben);
  noPageErrors(chloe);
  await ben.context().close();
  await chloe.context().close();
});

test('the profile dialog saves name, language and time zone', async () => {
  const page = await newPage(browser);
  await login(page, demo('dan'));
  await page.click('.avatar-button');
  await page.click('.user-menu-panel .menu-item:nth-of-type(1)');
  await page.waitForSelector('[role=dialog][aria-modal=true]');
  await page.fill('#profile-name', 'Daniele Rossi');
  await page.selectOption('#profile-locale', 'es');
  await page.waitForSelector('#profile-time-zone option[value="America/New_York"]', { state: 'attached' });
  await page.selectOption('#profile-time-zone', 'America/New_York');
  await page.click('[role=dialog] button[type=submit]');
  await page.waitForSelector('[role=dialog][aria-modal=true]', { state: 'detached' });
  await page.waitForSelector('h1:text("Te damos la bienvenida, Daniele Rossi")');
  // dan is external: only the Calendar app besides Home.
  const apps = await page.locator('a.sidebar-link').evaluateAll((links) => links.map((a) => a.dataset.app));
  assert.deepEqual(apps, ['home', 'calendar']);
  noPageErrors(page);
  await page.context().close();
});

test('the profile country is named in the member\'s language and kept', async () => {
  const page = await newPage(browser);
  await login(page, demo('chloe'));
  const openProfile = async () => {
    await page.click('.avatar-button');
    await page.click('.user-menu-panel .menu-item:nth-of-type(1)');
    await page.waitForSelector('#profile-country option[value="DE"]', { state: 'attached' });
  };
  await openProfile();
  // chloe's demo profile lives in France, and she reads French.
  assert.equal(await page.inputValue('#profile-country'), 'FR');
  assert.equal(await page.textContent('#profile-country option[value="DE"]'), 'Allemagne');
  assert.equal(await page.textContent('#profile-country option[value=""]'), 'Non indiqué');
  await page.selectOption('#profile-country', 'CH');
  await page.click('[role=dialog] button[type=submit]');
  await page.waitForSelector('[role=dialog][aria-modal=true]', { state: 'detached' });
  await page.reload();
  await openProfile();
  assert.equal(await page.inputValue('#profile-country'), 'CH');
  assert.equal(await page.textContent('#profile-country option[value="CH"]'), 'Suisse');
  noPageErrors(page);
  await page.context().close();
});

test('log out ends the session and the spaces ask to sign in again', async () => {
  const page = await newPage(browser);
  await login(page, demo('ben'));
  const home = page.url();
  await page.click('.avatar-button');
  await page.click('.user-menu-panel .menu-item:has-text("Abmelden")');
  await page.waitForURL(/\/login$/);
  // Back shows no personal page, from a cache or drawn for a moment: the browser lands on the
  // sign-in page again.
  await page.evaluate(() => {
    window.__sawSpace = false;
    new MutationObserver(() => { window.__sawSpace ||= Boolean(document.querySelector('.space .topbar')); })
      .observe(document, { subtree: true, childList: true });
  });
  await page.goBack();
  await page.waitForFunction(() => location.pathname === '/login' && document.querySelector('#login-form'));
  assert.equal(await page.evaluate(() => window.__sawSpace ?? false), false, 'a personal page came back');
  assert.equal(await page.locator('.space').count(), 0, 'a personal page came back');
  assert.equal(await page.locator('text=Ben Meier').count(), 0);
  await page.goto(home);
  await page.waitForURL(/\/login$/);
  noPageErrors(page);
  await page.context().close();
});

test('a member sees where she is signed in and signs out everywhere else', async () => {
  const here = await newPage(browser);
  const there = await newPage(browser);
  await login(there, demo('chloe'));
  await login(here, demo('chloe'));
  await here.click('.avatar-button');
  await here.click('#open-security');
  await here.waitForSelector('.security-dialog .session[data-current=true]');
  // This browser, the other one, and any earlier test's.
  assert.ok((await here.locator('.security-dialog .session').count()) >= 2);
  await here.click('#end-other-sessions');
  await here.waitForFunction(() => document.querySelectorAll('.security-dialog .session').length === 1);
  // The other browser is signed out: its next page asks to sign in.
  await there.goto(there.url());
  await there.waitForURL(/\/login$/);
  // A wrong current password is refused with a message, in French.
  await here.fill('#password-current', 'not my password');
  await here.fill('#password-new', 'a new long passphrase 42');
  await here.click('#password-form button[type=submit]');
  await here.waitForSelector('#password-form .form-error:text("Le mot de passe actuel n’est pas le bon.")');
  noPageErrors(here);
  await here.context().close();
  await there.context().close();
});

test('a new password ends the other sessions, the list and the form show it', async () => {
  const email = `pw-${Date.now()}@example.ch`;
  const setUp = await newPage(browser);
  await setUp.goto('/signup');
  await hydrated(setUp);
  await setUp.fill('#signup-name', 'Paula Wechsel');
  await setUp.fill('#signup-email', email);
  await setUp.fill('#signup-password', 'first passphrase 1');
  await setUp.click('#signup-form button[type=submit]');
  await setUp.waitForURL(/\/s\/[0-9a-f]+\/home/);
  const here = await newPage(browser);
  await login(here, email, 'first passphrase 1');
  await here.click('.avatar-button');
  await here.click('#open-security');
  await here.waitForSelector('.security-dialog .session:not([data-current=true])');
  // The same password again is refused, and says why.
  await here.fill('#password-current', 'first passphrase 1');
  await here.fill('#password-new', 'first passphrase 1');
  await here.click('#password-form button[type=submit]');
  await here.waitForSelector('#password-error:text("The new password is the same as the current one.")');
  assert.equal(await here.getAttribute('#password-new', 'aria-invalid'), 'true');
  await here.fill('#password-new', 'second passphrase 2');
  await here.click('#password-form button[type=submit]');
  await here.waitForSelector('.form-success:text("Password changed")');
  // The fields are emptied and the list, read again, holds this device alone.
  await here.waitForFunction(() => document.querySelectorAll('.security-dialog .session').length === 1);
  assert.equal(await here.inputValue('#password-current'), '');
  assert.equal(await here.inputValue('#password-new'), '');
  assert.equal(await here.locator('#end-other-sessions').count(), 0);
  // The other browser, moving within the app, is told and offered the way back in.
  await setUp.click('a.sidebar-link[data-app=calendar]');
  await setUp.click('[role=alert] a[href="/login"]');
  await setUp.waitForURL(/\/login$/);
  noPageErrors(here);
  await here.context().close();
  await setUp.context().close();
});

test('a dialog keeps the keyboard: focus in, Tab inside, Escape out, focus back', async () => {
  const page = await newPage(browser);
  await login(page, demo('anna'));
  const activeInDialog = () => page.evaluate(() => !!document.activeElement?.closest('[role=dialog]'));
  for (const round of [1, 2]) {
    await page.click('.avatar-button');
    await page.click('#open-security');
    await page.waitForSelector('.security-dialog');
    // Every opening, not only the first: focus is on the dialog (no field, so no keyboard pops
    // up on a phone).
    await page.waitForFunction(() => document.activeElement?.matches('.security-dialog'));
    // Tab and Shift+Tab cycle through the dialog's controls without leaving it.
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      assert.ok(await activeInDialog(), `Tab ${i} of round ${round} left the dialog`);
    }
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Shift+Tab');
      assert.ok(await activeInDialog(), `Shift+Tab ${i} of round ${round} left the dialog`);
    }
    // A click on its text keeps Escape working.
    await page.click('#security-title');
    await page.keyboard.press('Escape');
    await page.waitForSelector('.security-dialog', { state: 'detached' });
    await page.waitForFunction(() => document.activeElement?.matches('.avatar-button'));
  }
  // The profile dialog alike, with focus on its first field.
  await page.click('.avatar-button');
  await page.click('.user-menu-panel .menu-item:has-text("Profile")');
  await page.waitForFunction(() => document.activeElement?.id === 'profile-name');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.activeElement?.matches('.avatar-button'));
  noPageErrors(page);
  await page.context().close();
});

test('menus take the arrow keys, Home and End, and Escape gives focus back; skip to content moves focus', async () => {
  const page = await newPage(browser);
  await login(page, demo('anna'));
  const focused = () => page.evaluate(() => document.activeElement?.textContent.trim());

  // The first Tab reaches "Skip to content", which moves focus to the app's area.
  await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => document.activeElement?.matches('.skip-link')));
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'main');

  const org = new URL(page.url()).pathname.split('/')[2];
  await page.goto(`/s/${org}/calendar`);
  await hydrated(page);
  const button = page.locator('.calendar-item').first().locator('button[aria-haspopup=menu]');
  await button.focus();
  await page.keyboard.press('Enter');
  const items = await page.locator('.calendar-item [role=menu] [role=menuitem]').allTextContents();
  assert.ok(items.length >= 3, `${items}`);
  await page.waitForFunction((first) => document.activeElement?.textContent.trim() === first, items[0]);
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(), items[1]);
  await page.keyboard.press('End');
  assert.equal(await focused(), items.at(-1));
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(), items[0], 'down from the last item goes round to the first');
  await page.keyboard.press('ArrowUp');
  assert.equal(await focused(), items.at(-1));
  await page.keyboard.press('Home');
  assert.equal(await focused(), items[0]);
  await page.keyboard.press('Escape');
  await page.locator('.calendar-item [role=menu]').waitFor({ state: 'detached' });
  assert.ok(await button.evaluate((b) => b === document.activeElement), 'focus is back on ⋮');

  // The sidebar's ⋮ menu alike.
  await page.locator('.sidebar-entry:has([data-app=contacts]) .entry-menu-button').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.matches('.entry-menu [role=menuitem]'));
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.activeElement?.matches('.entry-menu-button'));
  noPageErrors(page);
  await page.context().close();
});

test('controls have accessible names', async () => {
  const page = await newPage(browser);
  await login(page, demo('anna'));
  await page.click('.avatar-button');
  const unnamed = await page.evaluate(() =>
    [...document.querySelectorAll('button, a[href], select, input:not([type=hidden])')]
      .filter((el) => {
        const label = el.getAttribute('aria-label') || el.textContent.trim() || el.getAttribute('title')
          || (el.id && document.querySelector(`label[for="${el.id}"]`)) || el.closest('label');
        return !label;
      })
      .map((el) => el.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(unnamed, []);
  await page.context().close();
});

test('the web app manifest is served, the service worker registers and the site is installable', async () => {
  const profile = await mkdtemp(join(tmpdir(), 'ksuite-profile-'));
  const context = await launchProfile(profile);
  const page = context.pages()[0] ?? (await context.newPage());
  watchErrors(page);
  await login(page, demo('chloe'));
  const manifest = await (await page.request.get(`${BASE}/manifest.webmanifest`)).json();
  assert.equal(manifest.display, 'standalone');
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  assert.equal(scope, `${BASE}/`);
  const cacheNames = await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    for (let i = 0; i < 50; i++) {
      const keys = await caches.keys();
      if (keys.length) return keys;
      await new Promise((r) => setTimeout(r, 100));
    }
    return caches.keys();
  });
  assert.match(cacheNames.join(','), /^ksuite-shell-[0-9a-f]{12}$/);
  // Pages (personal data) are never cached, even after a lazily loaded app was opened; the
  // page and its lazy chunk ran under the Content-Security-Policy.
  const home = page.url();
  await page.goto(home.replace(/\/home$/, '/calendar'));
  await hydrated(page);
  await page.waitForSelector('.calendar-toolbar');
  await page.goto(home);
  await hydrated(page);
  const csp = (await page.request.get(home)).headers()['content-security-policy'];
  assert.match(csp, /script-src 'self' 'nonce-[A-Za-z0-9_-]+' 'wasm-unsafe-eval'/);
  assert.match(csp, /frame-ancestors 'none'/);
  const cached = await page.evaluate(async () => {
    const urls = [];
    for (const name of await caches.keys()) {
      for (const req of await (await caches.open(name)).keys()) urls.push(new URL(req.url).pathname);
    }
    return urls;
  });
  assert.ok(cached.length > 0);
  assert.deepEqual(cached.filter((p) => !p.startsWith('/pkg/') && !p.startsWith('/icons/')), []);
  noPageErrors(page);
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors, []);
  await context.close();
  await rm(profile, { recursive: true, force: true });
});

// axe-core on every page a member meets, on a desktop and on a phone: no serious or critical
// finding.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, hydrated, login, demo, seriousAxeFindings, noPageErrors, APPS, DRAWN } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const [device, viewport] of [['desktop', { width: 1366, height: 850 }], ['phone', { width: 390, height: 844 }]]) {
  test(`axe finds nothing serious on the login page and every app page (${device})`, async () => {
    const page = await newPage(browser);
    await page.setViewportSize(viewport);
    await page.goto('/login');
    await hydrated(page);
    const findings = { login: await seriousAxeFindings(page) };
    await login(page, demo('anna'));
    const org = new URL(page.url()).pathname.split('/')[2];
    for (const app of APPS) {
      await page.goto(`/s/${org}/${app}`);
      await hydrated(page);
      await page.waitForSelector(`main ${DRAWN[app]}`);
      findings[app] = await seriousAxeFindings(page);
    }
    await page.goto(`/s/${org}/calendar?panel=contacts`);
    await hydrated(page);
    await page.waitForSelector(`aside.side-panel ${DRAWN.contacts}`);
    findings['calendar with contacts'] = await seriousAxeFindings(page);
    const expected = Object.fromEntries(Object.keys(findings).map((k) => [k, []]));
    assert.deepEqual(findings, expected);
    noPageErrors(page);
    await page.context().close();
  });
}

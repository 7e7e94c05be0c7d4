// The side panel, the shell's headline feature: reached by mouse from every app, and every
// pairing of a main app with a panel app loads cold and hydrates.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, hydrated, login, demo, noPageErrors, APPS, DRAWN } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

function orgOf(page) {
  return new URL(page.url()).pathname.split('/')[2];
}

test('the ⋮ menu opens above the page in every app and a mouse click on it opens the panel', async () => {
  const page = await newPage(browser);
  await login(page, demo('anna'));
  const org = orgOf(page);
  for (const main of APPS) {
    const target = main === 'calendar' ? 'contacts' : 'calendar';
    await page.goto(`/s/${org}/${main}`);
    await hydrated(page);
    await page.waitForSelector(`main ${DRAWN[main]}`);
    const entry = `.sidebar-entry:has(a[data-app=${target}])`;
    await page.hover(entry);
    await page.click(`${entry} .entry-menu-button`);
    const item = page.locator(`${entry} .entry-menu a[role=menuitem]`);
    const box = await item.boundingBox();
    const x = box.x + box.width * 0.75;
    const y = box.y + box.height / 2;
    // What a real pointer meets at that spot is the menu item, not the app underneath.
    const onTop = await page.evaluate(([x, y]) => {
      const hit = document.elementFromPoint(x, y);
      return Boolean(hit?.closest('.entry-menu a[role=menuitem]'));
    }, [x, y]);
    assert.ok(onTop, `the menu is covered in ${main}`);
    await page.mouse.click(x, y);
    await page.waitForURL(new RegExp(`/${main}\\?panel=${target}$`));
    await page.waitForSelector(`aside.side-panel[data-panel=${target}] ${DRAWN[target]}`);
  }
  noPageErrors(page);
  await page.context().close();
});

test('every main app with every other app in the panel loads cold and hydrates', async () => {
  const page = await newPage(browser);
  await login(page, demo('anna'));
  const org = orgOf(page);
  for (const main of APPS) {
    for (const panel of APPS.filter((a) => a !== main)) {
      page.errors.length = 0;
      await page.goto(`/s/${org}/${main}?panel=${panel}`);
      await hydrated(page);
      await page.waitForSelector(`main ${DRAWN[main]}`);
      await page.waitForSelector(`aside.side-panel[data-panel=${panel}] ${DRAWN[panel]}`);
      assert.deepEqual(page.errors, [], `${main}?panel=${panel}`);
      // Hydrated means live: closing the panel is a client navigation that removes it.
      await page.evaluate(() => { window.__sameDocument = true; });
      await page.click('aside.side-panel a.icon-button');
      await page.waitForURL(new RegExp(`/${main}$`));
      await page.waitForSelector('aside.side-panel', { state: 'detached' });
      assert.equal(await page.evaluate(() => window.__sameDocument), true, `${main}?panel=${panel} reloaded`);
    }
  }
  noPageErrors(page);
  await page.context().close();
});

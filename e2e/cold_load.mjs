// A cold page load in Chromium, for `cargo xtask bench`: anna signed in, an empty cache, the
// page opened by its address; measured from the navigation's start to the HTML, to the first
// paint, and to hydrated (the wasm has taken over the server's page, `html[data-hydrated]`),
// with what was downloaded. Once over loopback, once over a 4G-like link (40 ms round trip,
// 9 Mbit/s down), which is where the bundle's size shows. Prints Markdown lines.
//
//   BASE_URL=http://127.0.0.1:3000 node e2e/cold_load.mjs
import { launch, BASE, PASSWORD, demo } from './helpers.mjs';

const RUNS = 5;
const LINKS = [
  ['loopback', null],
  ['4G (40 ms RTT, 9 Mbit/s)', { latency: 40, downloadThroughput: (9e6 / 8), uploadThroughput: (3e6 / 8) }],
];

/// Records when the page becomes hydrated and when it first paints, in the page's own clock.
const MARKS = `
  new MutationObserver((_, observer) => {
    if (document.documentElement?.dataset.hydrated === 'true') {
      window.__hydratedAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-hydrated'] });
`;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function signedIn(browser) {
  const context = await browser.newContext({ baseURL: BASE });
  const page = await context.newPage();
  const answer = await page.request.post('/api/v1/auth/login', {
    data: { email: demo('anna'), password: PASSWORD },
  });
  if (!answer.ok()) throw new Error(`login: ${answer.status()}`);
  await page.goto('/');
  const home = new URL(page.url()).pathname;
  const state = await context.storageState();
  await context.close();
  return { state, org: home.split('/')[2] };
}

async function once(browser, state, path, link, ready) {
  const context = await browser.newContext({ baseURL: BASE, storageState: state });
  const page = await context.newPage();
  await page.addInitScript(MARKS);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (link) await cdp.send('Network.emulateNetworkConditions', { offline: false, ...link });
  await page.goto(path, { waitUntil: 'commit' });
  await page.waitForSelector('html[data-hydrated="true"]', { timeout: 60_000 });
  await page.waitForSelector(ready, { timeout: 60_000 });
  const figures = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    const resources = performance.getEntriesByType('resource');
    const bytes = resources.reduce((sum, r) => sum + r.transferSize, nav.transferSize);
    return {
      html: nav.responseEnd,
      paint: paint?.startTime ?? NaN,
      hydrated: window.__hydratedAt,
      requests: resources.length + 1,
      kib: bytes / 1024,
      wasm: resources.filter((r) => r.name.endsWith('.wasm')).map((r) => r.name.split('/').pop()),
    };
  });
  await context.close();
  return figures;
}

const browser = await launch();
try {
  const { state, org } = await signedIn(browser);
  const pages = [
    ['Home', `/s/${org}/home`, '.home'],
    ['Calendar', `/s/${org}/calendar`, '.calendar-toolbar'],
  ];
  for (const [linkName, link] of LINKS) {
    for (const [name, path, ready] of pages) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await once(browser, state, path, link, ready));
      const m = (key) => median(runs.map((r) => r[key])).toFixed(0);
      console.log(
        `- cold load of ${name} over ${linkName}, median of ${RUNS}: HTML ${m('html')} ms, ` +
          `first paint ${m('paint')} ms, hydrated ${m('hydrated')} ms; ${runs[0].requests} requests, ` +
          `${median(runs.map((r) => r.kib)).toFixed(0)} KiB transferred (wasm: ${runs[0].wasm.join(', ')})`,
      );
    }
  }
} finally {
  await browser.close();
}

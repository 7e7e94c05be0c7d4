// kSuite service worker. The server fills in the build id, so each deploy gets its own cache and
// old wasm is never served with new HTML.
const BUILD = "__BUILD_ID__";
const CACHE = `ksuite-shell-${BUILD}`;
const SHELL = [
  `/pkg/${BUILD}/app.js`,
  `/pkg/${BUILD}/app_bg.wasm`,
  `/pkg/${BUILD}/__wasm_split.______________________.js`,
  `/pkg/${BUILD}/ksuite.css`,
  "/icons/icon.svg",
  "/icons/icon-192.png",
];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;

  // Build assets never change under their URL: cache first. An app's wasm chunk is kept once
  // fetched, so the app opens offline after its first use.
  if (url.pathname.startsWith("/pkg/") || url.pathname.startsWith("/icons/")) {
    event.respondWith(
      caches.match(request).then(
        (hit) =>
          hit ||
          fetch(request).then((response) => {
            if (response.ok && url.pathname.startsWith(`/pkg/${BUILD}/`)) {
              const copy = response.clone();
              caches.open(CACHE).then((cache) => cache.put(request, copy));
            }
            return response;
          }),
      ),
    );
    return;
  }
  // Pages hold personal data: never cached. Offline, a short notice instead.
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(() => offline()));
  }
});

function offline() {
  const asked = (self.navigator.language || "en").slice(0, 2);
  const lang = ["fr", "de", "it", "es"].includes(asked) ? asked : "en";
  const text = {
    fr: "Vous êtes hors ligne. La page s’ouvrira dès que la connexion reviendra.",
    de: "Sie sind offline. Die Seite öffnet sich, sobald die Verbindung zurück ist.",
    it: "Sei offline. La pagina si aprirà appena torna la connessione.",
    es: "Estás sin conexión. La página se abrirá en cuanto vuelva la conexión.",
  }[lang] || "You are offline. The page opens as soon as the connection is back.";
  const body = `<!doctype html><html lang="${lang}"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>kSuite</title><p style="font:1rem system-ui;margin:2rem">${text}</p></html>`;
  return new Response(body, { headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}

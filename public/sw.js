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
  // Pages: the network first, the last copy when offline. Signing out forgets them.
  if (request.mode === "navigate") {
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (url.pathname === "/login") {
            caches.open(CACHE).then((cache) =>
              cache.keys().then((keys) => keys.filter((k) => !k.url.includes("/pkg/") && !k.url.includes("/icons/")).forEach((k) => cache.delete(k))),
            );
          } else if (response.ok) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put(request, copy));
          }
          return response;
        })
        .catch(() => caches.match(request).then((hit) => hit || Response.error())),
    );
  }
});

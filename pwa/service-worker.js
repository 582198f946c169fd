// Funnelcast's service worker: the app works offline once it has been opened.
//
// This file is a template: the release build (`cargo xtask split`, trunk's post-build hook)
// writes it into the site as service-worker.js with FILES, every file of the site, and
// VERSION, a hash of them all. On its first visit a browser installs it, which stores those
// files in a cache named after the version; from then on every file of the site is answered
// from that cache, with or without a network. A new release has a new VERSION, so the browser
// installs the new worker beside the old one, storing the new files; it waits until the page
// (register.js) asks it to take over, then deletes the old cache.
//
// Every path is relative to the worker's own address, so the site works from any base path.

const VERSION = "{{VERSION}}";
const FILES = [/* {{FILES}} */];
const CACHE = `funnelcast-${VERSION}`;
const PAGE = new URL("./index.html", self.location).href;

self.addEventListener("install", (event) => {
  // `reload`: the files from the server, never an older copy from the HTTP cache.
  const requests = FILES.map((file) => new Request(new URL(file, self.location), { cache: "reload" }));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(requests)));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("funnelcast-") && name !== CACHE) await caches.delete(name);
      }
      // The page that installed the first worker is served by it at once (its parts loaded
      // later included), not from its next visit.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "funnelcast:take-over") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const scope = new URL(self.registration.scope);
  const url = new URL(request.url);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // The page, at whatever address (a share link's fragment, a query): index.html.
      const key = request.mode === "navigate" ? PAGE : request;
      const stored = await cache.match(key, { ignoreSearch: true });
      return stored ?? fetch(request);
    })(),
  );
});

// razem serve, authoring mode: this service worker removes itself and
// razem's offline caches, so a worker installed by an intranet run on the
// same address can never serve a stale page while content is being edited.
// It has no fetch handler: every request goes to the network.
self.addEventListener('install', function () { self.skipWaiting(); });
self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k.indexOf('razem-') === 0; })
      .map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.registration.unregister(); }));
});

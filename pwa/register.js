// Installs the service worker that keeps the app for offline use (service-worker.js, written
// by the release build), and tells the app when a newer version is ready:
// `window.funnelcastUpdate` holds the waiting worker and the event `funnelcast:update` fires;
// the app offers a reload, and `window.funnelcastTakeUpdate()` hands over to the new version
// and reloads the page once it has. Where service workers are not available (an old browser,
// a private window, a page not served over HTTPS or from localhost) nothing happens and the
// app works online as before.
if ("serviceWorker" in navigator) {
  const offer = (worker) => {
    window.funnelcastUpdate = worker;
    window.dispatchEvent(new Event("funnelcast:update"));
  };
  navigator.serviceWorker
    .register("./service-worker.js")
    .then((registration) => {
      // A version that was already waiting when this page opened.
      if (registration.waiting && navigator.serviceWorker.controller) offer(registration.waiting);
      registration.addEventListener("updatefound", () => {
        const installing = registration.installing;
        if (!installing) return;
        installing.addEventListener("statechange", () => {
          // Installed while an older version serves this page: an update, not a first visit.
          if (installing.state === "installed" && navigator.serviceWorker.controller) offer(installing);
        });
      });
    })
    .catch((error) => console.info(`Funnelcast works online only here: ${error}`));
  let reloading = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (window.funnelcastTakingUpdate && !reloading) {
      reloading = true;
      window.location.reload();
    }
  });
  window.funnelcastTakeUpdate = () => {
    if (!window.funnelcastUpdate) return;
    window.funnelcastTakingUpdate = true;
    window.funnelcastUpdate.postMessage("funnelcast:take-over");
  };
}

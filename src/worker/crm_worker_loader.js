// Starts the CRM import's worker (src/bin/crm_worker.rs). Trunk builds it with wasm-bindgen's
// no-modules target as crm_worker.js and crm_worker_bg.wasm, next to this file (index.html copies it
// into the site); relative URLs here resolve against this script's own address, so the site
// works under any base path.
importScripts("./crm_worker.js");
wasm_bindgen({ module_or_path: "./crm_worker_bg.wasm" }).catch((error) => {
  // A rejected promise would go unnoticed by the page; an uncaught error reaches the
  // Worker's `error` event, where the pool reports it instead of waiting forever.
  setTimeout(() => {
    throw error;
  });
});

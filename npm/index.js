// Funnelcast's engine as an ES module for web pages and bundlers: the package's "default"
// entry (Node takes node.js). The wasm beside this file is fetched and instantiated before the
// module finishes loading (top-level await), so every function is synchronous and ready once
// `import` resolves. `cargo xtask pkg` copies this file into pkg/ (README, "Using the engine
// from JavaScript").
import init from "./funnelcast_wasm.js";

await init({ module_or_path: new URL("./funnelcast_wasm_bg.wasm", import.meta.url) });

export { simulate, sensitivity, compare, journeys, calibrate } from "./funnelcast_wasm.js";

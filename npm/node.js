// Funnelcast's engine as an ES module for Node: the package's "node" entry. Node's fetch does
// not read file: URLs, so the wasm beside this file is read from disk and instantiated
// synchronously. `cargo xtask pkg` copies this file into pkg/.
import { readFileSync } from "node:fs";
import { initSync } from "./funnelcast_wasm.js";

initSync({ module: readFileSync(new URL("./funnelcast_wasm_bg.wasm", import.meta.url)) });

export { simulate, sensitivity, compare, journeys, calibrate } from "./funnelcast_wasm.js";

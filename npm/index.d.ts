// The typings of both entries (index.js and node.js): wasm-bindgen's declarations of the
// functions src/bin/pkg.rs exports, with the option types written there. `cargo xtask pkg`
// copies this file into pkg/.
export { simulate, sensitivity, compare, journeys, calibrate } from "./funnelcast_wasm.js";
export type {
  ScenarioInput,
  Seed,
  SimulateOptions,
  SensitivityOptions,
  CompareOptions,
  JourneysOptions,
  HistoryInput,
  ColumnRole,
  CalibrateOptions,
  Calibrated,
} from "./funnelcast_wasm.js";

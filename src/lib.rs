//! Funnelcast: Monte Carlo forecasts of what a sales funnel will produce.
//!
//! Modules in reading order: the scenario format and its validation, the simulation engine
//! built on the validated model, the chart drawing built on the engine's report, the protocol of
//! the simulation's Web Workers, and (in the browser only) the user interface.

// Native always (the command line's JSON); in wasm32 only for the npm package (`pkg` feature).
#[cfg(any(not(target_arch = "wasm32"), feature = "pkg"))]
pub mod api;
pub mod app_model;
pub mod calibrate;
pub mod charts;
pub mod decisions;
pub mod engine;
pub mod i18n;
pub mod scenario;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

#[cfg(not(target_arch = "wasm32"))]
pub mod schema;

pub mod worker;

#[cfg(target_arch = "wasm32")]
pub mod ui;

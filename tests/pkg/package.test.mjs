// The npm package (`cargo xtask pkg`) against the command line: every function's JSON text
// byte for byte what `funnelcast run | sensitivity | compare | journeys | calibrate` prints for
// the same input and options, its defaults the command line's, its errors thrown as `Error`s
// naming the argument and the field with the command line's words; then the page's entry in
// headless Chromium.
//
// Run by `cargo xtask test` (phase "npm package"), which builds the package under target/pkg
// and the release command line first and passes them as FUNNELCAST_PKG and FUNNELCAST_CLI:
//   FUNNELCAST_PKG=target/pkg FUNNELCAST_CLI=target/release/funnelcast node --test tests/pkg/

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:http";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, extname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const packageDir = resolve(process.env.FUNNELCAST_PKG ?? join(root, "pkg"));
const cli = resolve(process.env.FUNNELCAST_CLI ?? join(root, "target", "release", "funnelcast"));
for (const [what, path] of [["the package (FUNNELCAST_PKG)", join(packageDir, "package.json")], ["the command line (FUNNELCAST_CLI)", cli]]) {
  if (!existsSync(path)) {
    throw new Error(`${what} is missing at ${path}: run \`cargo xtask pkg\` and \`cargo build --release\`, or \`cargo xtask test\``);
  }
}

const scratch = mkdtempSync(join(tmpdir(), "funnelcast-pkg-"));
// Removed when Node exits. A browser's helper processes can still be writing their profile for a
// moment after the browser itself ended, so the removal retries, and what it still cannot
// remove under the system's temporary directory is said, not thrown from the exit handler.
process.on("exit", () => {
  try {
    rmSync(scratch, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  } catch (error) {
    console.error(`could not remove ${scratch}: ${error.message}`);
  }
});

// The package imported by its name, as a program that depends on it imports it: Node resolves
// "funnelcast" through node_modules and the package.json's exports (the "node" condition).
mkdirSync(join(scratch, "node_modules"));
symlinkSync(packageDir, join(scratch, "node_modules", "funnelcast"), "dir");
writeFileSync(join(scratch, "program.mjs"), 'export * from "funnelcast";\n');
const funnelcast = await import(pathToFileURL(join(scratch, "program.mjs")).href);

const presets = readdirSync(join(root, "presets"))
  .filter((file) => file.endsWith(".json"))
  .sort()
  .map((file) => join(root, "presets", file));
const crm = join(root, "examples", "crm");
const histories = readdirSync(crm)
  .filter((file) => file.endsWith(".csv"))
  .sort()
  .map((file) => join(crm, file));
const pipeline = join(crm, "pipeline.json");
const text = (path) => readFileSync(path, "utf8");

/** The command line's run: its standard output and error, and its exit code. */
function run(args) {
  const result = spawnSync(cli, args, { encoding: "utf8", maxBuffer: 1 << 30 });
  if (result.error) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

/** What a command that must succeed prints on standard output. */
function printed(args) {
  const result = run(args);
  assert.equal(result.status, 0, `funnelcast ${args.join(" ")} failed: ${result.stderr}`);
  return result.stdout;
}

/** The two texts are the same, byte for byte; else the first line that differs. */
function same(actual, expected, what) {
  if (actual === expected) return;
  const a = actual.split("\n");
  const b = expected.split("\n");
  const line = a.findIndex((row, i) => row !== b[i]);
  assert.fail(
    `${what}: the package's JSON differs from the command line's at line ${line + 1}:\n` +
      `  package:      ${a[line]}\n  command line: ${b[line]}\n` +
      `(${a.length} and ${b.length} lines)`,
  );
}

/** A scenario file written to the scratch directory, for the command line. */
function scratchFile(name, contents) {
  const path = join(scratch, name);
  writeFileSync(path, contents);
  return path;
}

/** The message of the error `call` throws; it must be an `Error`. */
function thrown(call) {
  try {
    call();
  } catch (error) {
    assert.ok(error instanceof Error, `threw ${String(error)}, not an Error`);
    return error.message;
  }
  assert.fail("no error was thrown");
}

/** The command line's error for `args` without its `error: ` prefix. */
function cliError(args) {
  const result = run(args);
  assert.notEqual(result.status, 0, `funnelcast ${args.join(" ")} succeeded`);
  return result.stderr.trim().replace(/^error: /, "");
}

test("simulate gives funnelcast run --json's text for every preset", () => {
  for (const preset of presets) {
    same(
      funnelcast.simulate(text(preset), { runs: 2000, seed: 7 }),
      printed(["run", preset, "--runs", "2000", "--seed", "7", "--json"]),
      `simulate(${preset})`,
    );
  }
});

test("simulate's defaults are funnelcast run's (10,000 runs, seed 1)", () => {
  const preset = join(root, "presets", "six-step.json");
  const page = funnelcast.simulate(text(preset));
  same(page, printed(["run", preset, "--json"]), "simulate(six-step) without options");
  assert.equal(JSON.parse(page).runs, 10000);
  assert.equal(JSON.parse(page).seed, 1);
  // An options object that gives nothing, and the scenario as an object, change nothing.
  same(funnelcast.simulate(JSON.parse(text(preset)), {}), page, "simulate(object, {})");
});

test("simulate takes a precision and seeds above 2^53 as the command line does", () => {
  const preset = join(root, "tests", "data", "classroom-b2.json");
  const automatic = printed(["run", preset, "--precision", "2%", "--seed", "3", "--json"]);
  same(funnelcast.simulate(text(preset), { precision: "2%", seed: 3 }), automatic, "precision 2%");
  same(funnelcast.simulate(text(preset), { precision: 0.02, seed: 3 }), automatic, "precision 0.02");
  assert.ok(JSON.parse(automatic).automatic, "the report says how the automatic run ended");
  const seed = 2n ** 63n + 5n;
  same(
    funnelcast.simulate(text(preset), { runs: 300, seed }),
    printed(["run", preset, "--runs", "300", "--seed", seed.toString(), "--json"]),
    "a BigInt seed",
  );
});

test("sensitivity gives funnelcast sensitivity --json's text", () => {
  for (const preset of presets) {
    same(
      funnelcast.sensitivity(text(preset), { runs: 300, seed: 2 }),
      printed(["sensitivity", preset, "--runs", "300", "--seed", "2", "--json"]),
      `sensitivity(${preset})`,
    );
  }
  const preset = join(root, "tests", "data", "planning-b1.json");
  same(funnelcast.sensitivity(text(preset)), printed(["sensitivity", preset, "--json"]), "default options");
  same(
    funnelcast.sensitivity(text(preset), { runs: 400, seed: 9, step: 10, mode: "relative" }),
    printed(["sensitivity", preset, "--runs", "400", "--seed", "9", "--step", "10", "--mode", "relative", "--json"]),
    "step 10, relative",
  );
  same(
    funnelcast.sensitivity(text(preset), { runs: 400, mode: "dropoff" }),
    printed(["sensitivity", preset, "--runs", "400", "--mode", "dropoff", "--json"]),
    "dropoff",
  );
});

test("compare gives funnelcast compare --json's text", () => {
  const a = join(root, "presets", "six-step.json");
  // Plan B: the same funnel with its second stage converting better.
  const scenario = JSON.parse(text(a));
  scenario.stages[1].conversion = 0.5;
  scenario.name = "Six-step, better second stage";
  const b = scratchFile("six-step-b.json", JSON.stringify(scenario, null, 2));
  same(funnelcast.compare(text(a), text(b)), printed(["compare", a, b, "--json"]), "compare, default options");
  same(
    funnelcast.compare(text(a), scenario, { runs: 1500, seed: 4 }),
    printed(["compare", a, b, "--runs", "1500", "--seed", "4", "--json"]),
    "compare, 1,500 runs, seed 4",
  );
  const other = join(root, "presets", "aida.json");
  same(
    funnelcast.compare(text(other), text(a), { runs: 800 }),
    printed(["compare", other, a, "--runs", "800", "--json"]),
    "compare two presets",
  );
});

test("journeys gives funnelcast journeys --json's text", () => {
  for (const preset of presets) {
    same(funnelcast.journeys(text(preset)), printed(["journeys", preset, "--json"]), `journeys(${preset})`);
  }
  const preset = join(root, "presets", "b2b-pipeline.json");
  same(
    funnelcast.journeys(text(preset), { leads: 1000, seed: 9 }),
    printed(["journeys", preset, "--leads", "1000", "--seed", "9", "--json"]),
    "1,000 leads, seed 9",
  );
});

test("calibrate gives funnelcast calibrate's scenario and --report file for every example", () => {
  for (const history of histories) {
    const reportFile = join(scratch, "report.json");
    const result = run(["calibrate", history, "--funnel", pipeline, "--report", reportFile]);
    assert.equal(result.status, 0, result.stderr);
    const calibrated = funnelcast.calibrate(text(history), { funnel: text(pipeline) });
    same(calibrated.scenario, result.stdout, `calibrate(${history}).scenario`);
    same(calibrated.report, readFileSync(reportFile, "utf8"), `calibrate(${history}).report`);
    // The warnings are the lines the command line prints after "FILE: warning: ".
    const warnings = result.stderr
      .split("\n")
      .filter((line) => line.startsWith(`${history}: warning: `))
      .map((line) => line.slice(`${history}: warning: `.length));
    assert.deepEqual(calibrated.warnings, warnings, `calibrate(${history}).warnings`);
    // The history's bytes read as its text.
    const bytes = new Uint8Array(readFileSync(history));
    same(funnelcast.calibrate(bytes, { funnel: text(pipeline) }).scenario, result.stdout, "as bytes");
  }
  const history = join(crm, "stage-changes.csv");
  const reportFile = join(scratch, "report-options.json");
  const args = ["calibrate", history, "--as-of", "2026-07-10", "--horizon", "120", "--seed", "4", "--backtest-runs", "200", "--report", reportFile];
  const scenario = printed(args);
  const calibrated = funnelcast.calibrate(text(history), { asOf: "2026-07-10", horizon: 120, seed: 4, backtestRuns: 200 });
  same(calibrated.scenario, scenario, "calibrate without a funnel, with options");
  same(calibrated.report, readFileSync(reportFile, "utf8"), "its report");
});

test("a broken scenario throws an Error naming the field, in the command line's words", () => {
  const broken = JSON.parse(text(join(root, "presets", "six-step.json")));
  broken.stages[2].conversion = 1.5;
  const file = scratchFile("broken.json", JSON.stringify(broken, null, 2));
  const cliMessage = cliError(["run", file]);
  assert.ok(cliMessage.startsWith(`${file}: stages[2].conversion: `), cliMessage);
  const message = thrown(() => funnelcast.simulate(JSON.stringify(broken)));
  assert.equal(message, cliMessage.replace(`${file}: `, "scenarioJson: "));
  for (const call of [() => funnelcast.sensitivity(broken), () => funnelcast.journeys(broken)]) {
    assert.equal(thrown(call), message);
  }
  // In a comparison the message names the plan.
  const good = text(join(root, "presets", "aida.json"));
  assert.equal(thrown(() => funnelcast.compare(good, broken)), message.replace("scenarioJson: ", "b: "));
  assert.equal(thrown(() => funnelcast.compare(broken, good)), message.replace("scenarioJson: ", "a: "));

  // A structural mistake: an unknown key, with serde's words and the position.
  const typo = text(join(root, "presets", "aida.json")).replace('"conversion"', '"conversoin"');
  const typoFile = scratchFile("typo.json", typo);
  const typoMessage = thrown(() => funnelcast.simulate(typo));
  assert.match(typoMessage, /^scenarioJson: stages\[0\]\.conversoin: unknown field `conversoin`/);
  assert.equal(typoMessage, cliError(["run", typoFile]).replace(`${typoFile}: `, "scenarioJson: "));
  assert.match(thrown(() => funnelcast.simulate(42)), /^scenarioJson: expected the scenario as JSON text or an object/);
  assert.match(thrown(() => funnelcast.simulate("{")), /^scenarioJson: line 1, column 1: /);
});

test("bad options throw Errors naming the option, with the command line's bounds and words", () => {
  const preset = text(join(root, "presets", "aida.json"));
  const presetFile = join(root, "presets", "aida.json");
  assert.equal(
    thrown(() => funnelcast.simulate(preset, { runs: 0 })),
    "options.runs: must be a whole number from 1 to 1000000, got 0",
  );
  assert.match(thrown(() => funnelcast.simulate(preset, { runs: 2.5 })), /^options\.runs: must be a whole number/);
  assert.match(thrown(() => funnelcast.simulate(preset, { seed: -1 })), /^options\.seed: must be a whole number from 0 to 18446744073709551615/);
  assert.match(thrown(() => funnelcast.simulate(preset, { seed: 2 ** 60 })), /give it as a BigInt/);
  assert.equal(
    thrown(() => funnelcast.simulate(preset, { rusn: 10 })),
    "options.rusn: no such option; the options are runs, seed, precision",
  );
  assert.match(thrown(() => funnelcast.simulate(preset, "runs=10")), /^options: expected an object/);
  // The memory bound and the precision's range are the command line's own messages.
  const long = JSON.parse(preset);
  long.horizon_days = 3650;
  const longFile = scratchFile("long.json", JSON.stringify(long));
  assert.equal(
    thrown(() => funnelcast.simulate(long, { runs: 20000 })),
    cliError(["run", longFile, "--runs", "20000"]).replace("--runs 20000: ", "options.runs: "),
  );
  assert.equal(
    thrown(() => funnelcast.simulate(preset, { precision: 0.5 })),
    cliError(["run", presetFile, "--precision", "50%"]).replace("--precision: ", "options.precision: "),
  );
  assert.match(thrown(() => funnelcast.simulate(preset, { precision: "abc" })), /^options\.precision: "abc" is not a precision/);
  assert.equal(
    thrown(() => funnelcast.sensitivity(preset, { step: 0 })),
    cliError(["sensitivity", presetFile, "--step", "0"]).replace("--step: ", "options.step: "),
  );
  assert.match(thrown(() => funnelcast.sensitivity(preset, { mode: "percent" })), /^options\.mode: "percent" is not a mode/);
  assert.match(thrown(() => funnelcast.journeys(preset, { leads: 100001 })), /^options\.leads: must be a whole number from 1 to 100000/);
  assert.equal(thrown(() => funnelcast.compare(preset, preset, { runs: -3 })), "options.runs: must be a whole number from 1 to 1000000, got -3");

  const history = join(crm, "history.csv");
  assert.equal(
    thrown(() => funnelcast.calibrate(text(history), { asOf: "2026-13-45" })),
    cliError(["calibrate", history, "--as-of", "2026-13-45"]).replace("--as-of 2026-13-45: ", "options.asOf: "),
  );
  assert.match(
    thrown(() => funnelcast.calibrate(text(history), { columns: { owner: "Deal" } })),
    /^options\.columns: no role "owner"; roles are deal, stage, entered/,
  );
  assert.match(thrown(() => funnelcast.calibrate(text(history), { dateOrder: "ymd" })), /^options\.dateOrder: "ymd" is not a date order/);
  assert.match(thrown(() => funnelcast.calibrate(text(history), { funnel: "{}" })), /^options\.funnel: line 1, column 2: missing field/);
  assert.match(thrown(() => funnelcast.calibrate(text(history), { backtestRuns: 100001 })), /^options\.backtestRuns: must be a whole number from 0 to 100000/);
});

test("a broken history throws the command line's errors, naming the line and column", () => {
  const lines = text(join(crm, "history.csv")).split("\n");
  lines[3] = lines[3].replace(/\d{4}-\d{2}-\d{2}/, "2026-02-31");
  const broken = lines.join("\n");
  const file = scratchFile("broken-history.csv", broken);
  const cliMessage = cliError(["calibrate", file]);
  assert.ok(cliMessage.startsWith(`${file}: line 4`), cliMessage);
  assert.equal(thrown(() => funnelcast.calibrate(broken)), cliMessage.replaceAll(`${file}: `, "historyCsv: "));
  assert.match(thrown(() => funnelcast.calibrate(12)), /^historyCsv: expected the CRM export as text/);
  // An export date before the file's changes: the first 20 rows at fault, each on its line.
  const history = join(crm, "stage-changes.csv");
  const early = cliError(["calibrate", history, "--as-of", "2026-06-01"]);
  assert.ok(early.split("\n").length > 10, early);
  assert.equal(thrown(() => funnelcast.calibrate(text(history), { asOf: "2026-06-01" })), early.replaceAll(`${history}: `, "historyCsv: "));
});

test("the package is an ES module named funnelcast, typed, at Cargo.toml's version", () => {
  const manifest = JSON.parse(text(join(packageDir, "package.json")));
  const version = /^\[package\][^[]*?^version = "([^"]+)"/m.exec(text(join(root, "Cargo.toml")))[1];
  assert.equal(manifest.name, "funnelcast");
  assert.equal(manifest.version, version);
  assert.equal(manifest.type, "module");
  assert.equal(manifest.types, "./index.d.ts");
  assert.deepEqual(manifest.exports["."], { types: "./index.d.ts", node: "./node.js", default: "./index.js" });
  for (const file of manifest.files) assert.ok(existsSync(join(packageDir, file)), `${file} is in files but not in the package`);
  const typings = text(join(packageDir, "funnelcast_wasm.d.ts"));
  for (const declaration of [
    "export function simulate(scenarioJson: ScenarioInput, options?: SimulateOptions): string;",
    "export function sensitivity(scenarioJson: ScenarioInput, options?: SensitivityOptions): string;",
    "export function compare(a: ScenarioInput, b: ScenarioInput, options?: CompareOptions): string;",
    "export function journeys(scenarioJson: ScenarioInput, options?: JourneysOptions): string;",
    "export function calibrate(historyCsv: HistoryInput, options?: CalibrateOptions): Calibrated;",
    "export interface SimulateOptions {",
    "export interface Calibrated {",
  ]) {
    assert.ok(typings.includes(declaration), `funnelcast_wasm.d.ts lacks ${declaration}`);
  }
  assert.deepEqual(Object.keys(funnelcast).sort(), ["calibrate", "compare", "journeys", "sensitivity", "simulate"]);
});

test("the page's entry (index.js) loads the wasm with fetch and gives the same text", async () => {
  // Node's fetch reads no file: URL; a page's fetch is given the file as a server would send it.
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (url) =>
    new Response(readFileSync(fileURLToPath(url)), { headers: { "Content-Type": "application/wasm" } });
  try {
    // A copy: the package's own bindings are already initialised by node.js.
    const copy = join(scratch, "web");
    cpSync(packageDir, copy, { recursive: true });
    const page = await import(pathToFileURL(join(copy, "index.js")).href);
    const preset = join(root, "presets", "ecommerce.json");
    same(page.simulate(text(preset), { runs: 500, seed: 11 }), printed(["run", preset, "--runs", "500", "--seed", "11", "--json"]), "index.js");
  } finally {
    globalThis.fetch = realFetch;
  }
});

const CHROMIUM = "/usr/bin/chromium";

test("in a web page (headless Chromium) the package gives the command line's text", async (t) => {
  if (!existsSync(CHROMIUM)) {
    if (process.env.CI === "true") assert.fail(`no ${CHROMIUM}: under CI the page check must run`);
    t.skip(`no ${CHROMIUM}`);
    return;
  }
  const preset = join(root, "presets", "b2b-pipeline.json");
  const expected = printed(["run", preset, "--runs", "1000", "--seed", "5", "--json"]);
  const page = `<!DOCTYPE html><meta charset="utf-8"><title>funnelcast package</title>
<script type="module">
  const post = (body) => fetch("/result", { method: "POST", body });
  try {
    const { simulate } = await import("./pkg/index.js");
    const scenario = await (await fetch("./scenario.json")).text();
    let message = "";
    try { simulate("{}"); } catch (error) { message = (error instanceof Error) + " " + error.message; }
    await post(JSON.stringify({ report: simulate(scenario, { runs: 1000, seed: 5 }), message }));
  } catch (error) {
    await post(JSON.stringify({ failure: String(error && error.stack || error) }));
  }
</script>`;
  const types = { ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json", ".html": "text/html" };
  let settle;
  const answer = new Promise((resolve) => (settle = resolve));
  const server = createServer((request, response) => {
    if (request.method === "POST") {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        response.end();
        settle(JSON.parse(body));
      });
      return;
    }
    const path = new URL(request.url, "http://localhost").pathname;
    let contents;
    if (path === "/") contents = page;
    else if (path === "/scenario.json") contents = readFileSync(preset);
    else if (path.startsWith("/pkg/") && existsSync(join(packageDir, path.slice(5)))) contents = readFileSync(join(packageDir, path.slice(5)));
    if (contents === undefined) {
      response.statusCode = 404;
      response.end();
      return;
    }
    response.setHeader("Content-Type", types[extname(path)] ?? "text/html");
    response.end(contents);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${server.address().port}/`;
  const browser = spawn(CHROMIUM, [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    `--user-data-dir=${join(scratch, "chromium")}`, url,
  ], { stdio: "ignore", detached: true });
  const ended = new Promise((resolve) => browser.once("exit", resolve));
  const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error("no answer from the page in 120 s")), 120_000).unref());
  try {
    const result = await Promise.race([answer, timeout]);
    assert.equal(result.failure, undefined, `the page failed: ${result.failure}`);
    same(result.report, expected, "simulate in Chromium");
    assert.match(result.message, /^true scenarioJson: line 1, column 2: missing field/);
  } finally {
    // The browser and every helper it started are one process group (`detached`): end them all
    // and wait, so that none is still writing its profile when the scratch directory goes.
    await endGroup(browser, ended);
    server.close();
  }
});

async function endGroup(child, ended) {
  const signal = (name) => {
    try {
      process.kill(-child.pid, name);
    } catch {
      // The group is already gone.
    }
  };
  signal("SIGTERM");
  const late = new Promise((resolve) => setTimeout(() => resolve("late"), 10_000).unref());
  if ((await Promise.race([ended, late])) === "late") signal("SIGKILL");
  await ended;
  // Helpers can outlive the browser by a moment; wait until the group has no process left.
  for (let tries = 0; tries < 50; tries++) {
    try {
      process.kill(-child.pid, 0);
    } catch {
      return;
    }
    if (tries === 20) signal("SIGKILL");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

//! The end-to-end harness: serves the release build's `dist/` on 127.0.0.1 under a sub-path (so
//! relative URLs are checked too), starts `chromedriver` and headless Chromium, and hands the
//! test a WebDriver client.
//!
//! Which build it tests: `FUNNELCAST_E2E_DIST` (set by `cargo xtask test` after
//! `trunk build --release`). Without it, outside CI, the tests return at once and say so on the
//! terminal (past the test runner's capture): a plain `cargo test` does not build the site.
//! Under `CI=true` nothing is skipped: without `FUNNELCAST_E2E_DIST` they test `./dist`, and
//! a missing build or browser is a failure.
//!
//! Screenshots go to `target/screenshots/`, never into the repository: `cargo xtask
//! screenshots` copies them to `docs/` when the pictures are meant to change.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use fantoccini::wd::{Capabilities, WebDriverCompatibleCommand};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value as Json, json};

/// The path the site is served under: not the root, as on many web hosts.
const BASE_PATH: &str = "/some/base/path/";
/// The browser window, in CSS pixels, and its device pixel ratio (a HiDPI screen).
const WINDOW: (u32, u32) = (1200, 860);
pub const PIXEL_RATIO: u32 = 2;
/// How long the page may take to show the forecast.
pub const FORECAST_TIMEOUT: Duration = Duration::from_secs(90);

/// Runs `check` against the release build in a fresh headless Chromium: the harness of every
/// end-to-end test. Skips (returns) when there is no build to test outside CI.
pub fn with_app(check: impl AsyncFnOnce(&Client, &StaticServer) -> Result<(), String>) {
    let dist = match build_to_test() {
        Ok(Some(dist)) => dist,
        Ok(None) => return,
        Err(message) => panic!("{message}"),
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => panic!("cannot start the async runtime: {error}"),
    };
    if let Err(message) = runtime.block_on(in_browser(&dist, check)) {
        panic!("{message}");
    }
}

async fn in_browser(
    dist: &Path,
    check: impl AsyncFnOnce(&Client, &StaticServer) -> Result<(), String>,
) -> Result<(), String> {
    let server = StaticServer::start(dist)?;
    let driver = ChromeDriver::start()?;
    // Chromium now and then exits while it starts on a loaded machine ("session not created:
    // Chrome instance exited"): a session is asked for again, a few times, before the test
    // fails for it.
    let mut attempt = 1;
    let client = loop {
        match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities()?)
            .connect(&driver.url())
            .await
        {
            Ok(client) => break client,
            Err(error) if attempt < 3 => {
                eprintln!("e2e: Chromium did not start (attempt {attempt}): {error}");
                attempt += 1;
                tokio::time::sleep(Duration::from_secs(2)).await;
            }
            Err(error) => {
                return Err(format!(
                    "cannot start Chromium through ChromeDriver ({attempt} attempts): {error}"
                ));
            }
        }
    };
    let result = check(&client, &server).await;
    // Close the browser whatever happened; the test's own error is the one worth reporting.
    let _ = client.close().await;
    result
}

/// The page's address on the test's server.
pub fn page_url(server: &StaticServer) -> String {
    format!("http://{}{BASE_PATH}", server.address)
}

/// The `dist/` to test, `None` to skip (outside CI only), or why the test cannot run.
pub fn build_to_test() -> Result<Option<PathBuf>, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let in_ci = std::env::var("CI").is_ok_and(|value| value == "true");
    let dist = match std::env::var_os("FUNNELCAST_E2E_DIST") {
        Some(dist) => root.join(dist),
        None if in_ci => root.join("dist"),
        None => {
            say_skipped_once();
            return Ok(None);
        }
    };
    if dist.join("index.html").is_file() {
        Ok(Some(dist))
    } else {
        Err(format!(
            "no release build at {}: run `cargo xtask dist` (or `cargo xtask test`)",
            dist.display()
        ))
    }
}

/// Writes, once per test binary, that the browser tests did not run. Straight to the
/// process's standard error: the test runner captures `println!` and `eprintln!` of tests
/// that pass, which would hide the note behind a row of "ok".
fn say_skipped_once() {
    static SAID: std::sync::Once = std::sync::Once::new();
    SAID.call_once(|| {
        let _ = std::io::stderr().write_all(
            b"\n**********************************************************************\n\
              e2e: SKIPPED, every browser test returns without running: FUNNELCAST_E2E_DIST\n\
              is not set. `cargo xtask test` builds the release site and runs them against it.\n\
              **********************************************************************\n",
        );
    });
}

pub fn capabilities() -> Result<Capabilities, String> {
    // Chromium's options are webdriver.json's, shared with the wasm tests, plus the window.
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("webdriver.json");
    let text = std::fs::read_to_string(&path)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    let mut capabilities: Json = serde_json::from_str(&text)
        .map_err(|error| format!("{} is not JSON: {error}", path.display()))?;
    let Some(arguments) = capabilities["goog:chromeOptions"]["args"].as_array_mut() else {
        return Err(format!("{} has no goog:chromeOptions.args", path.display()));
    };
    arguments.push(json!(format!("--window-size={},{}", WINDOW.0, WINDOW.1)));
    arguments.push(json!(format!("--force-device-scale-factor={PIXEL_RATIO}")));
    // A measuring aid: more switches for Chromium, e.g. `--trace-startup=devtools.timeline
    // --trace-startup-file=/tmp/trace.json` to see what a long task spent its time on.
    if let Ok(more) = std::env::var("FUNNELCAST_CHROMIUM_ARGS") {
        arguments.extend(more.split_whitespace().map(|argument| json!(argument)));
    }
    capabilities["goog:loggingPrefs"] = json!({ "browser": "ALL" });
    match capabilities {
        Json::Object(map) => Ok(map),
        _ => Err(format!("{} is not a JSON object", path.display())),
    }
}

/// How many times an action on an element is tried when the page replaced the element between
/// finding it and acting on it (WebDriver's "stale element reference"): a re-render, such as
/// the target field's after a change of currency, is not a failure of the page, and the
/// element found again is the one a person would act on. Nothing was typed or clicked on the
/// element that was gone, so trying again does not act twice.
pub const STALE_RETRIES: usize = 5;

pub fn still_replaced(selector: &str) -> String {
    format!("{selector} was replaced by the page {STALE_RETRIES} times while the test acted on it")
}

pub async fn text_of(client: &Client, selector: &str) -> Result<String, String> {
    for _ in 0..STALE_RETRIES {
        let element = client
            .find(Locator::Css(selector))
            .await
            .map_err(|error| format!("no element {selector}: {error}"))?;
        match element.text().await {
            Err(error) if error.is_stale_element_reference() => continue,
            result => {
                return result
                    .map(|text| text.trim().to_string())
                    .map_err(|error| format!("no text in {selector}: {error}"));
            }
        }
    }
    Err(still_replaced(selector))
}

/// The number in a figure such as "1,234,567".
pub fn number_in(text: &str) -> Result<f64, String> {
    let digits: String = text.chars().filter(|c| *c != ',').collect();
    digits
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a number"))
}

/// The chart's canvas: its sizes, the share of pixels that are not background, and how many
/// pixels have exactly the colours of the bands and the median line.
pub async fn canvas_pixels(client: &Client) -> Result<Json, String> {
    use funnelcast::charts::palette;
    let rgb = |color: plotters::style::RGBColor| json!([color.0, color.1, color.2]);
    let colours = json!({
        "outerBand": rgb(palette::tint(palette::SKY_BLUE, 0.35)),
        "innerBand": rgb(palette::tint(palette::SKY_BLUE, 0.75)),
        "medianLine": rgb(palette::BLUE),
        "background": rgb(palette::BACKGROUND),
    });
    let script = r#"
        const [colours] = arguments;
        const canvas = document.querySelector("canvas[data-testid='forecast-chart']");
        const { width, height } = canvas;
        const data = canvas.getContext("2d").getImageData(0, 0, width, height).data;
        const counts = { outerBand: 0, innerBand: 0, medianLine: 0 };
        const [br, bg, bb] = colours.background;
        let inked = 0;
        for (let i = 0; i < data.length; i += 4) {
            const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
            if (Math.abs(r - br) + Math.abs(g - bg) + Math.abs(b - bb) > 12) inked += 1;
            for (const key of Object.keys(counts)) {
                const [cr, cg, cb] = colours[key];
                if (r === cr && g === cg && b === cb) counts[key] += 1;
            }
        }
        return {
            width, height, inked, total: width * height, ...counts,
            cssWidth: canvas.clientWidth, cssHeight: canvas.clientHeight,
            ratio: window.devicePixelRatio,
        };
    "#;
    client
        .execute(script, vec![colours])
        .await
        .map_err(|error| format!("cannot read the canvas's pixels: {error}"))
}

/// Chromium's console messages of level SEVERE (errors, uncaught exceptions, failed loads),
/// read through ChromeDriver's log endpoint.
pub async fn console_errors(client: &Client) -> Result<Vec<String>, String> {
    let entries = client
        .issue_cmd(BrowserLog)
        .await
        .map_err(|error| format!("cannot read the browser's console log: {error}"))?;
    let Some(entries) = entries.as_array() else {
        return Err(format!("unexpected console log: {entries}"));
    };
    for entry in entries {
        println!("e2e: console: {} {}", entry["level"], entry["message"]);
    }
    Ok(entries
        .iter()
        .filter(|entry| entry["level"] == "SEVERE")
        .map(|entry| entry["message"].as_str().unwrap_or_default().to_string())
        .collect())
}

/// ChromeDriver's `POST /session/{id}/se/log` for the browser's console.
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({ "type": "browser" }).to_string()),
        )
    }
}

/// Sends the Chrome DevTools Protocol command `command` with `params` through ChromeDriver
/// (`POST /session/{id}/goog/cdp/execute`) and returns its result: what WebDriver cannot do
/// (a script run before the page's own, a media type, a PDF).
pub async fn devtools(client: &Client, command: &str, params: Json) -> Result<Json, String> {
    client
        .issue_cmd(DevTools {
            body: json!({ "cmd": command, "params": params }),
        })
        .await
        .map_err(|error| format!("the DevTools command {command} failed: {error}"))
}

/// Removes the site's service worker and its caches from this browser, as if it had never
/// visited: what the server serves next is what the page gets.
pub async fn forget_offline_copy(client: &Client) -> Result<(), String> {
    client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             (async () => {
                 for (const registration of await navigator.serviceWorker.getRegistrations()) {
                     await registration.unregister();
                 }
                 for (const name of await caches.keys()) await caches.delete(name);
             })().then(() => done(true), (error) => done(String(error)));",
            vec![],
        )
        .await
        .map(|_| ())
        .map_err(|error| format!("cannot remove the service worker: {error}"))
}

/// Runs `script` in every page this browser opens from now on, before the page's own scripts.
pub async fn before_every_page(client: &Client, script: &str) -> Result<(), String> {
    devtools(
        client,
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": script }),
    )
    .await
    .map(|_| ())
}

#[derive(Debug)]
struct DevTools {
    body: Json,
}

impl WebDriverCompatibleCommand for DevTools {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.to_string()))
    }
}

/// Where the screenshots go: `target/screenshots/` (`cargo xtask screenshots` copies them to
/// `docs/`).
pub fn screenshot_directory() -> PathBuf {
    // CARGO_TARGET_TMPDIR is `<target directory>/tmp`.
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent().unwrap_or(tmp).join("screenshots")
}

/// Saves the page as `target/screenshots/{name}.png`, with the run timing hidden so that the
/// picture is the same from run to run.
pub async fn save_screenshot(client: &Client, name: &str) -> Result<(), String> {
    // The simulation's duration and the blinking text cursor of a focused field are the only
    // parts of the page that change from run to run: hidden, a refreshed screenshot in docs/
    // changes only when the page does.
    client
        .execute(
            "document.querySelectorAll(\"[data-testid='run-timing']\")\
             .forEach((element) => { element.style.visibility = 'hidden'; });\
             const still = document.createElement('style');\
             still.textContent = '* { caret-color: transparent !important; }';\
             document.head.appendChild(still);",
            Vec::new(),
        )
        .await
        .map_err(|error| format!("cannot hide the timing and the cursor: {error}"))?;
    let png = client
        .screenshot()
        .await
        .map_err(|error| format!("no screenshot: {error}"))?;
    let directory = screenshot_directory();
    std::fs::create_dir_all(&directory)
        .map_err(|error| format!("cannot create {}: {error}", directory.display()))?;
    let path = directory.join(format!("{name}.png"));
    std::fs::write(&path, png)
        .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
    println!("e2e: screenshot saved to {}", path.display());
    Ok(())
}

/// A static file server for `dist/` on 127.0.0.1, under `BASE_PATH`, on a free port. A test
/// can make it refuse some files (`refuse`) or everything (`go_offline`), as a broken host or
/// a lost network would.
pub struct StaticServer {
    pub address: SocketAddr,
    root: PathBuf,
    not_found: Arc<Mutex<Vec<String>>>,
    rules: Arc<Mutex<Rules>>,
}

/// What the server refuses.
#[derive(Default)]
struct Rules {
    /// Paths ending so are answered 404.
    refused: Vec<String>,
    /// Every connection is closed unanswered.
    offline: bool,
    /// Paths ending so are answered with these bytes instead of the file's.
    replaced: Vec<(String, Vec<u8>)>,
}

impl StaticServer {
    fn start(root: &Path) -> Result<StaticServer, String> {
        let listener = TcpListener::bind("127.0.0.1:0")
            .map_err(|error| format!("cannot listen on 127.0.0.1: {error}"))?;
        let address = listener.local_addr().map_err(|error| error.to_string())?;
        let not_found = Arc::new(Mutex::new(Vec::new()));
        let rules = Arc::new(Mutex::new(Rules::default()));
        let served = root.to_path_buf();
        let root = root.to_path_buf();
        let log = Arc::clone(&not_found);
        let shared_rules = Arc::clone(&rules);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let root = root.clone();
                let log = Arc::clone(&log);
                let rules = Arc::clone(&shared_rules);
                std::thread::spawn(move || serve_one(stream, &root, &log, &rules));
            }
        });
        Ok(StaticServer {
            address,
            root: served,
            not_found,
            rules,
        })
    }

    /// From now on, paths ending with `suffix` are answered 404.
    pub fn refuse(&self, suffix: &str) {
        if let Ok(mut rules) = self.rules.lock() {
            rules.refused.push(suffix.to_string());
        }
    }

    /// The built site's file at `relative` (as `dist/` has it).
    pub fn file(&self, relative: &str) -> Result<Vec<u8>, String> {
        std::fs::read(self.root.join(relative))
            .map_err(|error| format!("cannot read {relative} of the build: {error}"))
    }

    /// From now on, paths ending with `suffix` are answered with `body` (a new release of that
    /// file, deployed).
    pub fn replace(&self, suffix: &str, body: Vec<u8>) {
        if let Ok(mut rules) = self.rules.lock() {
            rules.replaced.push((suffix.to_string(), body));
        }
    }

    /// From now on (`true`) every request is dropped unanswered, as with no network; `false`
    /// serves again.
    pub fn go_offline(&self, offline: bool) {
        if let Ok(mut rules) = self.rules.lock() {
            rules.offline = offline;
        }
    }

    /// The paths asked for that had no file.
    pub fn not_found(&self) -> Vec<String> {
        self.not_found
            .lock()
            .map(|paths| paths.clone())
            .unwrap_or_default()
    }
}

fn serve_one(
    mut stream: TcpStream,
    root: &Path,
    not_found: &Mutex<Vec<String>>,
    rules: &Mutex<Rules>,
) {
    let mut reader = BufReader::new(&mut stream);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    // Skip the headers: the request line says all a static server needs.
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|read| read > 2) {
        header.clear();
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let (refused, replaced) = match rules.lock() {
        Ok(rules) => {
            if rules.offline {
                // No answer at all: the browser sees a network error.
                let _ = stream.shutdown(std::net::Shutdown::Both);
                return;
            }
            let replaced = rules
                .replaced
                .iter()
                .rev()
                .find(|(suffix, _)| path.ends_with(suffix.as_str()))
                .map(|(_, body)| body.clone());
            let refused = rules
                .refused
                .iter()
                .any(|suffix| path.ends_with(suffix.as_str()));
            (refused, replaced)
        }
        Err(_) => (false, None),
    };
    let file = path
        .strip_prefix(BASE_PATH)
        .filter(|relative| !relative.split('/').any(|part| part == ".."))
        .map(|relative| {
            if relative.is_empty() {
                "index.html"
            } else {
                relative
            }
        })
        .map(|relative| root.join(relative));
    let file = file.filter(|_| !refused);
    let read = |file: PathBuf| match replaced {
        Some(body) => Some((file, body)),
        None => std::fs::read(&file).ok().map(|body| (file, body)),
    };
    let response = match file.and_then(read) {
        Some((file, body)) => (200, content_type(&file), body),
        None => {
            if let Ok(mut paths) = not_found.lock() {
                paths.push(path.to_string());
            }
            (404, "text/plain", b"not found".to_vec())
        }
    };
    let (status, content_type, body) = response;
    let reason = if status == 200 { "OK" } else { "Not Found" };
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream
        .write_all(head.as_bytes())
        .and_then(|()| stream.write_all(&body));
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|extension| extension.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript",
        // `WebAssembly.instantiateStreaming` requires this exact type.
        Some("wasm") => "application/wasm",
        Some("css") => "text/css",
        Some("json") => "application/json",
        Some("webmanifest") => "application/manifest+json",
        Some("png") => "image/png",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

/// A `chromedriver` started by the test on a free port of 127.0.0.1, stopped when dropped.
struct ChromeDriver {
    child: Child,
    port: u16,
}

impl ChromeDriver {
    fn start() -> Result<ChromeDriver, String> {
        let program = std::env::var_os("CHROMEDRIVER").unwrap_or_else(|| "chromedriver".into());
        let port = free_port()?;
        let log = Path::new(env!("CARGO_TARGET_TMPDIR")).join("e2e-chromedriver.log");
        let log_file = std::fs::File::create(&log)
            .map_err(|error| format!("cannot create {}: {error}", log.display()))?;
        let child = Command::new(&program)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(log_file)
            .spawn()
            .map_err(|error| {
                format!(
                    "cannot start {}: {error} (install Debian's chromium-driver, or run \
                     `cargo xtask test`, which does)",
                    program.to_string_lossy()
                )
            })?;
        let mut driver = ChromeDriver { child, port };
        driver.wait_until_ready()?;
        Ok(driver)
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn wait_until_ready(&mut self) -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!("chromedriver exited at once ({status})"));
            }
            if let Ok(mut stream) = TcpStream::connect(("127.0.0.1", self.port)) {
                // ChromeDriver keeps the connection open: read what arrives within a moment
                // rather than waiting for the end of the stream.
                let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
                let request =
                    "GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
                let mut response = [0_u8; 4096];
                if stream.write_all(request.as_bytes()).is_ok()
                    && let Ok(read) = stream.read(&mut response)
                    && String::from_utf8_lossy(&response[..read]).contains("\"ready\":true")
                {
                    return Ok(());
                }
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Err("chromedriver did not become ready within 20 s".to_string())
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0")
        .map_err(|error| format!("cannot find a free port on 127.0.0.1: {error}"))?;
    listener
        .local_addr()
        .map(|address| address.port())
        .map_err(|error| error.to_string())
}

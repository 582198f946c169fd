//! Tidy: ARCHITECTURE.md's invariants, checked on the source text.
//!
//! Each check reads `src/` as text (no parsing beyond what the check needs), so a broken
//! invariant fails `cargo test` with the file and line to look at:
//! - module dependencies point one way (the table `ALLOWED` below, as ARCHITECTURE.md draws it),
//!   and no two modules of `src/` import each other (directly or through others);
//! - no clock, OS randomness, IO or web dependency below `ui` (the code that must run the same
//!   natively, in a worker and in tests);
//! - every module starts with a `//!` line saying what it is for;
//! - no source file grows past `MAX_LINES` lines;
//! - every module of `src/` is named in ARCHITECTURE.md, so a newcomer can find it;
//! - the UI changes the work only through `app_model` actions (no `state.edit(..)` closure).
//!
//! The checks are tested on small made-up sources at the bottom, so each can fail.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The longest a source file under `src/` may be.
const MAX_LINES: usize = 800;

/// Which top-level modules each may use (`crate::<module>`), as ARCHITECTURE.md draws them:
/// `ui -> {charts, app_model, i18n, decisions, worker} -> engine -> scenario` (app_model also
/// writes decisions' and workers' errors, so it may use them),
/// `calibrate -> {engine, scenario}`, `api -> {decisions, calibrate, engine} -> scenario` (the
/// command line's JSON, shared with the npm package), `cli -> {api, decisions, calibrate, engine,
/// i18n} -> scenario`, `schema -> {api, decisions, engine, scenario}`. A
/// module not listed may use anything (`ui`, `bin`).
const ALLOWED: &[(&str, &[&str])] = &[
    ("scenario", &[]),
    ("engine", &["scenario"]),
    ("decisions", &["engine", "scenario"]),
    ("charts", &["engine"]),
    ("i18n", &["scenario"]),
    ("calibrate", &["engine", "scenario"]),
    (
        "app_model",
        &[
            "engine",
            "scenario",
            "i18n",
            "decisions",
            "worker",
            "calibrate",
        ],
    ),
    ("worker", &["decisions", "engine", "scenario", "calibrate"]),
    ("api", &["decisions", "engine", "scenario", "calibrate"]),
    (
        "cli",
        &[
            "api",
            "decisions",
            "engine",
            "scenario",
            "calibrate",
            "i18n",
        ],
    ),
    ("schema", &["api", "decisions", "engine", "scenario"]),
];

/// Modules that must build and behave the same natively, in a Web Worker and in tests: no
/// clock, no OS randomness, no IO, no browser. (`worker/web.rs` is the worker's browser glue.)
const PURE: &[&str] = &[
    "api",
    "scenario",
    "calibrate",
    "engine",
    "decisions",
    "charts",
    "i18n",
    "app_model",
    "worker",
];

/// Files of the pure modules allowed to touch the browser: the glue, and nothing else.
const GLUE: &[&str] = &["src/worker/web.rs"];

/// What the pure modules may not name, and why.
const FORBIDDEN: &[(&str, &str)] = &[
    ("Instant::now", "a clock: reports must not depend on time"),
    ("SystemTime", "a clock: reports must not depend on time"),
    ("std::time", "a clock: reports must not depend on time"),
    (
        "thread_rng",
        "OS randomness: a report depends only on its seed",
    ),
    (
        "rand::rng(",
        "OS randomness: a report depends only on its seed",
    ),
    ("OsRng", "OS randomness: a report depends only on its seed"),
    (
        "from_os_rng",
        "OS randomness: a report depends only on its seed",
    ),
    (
        "from_entropy",
        "OS randomness: a report depends only on its seed",
    ),
    (
        "getrandom",
        "OS randomness: a report depends only on its seed",
    ),
    ("std::fs", "IO: the caller reads and writes files"),
    ("std::net", "IO: the caller talks to the network"),
    ("std::env", "IO: the caller reads the environment"),
    ("std::io::stdin", "IO: the caller reads input"),
    ("println!", "IO: the caller prints"),
    ("eprintln!", "IO: the caller prints"),
    (
        "thread::spawn",
        "threads: not in wasm; workers are the page's",
    ),
    (
        "web_sys",
        "the browser: only ui and the worker's glue touch it",
    ),
    (
        "js_sys",
        "the browser: only ui and the worker's glue touch it",
    ),
    (
        "wasm_bindgen",
        "the browser: only ui and the worker's glue touch it",
    ),
    ("leptos", "the browser: only ui touches it"),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file under `dir`, sorted, as paths relative to the repository root.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = std::fs::read_dir(&dir)
            .unwrap_or_else(|error| panic!("cannot read {}: {error}", dir.display()));
        for entry in entries {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|extension| extension == "rs") {
                files.push(
                    path.strip_prefix(root())
                        .expect("under the root")
                        .to_path_buf(),
                );
            }
        }
    }
    files.sort();
    files
}

/// A source file: its path from the root (with `/`) and its text.
struct Source {
    path: String,
    text: String,
}

fn sources() -> Vec<Source> {
    rust_files(&root().join("src"))
        .into_iter()
        .map(|path| Source {
            text: std::fs::read_to_string(root().join(&path))
                .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display())),
            path: path.to_string_lossy().replace('\\', "/"),
        })
        .collect()
}

/// The top-level module a file of `src/` belongs to: `src/engine/fast.rs` is `engine`,
/// `src/cli.rs` is `cli`, `src/bin/app.rs` is `bin`, `src/lib.rs` is `lib`.
fn module_of(path: &str) -> &str {
    let rest = path.strip_prefix("src/").unwrap_or(path);
    let first = rest.split('/').next().unwrap_or(rest);
    first.strip_suffix(".rs").unwrap_or(first)
}

/// The module path of a file: `src/ui/editor/mod.rs` is `ui::editor`, `src/ui/app.rs` is
/// `ui::app`.
fn module_path_of(path: &str) -> String {
    let rest = path.strip_prefix("src/").unwrap_or(path);
    let rest = rest.strip_suffix(".rs").unwrap_or(rest);
    let rest = rest.strip_suffix("/mod").unwrap_or(rest);
    rest.replace('/', "::")
}

/// The text without comments (line comments, doc comments, block comments) and without the
/// contents of string literals, so that a word in a comment or a message is not code.
fn code_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                if chars[i] == '\n' {
                    out.push('\n');
                }
                i += 1;
            }
            i += 2;
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && is_raw_string(&chars, i) {
            // r"..." or r#"..."#: skip to the matching close.
            let mut hashes = 0;
            i += 1;
            while chars.get(i) == Some(&'#') {
                hashes += 1;
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
            while i < chars.len() {
                if chars[i] == '"' && (0..hashes).all(|k| chars.get(i + 1 + k) == Some(&'#')) {
                    i += 1 + hashes;
                    break;
                }
                if chars[i] == '\n' {
                    out.push('\n');
                }
                i += 1;
            }
        } else if c == '"' {
            out.push_str("\"\"");
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                if chars.get(i) == Some(&'\n') {
                    out.push('\n');
                }
                i += 1;
            }
            i += 1;
        } else if c == '\'' && next == Some('"') && chars.get(i + 2) == Some(&'\'') {
            // The char literal '"' is not the start of a string.
            out.push_str("' '");
            i += 3;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Whether `r` at `i` starts a raw string (and is not the end of an identifier).
fn is_raw_string(chars: &[char], i: usize) -> bool {
    let before = if i == 0 { None } else { Some(chars[i - 1]) };
    if before.is_some_and(|b| b.is_alphanumeric() || b == '_') {
        return false;
    }
    let mut j = i + 1;
    while chars.get(j) == Some(&'#') {
        j += 1;
    }
    chars.get(j) == Some(&'"')
}

/// The modules of this crate that `code` names through `crate::`, as full paths as far as they
/// go (`crate::engine::plan::Plan` gives `engine::plan::Plan`; `crate::{engine, scenario::X}`
/// gives both).
fn crate_paths(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + "crate::".len()..];
        if before.is_some_and(|b| b.is_alphanumeric() || b == '_') {
            continue; // `funnelcast_crate::`, not ours
        }
        collect_paths(rest, String::new(), &mut found);
    }
    found
}

/// Reads a path (or a `{..}` group of paths) at the start of `text`, each prefixed by `prefix`.
fn collect_paths(text: &str, prefix: String, found: &mut Vec<String>) {
    let text = text.trim_start();
    if let Some(group) = text.strip_prefix('{') {
        let mut depth = 0;
        let mut start = 0;
        for (i, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => {
                    collect_paths(&group[start..i], prefix.clone(), found);
                    return;
                }
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    collect_paths(&group[start..i], prefix.clone(), found);
                    start = i + 1;
                }
                _ => {}
            }
        }
        return;
    }
    let name: String = text
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    if name.is_empty() || name == "self" {
        if !prefix.is_empty() {
            found.push(prefix);
        }
        return;
    }
    let path = if prefix.is_empty() {
        name.clone()
    } else {
        format!("{prefix}::{name}")
    };
    let after = &text[name.len()..];
    match after.strip_prefix("::") {
        Some(more) => collect_paths(more, path, found),
        None => found.push(path),
    }
}

/// Dependency violations: a module naming another it may not use.
fn dependency_violations(sources: &[Source]) -> Vec<String> {
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    let mut violations = Vec::new();
    for source in sources {
        let module = module_of(&source.path);
        let Some(may_use) = allowed.get(module) else {
            continue;
        };
        for (line_number, line) in code_only(&source.text).lines().enumerate() {
            for path in crate_paths(line) {
                let used = path.split("::").next().unwrap_or(&path);
                if used != module && !may_use.contains(&used) {
                    violations.push(format!(
                        "{}:{}: `{module}` uses `crate::{path}`; it may use only {may_use:?}",
                        source.path,
                        line_number + 1
                    ));
                }
            }
        }
    }
    violations
}

/// The files' modules (`ui::editor`, `engine::plan`) and the modules each one names.
fn module_graph(sources: &[Source]) -> BTreeMap<String, BTreeSet<String>> {
    let modules: BTreeSet<String> = sources
        .iter()
        .map(|source| module_path_of(&source.path))
        .collect();
    let mut graph = BTreeMap::new();
    for source in sources {
        let this = module_path_of(&source.path);
        let mut uses = BTreeSet::new();
        let code = code_only(&source.text);
        let mut paths = crate_paths(&code);
        // `super::x` from the module `a::b` (file `a/b.rs` or `a/b/mod.rs`) is `a::x`.
        let parent = this.rsplit_once("::").map_or("", |(parent, _)| parent);
        for at in code.match_indices("super::").map(|(at, _)| at) {
            let mut relative = Vec::new();
            collect_paths(&code[at + "super::".len()..], String::new(), &mut relative);
            for path in relative {
                paths.push(if parent.is_empty() {
                    path
                } else {
                    format!("{parent}::{path}")
                });
            }
        }
        for path in paths {
            // The longest prefix of the path that is a module file.
            let parts: Vec<&str> = path.split("::").collect();
            let target = (1..=parts.len())
                .rev()
                .map(|n| parts[..n].join("::"))
                .find(|candidate| modules.contains(candidate));
            if let Some(target) = target
                && target != this
                && !this.starts_with(&format!("{target}::"))
                && !target.starts_with(&format!("{this}::"))
            {
                uses.insert(target);
            }
        }
        graph.insert(this, uses);
    }
    graph
}

/// A cycle of imports between module files, if there is one: `[a, b, a]`.
fn import_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    // Depth-first search with colours; the stack gives the cycle.
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        done: &mut BTreeSet<String>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|n| n == node) {
            let mut cycle = stack[at..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, done, stack) {
                return Some(cycle);
            }
        }
        stack.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        if let Some(cycle) = visit(node, graph, &mut done, &mut Vec::new()) {
            return Some(cycle);
        }
    }
    None
}

/// Pure modules naming a clock, OS randomness, IO or the browser.
fn purity_violations(sources: &[Source]) -> Vec<String> {
    let mut violations = Vec::new();
    for source in sources {
        if !PURE.contains(&module_of(&source.path)) || GLUE.contains(&source.path.as_str()) {
            continue;
        }
        for (line_number, line) in code_only(&source.text).lines().enumerate() {
            for (word, why) in FORBIDDEN {
                if line.contains(word) {
                    violations.push(format!(
                        "{}:{}: `{word}`: {why}",
                        source.path,
                        line_number + 1
                    ));
                }
            }
        }
    }
    violations
}

/// Files that do not start with a `//!` line.
fn undocumented(sources: &[Source]) -> Vec<String> {
    sources
        .iter()
        .filter(|source| !source.text.trim_start().starts_with("//!"))
        .map(|source| {
            format!(
                "{}: starts without a `//!` line saying what it is for",
                source.path
            )
        })
        .collect()
}

/// Files longer than `MAX_LINES`.
fn too_long(sources: &[Source]) -> Vec<String> {
    sources
        .iter()
        .filter(|source| source.text.lines().count() > MAX_LINES)
        .map(|source| {
            format!(
                "{}: {} lines, more than {MAX_LINES}: split it by what its parts do",
                source.path,
                source.text.lines().count()
            )
        })
        .collect()
}

/// The section of ARCHITECTURE.md about the top-level `module`: from the heading naming
/// `src/<module>` to the next heading (empty when there is none).
fn section_of<'a>(architecture: &'a str, module: &str) -> &'a str {
    let names = [format!("`src/{module}/`"), format!("`src/{module}.rs`")];
    let mut start = None;
    let mut offset = 0;
    for line in architecture.split_inclusive('\n') {
        if line.starts_with('#') {
            if start.is_some() {
                return &architecture[start.unwrap_or(0)..offset];
            }
            if names.iter().any(|name| line.contains(name.as_str())) {
                start = Some(offset);
            }
        }
        offset += line.len();
    }
    start.map_or("", |start| &architecture[start..])
}

/// Modules (files and folders of `src/`) that ARCHITECTURE.md never names.
fn unmapped(sources: &[Source], architecture: &str) -> Vec<String> {
    let mut missing = Vec::new();
    for source in sources {
        let relative = source.path.strip_prefix("src/").unwrap_or(&source.path);
        let file = relative.rsplit('/').next().unwrap_or(relative);
        if file == "mod.rs" || relative == "lib.rs" {
            continue; // the folder stands for it
        }
        // Named by its path, or by its file name in its module's section of the code map.
        let module = module_of(&source.path);
        let section = section_of(architecture, module);
        if !(architecture.contains(relative) || section.contains(file)) {
            missing.push(format!(
                "{}: not named in ARCHITECTURE.md's code map",
                source.path
            ));
        }
    }
    let folders: BTreeSet<&str> = sources
        .iter()
        .filter_map(|source| {
            let relative = source.path.strip_prefix("src/")?;
            relative.rsplit_once('/').map(|(folder, _)| folder)
        })
        .collect();
    for folder in folders {
        let last = folder.rsplit('/').next().unwrap_or(folder);
        if !(architecture.contains(&format!("{folder}/"))
            || architecture.contains(&format!("`{last}/`")))
        {
            missing.push(format!("src/{folder}/: not named in ARCHITECTURE.md"));
        }
    }
    missing
}

/// What changes the work in the page other than `AppState::dispatch`: an edit closure, or a
/// write to the signals that mirror the work.
const WORK_WRITES: &[&str] = &[
    "state.edit(",
    ".edit(|",
    "variants.set(",
    "variants.update(",
    "settings.set(",
    "settings.update(",
    "active.set(",
    "active.update(",
];

/// The UI changing the work by closures of its own instead of dispatching actions (only
/// `src/ui/state.rs`, where `dispatch` mirrors the applied action into the signals, writes
/// them).
fn ui_edits_outside_actions(sources: &[Source]) -> Vec<String> {
    let mut found = Vec::new();
    for source in sources {
        if module_of(&source.path) != "ui" || source.path == "src/ui/state.rs" {
            continue;
        }
        for (line_number, line) in code_only(&source.text).lines().enumerate() {
            if WORK_WRITES.iter().any(|write| line.contains(write)) {
                found.push(format!(
                    "{}:{}: edits the work by a closure; dispatch an app_model action",
                    source.path,
                    line_number + 1
                ));
            }
        }
    }
    found
}

#[track_caller]
fn assert_none(what: &str, problems: Vec<String>) {
    assert!(
        problems.is_empty(),
        "{what}:\n  {}\n(see ARCHITECTURE.md)",
        problems.join("\n  ")
    );
}

#[test]
fn module_dependencies_point_one_way() {
    assert_none(
        "dependencies against the layering",
        dependency_violations(&sources()),
    );
}

#[test]
fn no_clock_randomness_io_or_browser_below_the_ui() {
    assert_none("impure code in pure modules", purity_violations(&sources()));
}

#[test]
fn every_module_says_what_it_is_for() {
    assert_none("modules without a `//!` line", undocumented(&sources()));
}

#[test]
fn architecture_names_every_module() {
    let architecture = std::fs::read_to_string(root().join("ARCHITECTURE.md"))
        .expect("ARCHITECTURE.md at the root");
    assert_none(
        "modules a newcomer cannot find",
        unmapped(&sources(), &architecture),
    );
}

// ---------------------------------------------------------------------------------------------
// The checks themselves, on made-up sources: each one fails when its invariant is broken.
// ---------------------------------------------------------------------------------------------

fn source(path: &str, text: &str) -> Source {
    Source {
        path: path.to_string(),
        text: text.to_string(),
    }
}

#[test]
fn code_only_drops_comments_and_strings() {
    let code = code_only(
        "//! use crate::ui;\nlet a = \"crate::ui\"; // crate::ui\nlet b = r#\"crate::ui\"#;\n/* crate::ui */ let c = '\"'; crate::engine::X",
    );
    assert!(!code.contains("ui"), "{code}");
    assert!(code.contains("crate::engine::X"), "{code}");
    assert_eq!(code.lines().count(), 4);
}

#[test]
fn crate_paths_reads_groups_and_nested_paths() {
    assert_eq!(
        crate_paths("use crate::{engine::{Plan, fast}, scenario, self};"),
        vec!["engine::Plan", "engine::fast", "scenario"]
    );
    assert_eq!(
        crate_paths("x = crate::engine::plan::Plan::new();"),
        vec!["engine::plan::Plan::new"]
    );
    assert!(crate_paths("my_crate::engine").is_empty());
}

#[test]
fn a_dependency_against_the_layering_is_found() {
    let upward = source(
        "src/engine/fast.rs",
        "//! x\nuse crate::ui::state::AppState;\n",
    );
    let problems = dependency_violations(&[upward]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("src/engine/fast.rs:2:"),
        "{problems:?}"
    );
    let downward = source(
        "src/decisions/mod.rs",
        "//! x\nuse crate::{engine, scenario::Model};\n",
    );
    assert_none("a downward dependency", dependency_violations(&[downward]));
}

#[test]
fn an_import_cycle_is_found() {
    let sources = [
        source(
            "src/ui/editor/mod.rs",
            "//! x\nuse crate::ui::decisions_panel::X;\n",
        ),
        source(
            "src/ui/decisions_panel.rs",
            "//! x\nuse super::editor::Y;\n",
        ),
        source("src/ui/editor/stages.rs", "//! x\nuse super::Z;\n"),
    ];
    let cycle = import_cycle(&module_graph(&sources)).expect("a cycle");
    assert!(
        cycle.contains(&"ui::editor".to_string())
            && cycle.contains(&"ui::decisions_panel".to_string()),
        "{cycle:?}"
    );
    // A child using its parent is not a cycle.
    let tree = [
        source("src/ui/editor/mod.rs", "//! x\nmod stages;\n"),
        source("src/ui/editor/stages.rs", "//! x\nuse super::Z;\n"),
    ];
    assert_eq!(import_cycle(&module_graph(&tree)), None);
}

#[test]
fn a_clock_in_the_engine_is_found_but_not_in_a_comment() {
    let clocked = source(
        "src/engine/run.rs",
        "//! x\n// Instant::now is banned\nlet t = std::time::Instant::now();\n",
    );
    let problems = purity_violations(&[clocked]);
    assert!(
        problems
            .iter()
            .all(|p| p.starts_with("src/engine/run.rs:3:")),
        "{problems:?}"
    );
    assert!(!problems.is_empty());
    let glue = source("src/worker/web.rs", "//! x\nuse web_sys::Worker;\n");
    assert_none("the worker's glue", purity_violations(&[glue]));
    let ui = source("src/ui/app.rs", "//! x\nuse web_sys::Window;\n");
    assert_none("the ui", purity_violations(&[ui]));
}

#[test]
fn a_module_without_its_line_a_long_file_and_an_unmapped_file_are_found() {
    let bare = source("src/engine/run.rs", "use x;\n");
    assert_eq!(undocumented(&[bare]).len(), 1);
    let long = source("src/engine/run.rs", &"//! x\n".repeat(MAX_LINES + 1));
    assert_eq!(too_long(&[long]).len(), 1);
    let exact = source("src/engine/run.rs", &"//! x\n".repeat(MAX_LINES));
    assert_none("a file at the limit", too_long(&[exact]));
    let files = [
        source("src/engine/run.rs", "//! x\n"),
        source("src/engine/mod.rs", "//! x\n"),
        source("src/newroom/thing.rs", "//! x\n"),
    ];
    let missing = unmapped(
        &files,
        "### `src/engine/`\n... `run.rs` (`RunResult`)\n### `src/newroom/`\nnothing",
    );
    assert_eq!(
        missing,
        vec!["src/newroom/thing.rs: not named in ARCHITECTURE.md's code map"]
    );
    // A file name in another module's section does not count.
    let elsewhere = [source("src/worker/run.rs", "//! x\n")];
    assert_eq!(
        unmapped(
            &elsewhere,
            "### `src/engine/`\n`run.rs`\n### `src/worker/`\n`x`"
        ),
        vec!["src/worker/run.rs: not named in ARCHITECTURE.md's code map"]
    );
}

#[test]
fn an_edit_closure_in_the_ui_is_found() {
    let closure = source(
        "src/ui/editor/stages.rs",
        "//! x\nstate.edit(|s| s.stages.push(stage));\n",
    );
    assert_eq!(ui_edits_outside_actions(&[closure]).len(), 1);
    let dispatch = source(
        "src/ui/editor/stages.rs",
        "//! x\nstate.dispatch(Action::AddStage);\n",
    );
    assert_none("a dispatch", ui_edits_outside_actions(&[dispatch]));
    let signal = source(
        "src/ui/variants.rs",
        "//! x\nstate.variants.update(|v| v.push(x));\n",
    );
    assert_eq!(ui_edits_outside_actions(&[signal]).len(), 1);
    let mirror = source(
        "src/ui/state.rs",
        "//! x\nself.variants.set(next.variants);\n",
    );
    assert_none("the dispatch's mirror", ui_edits_outside_actions(&[mirror]));
}

#[test]
fn the_ui_changes_the_work_only_through_actions() {
    assert_none(
        "edits outside app_model",
        ui_edits_outside_actions(&sources()),
    );
}

#[test]
fn no_module_imports_one_that_imports_it() {
    let graph = module_graph(&sources());
    if let Some(cycle) = import_cycle(&graph) {
        panic!("an import cycle: {}", cycle.join(" -> "));
    }
}

#[test]
fn no_source_file_is_too_long() {
    assert_none("files too long", too_long(&sources()));
}

//! Running commands: each is echoed before it runs, sees the project's tool directories first
//! on PATH, and fails the task with the command line when it fails.

use std::ffi::{OsStr, OsString};
use std::fmt;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Why a task stopped: a message for the person who ran it.
#[derive(Debug)]
pub struct Error(String);

impl Error {
    pub fn new(message: impl Into<String>) -> Error {
        Error(message.into())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<std::io::Error> for Error {
    fn from(error: std::io::Error) -> Error {
        Error(error.to_string())
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// Where commands run, and the PATH they see.
pub struct Shell {
    root: PathBuf,
    path: OsString,
}

impl Shell {
    /// A shell in `root` whose PATH starts with `first_on_path`, then cargo's own `bin`
    /// directory (where `cargo install` puts tools), then the inherited PATH.
    pub fn new(root: &Path, first_on_path: &[PathBuf]) -> Result<Shell> {
        let mut directories: Vec<PathBuf> = first_on_path.to_vec();
        directories.push(cargo_home().join("bin"));
        if let Some(inherited) = std::env::var_os("PATH") {
            directories.extend(std::env::split_paths(&inherited));
        }
        let path = std::env::join_paths(directories)
            .map_err(|error| Error::new(format!("cannot build PATH: {error}")))?;
        Ok(Shell {
            root: root.to_path_buf(),
            path,
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// A command for `program` run in the project root with this shell's PATH.
    pub fn command(&self, program: &str, arguments: &[&str]) -> Command {
        let mut command = Command::new(program);
        command
            .args(arguments)
            .current_dir(&self.root)
            .env("PATH", &self.path);
        command
    }

    /// Runs a command to completion, its output going straight to the terminal.
    pub fn run(&self, command: &mut Command) -> Result<()> {
        echo(command);
        let status = command
            .status()
            .map_err(|error| spawn_error(command, error))?;
        if status.success() {
            Ok(())
        } else {
            Err(failed(command, &status.to_string()))
        }
    }

    /// Runs a test command, passing its standard output through line by line and keeping the
    /// test runners' summary lines (`test result: ...`), after `label: `, so the task can
    /// repeat them at the end.
    pub fn run_tests(
        &self,
        command: &mut Command,
        label: &str,
        summaries: &mut Vec<String>,
    ) -> Result<()> {
        echo(command);
        command.stdout(Stdio::piped());
        let mut child = command
            .spawn()
            .map_err(|error| spawn_error(command, error))?;
        if let Some(stdout) = child.stdout.take() {
            let mut terminal = std::io::stdout();
            for line in BufReader::new(stdout).split(b'\n') {
                let line = line?;
                let text = String::from_utf8_lossy(&line);
                writeln!(terminal, "{text}")?;
                terminal.flush()?;
                let trimmed = text.trim();
                if trimmed.starts_with("test result:") {
                    summaries.push(format!("{label}: {trimmed}"));
                }
            }
        }
        let status = child.wait()?;
        if status.success() {
            Ok(())
        } else {
            Err(failed(command, &status.to_string()))
        }
    }

    /// The standard output of a command that succeeded; `None` when it cannot be started or
    /// fails. Used quietly, to ask tools for their versions.
    pub fn output(&self, program: &str, arguments: &[&str]) -> Option<String> {
        let output = self
            .command(program, arguments)
            .stderr(Stdio::null())
            .output()
            .ok()?;
        if !output.status.success() {
            return None;
        }
        Some(String::from_utf8_lossy(&output.stdout).into_owned())
    }

    /// The first executable file called `program` on this shell's PATH.
    pub fn which(&self, program: &str) -> Option<PathBuf> {
        std::env::split_paths(&self.path)
            .map(|directory| directory.join(program))
            .find(|candidate| is_executable(candidate))
    }
}

/// Times the phases of a task and prints a line before and after each one.
#[derive(Default)]
pub struct Phases {
    done: Vec<(String, Duration)>,
    started: Option<Instant>,
}

impl Phases {
    /// Runs one phase: a header line first, then its outcome with its duration.
    pub fn run<T>(&mut self, name: &str, body: impl FnOnce() -> Result<T>) -> Result<T> {
        self.started.get_or_insert_with(Instant::now);
        println!("\n==> {name}");
        let _ = std::io::stdout().flush();
        let start = Instant::now();
        let result = body();
        let elapsed = start.elapsed();
        let outcome = if result.is_ok() { "ok" } else { "FAILED" };
        println!("<== {name}: {outcome} in {}", format_duration(elapsed));
        self.done.push((name.to_string(), elapsed));
        result.map_err(|error| Error::new(format!("phase `{name}` failed: {error}")))
    }

    /// Prints every finished phase with its duration, and the total.
    pub fn print_durations(&self) {
        println!("\n==> phase durations");
        let width = self
            .done
            .iter()
            .map(|(name, _)| name.len())
            .max()
            .unwrap_or(0);
        for (name, elapsed) in &self.done {
            println!("  {name:<width$}  {:>9}", format_duration(*elapsed));
        }
        let total = self
            .started
            .map(|start| start.elapsed())
            .unwrap_or_default();
        println!("  {:<width$}  {:>9}", "total", format_duration(total));
    }
}

/// `1m 05s` above a minute, `4.2s` below.
pub fn format_duration(duration: Duration) -> String {
    let seconds = duration.as_secs_f64();
    if seconds >= 60.0 {
        let whole = duration.as_secs();
        format!("{}m {:02}s", whole / 60, whole % 60)
    } else {
        format!("{seconds:.1}s")
    }
}

/// Cargo's home directory: `$CARGO_HOME`, else `~/.cargo`.
pub fn cargo_home() -> PathBuf {
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        return PathBuf::from(home);
    }
    let home = std::env::var_os("HOME").unwrap_or_default();
    PathBuf::from(home).join(".cargo")
}

/// Cargo's target directory for this project: `$CARGO_TARGET_DIR`, else `<root>/target`.
pub fn target_dir(root: &Path) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(directory) => root.join(directory),
        None => root.join("target"),
    }
}

fn echo(command: &Command) {
    println!("$ {}", command_line(command));
    let _ = std::io::stdout().flush();
}

/// The command as one would type it, with the environment variables it sets (PATH aside).
fn command_line(command: &Command) -> String {
    let mut words: Vec<String> = Vec::new();
    for (key, value) in command.get_envs() {
        if key == OsStr::new("PATH") {
            continue;
        }
        if let Some(value) = value {
            words.push(format!(
                "{}={}",
                key.to_string_lossy(),
                value.to_string_lossy()
            ));
        }
    }
    words.push(command.get_program().to_string_lossy().into_owned());
    words.extend(
        command
            .get_args()
            .map(|argument| argument.to_string_lossy().into_owned()),
    );
    words.join(" ")
}

fn spawn_error(command: &Command, error: std::io::Error) -> Error {
    Error::new(format!(
        "could not start `{}`: {error}",
        command_line(command)
    ))
}

fn failed(command: &Command, status: &str) -> Error {
    Error::new(format!("`{}` failed ({status})", command_line(command)))
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .map(|metadata| metadata.is_file() && metadata.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file()
}

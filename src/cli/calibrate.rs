//! `funnelcast calibrate`: a CRM history read and calibrated into a scenario (standard
//! output, ready for `funnelcast run`) and the report of how (standard error as tables, and
//! as JSON in a file with `--report`).

use std::path::{Path, PathBuf};

use crate::calibrate::{self, DateOrder, Options, ReadOptions, Role};
use crate::i18n::{self, Locale};
use crate::scenario;

/// What `funnelcast calibrate` was asked.
pub(super) struct Request {
    pub history: PathBuf,
    pub as_of: Option<String>,
    pub funnel: Option<PathBuf>,
    pub horizon: Option<u32>,
    pub report: Option<PathBuf>,
    pub date_order: Option<DateOrder>,
    pub columns: Vec<String>,
    pub seed: u64,
    pub backtest_runs: u32,
}

/// What the command prints: the scenario (standard output) and the report's tables (standard
/// error); the report's JSON is written to `--report`'s file.
pub(super) struct Printed {
    pub scenario: String,
    pub tables: String,
}

/// Reads, calibrates and writes the report file; every failure is one message naming the
/// file, line and column where there is one.
pub(super) fn calibrate_history(request: &Request) -> Result<Printed, String> {
    let as_of = match &request.as_of {
        Some(text) => Some(
            calibrate::dates::parse_day(text, request.date_order).ok_or_else(|| {
                format!("--as-of {text}: not a date (write it as YYYY-MM-DD or DD.MM.YYYY)")
            })?,
        ),
        None => None,
    };
    let columns = request
        .columns
        .iter()
        .map(|pair| column(pair))
        .collect::<Result<Vec<_>, _>>()?;
    // The arguments are checked first, the files read after.
    let funnel = match &request.funnel {
        Some(path) => Some(super::load(path)?.0),
        None => None,
    };
    let bytes = read_bytes(&request.history)?;
    let options = ReadOptions {
        as_of,
        stages: funnel
            .as_ref()
            .map(|f| f.stages.iter().map(|s| s.name.clone()).collect()),
        date_order: request.date_order,
        columns,
    };
    let name = request.history.display().to_string();
    let reading = calibrate::read(&bytes, &options).map_err(|errors| {
        errors
            .to_string()
            .lines()
            .map(|line| format!("{name}: {line}"))
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    let calibration = calibrate::calibrate(
        &reading.history,
        funnel.as_ref(),
        &Options {
            horizon_days: request.horizon,
            seed: request.seed,
            backtest_runs: request.backtest_runs,
        },
    )
    .map_err(|error| format!("{name}: {error}"))?;
    if let Some(path) = &request.report {
        let json = serde_json::to_string_pretty(&calibration.report).map_err(|e| e.to_string())?;
        std::fs::write(path, json + "\n")
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    let mut scenario =
        serde_json::to_string_pretty(&calibration.scenario).map_err(|e| e.to_string())?;
    scenario.push('\n');
    // The scenario printed must be one `funnelcast run` takes as it is.
    if let Err(error) = scenario::load(&scenario) {
        return Err(format!("the calibrated scenario does not load: {error:?}"));
    }
    let english = |key: &str, count: Option<f64>, args: &[(&str, &str)]| match count {
        Some(n) => i18n::tn(Locale::En, key, n, args),
        None => i18n::tf(Locale::En, key, args),
    };
    let mut tables = String::new();
    for warning in &reading.warnings {
        tables += &format!("{name}: warning: {warning}\n");
    }
    tables += &calibration.report.render_table(&english);
    Ok(Printed { scenario, tables })
}

fn read_bytes(path: &Path) -> Result<Vec<u8>, String> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        return Ok(bytes);
    }
    std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// `ROLE=HEADER` of `--column`: which of the file's headers holds a role.
fn column(pair: &str) -> Result<(Role, String), String> {
    let names = || {
        Role::ALL
            .iter()
            .map(|r| r.name().replace(' ', "_"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let Some((role, header)) = pair.split_once('=') else {
        return Err(format!(
            "--column {pair}: write it as ROLE=HEADER, ROLE one of {}",
            names()
        ));
    };
    let wanted = role.trim().to_lowercase().replace(['_', '-'], " ");
    let role = Role::ALL
        .into_iter()
        .find(|r| r.name() == wanted)
        .ok_or_else(|| format!("--column {pair}: no role \"{role}\"; roles are {}", names()))?;
    Ok((role, header.trim().to_string()))
}

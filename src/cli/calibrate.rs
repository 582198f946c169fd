//! `funnelcast calibrate`: a CRM history read and calibrated into a scenario (standard
//! output, ready for `funnelcast run`) and the report of how (standard error as tables, and
//! as JSON in a file with `--report`).

use std::path::{Path, PathBuf};

use crate::api::{self, CalibrateOptions, Input};
use crate::calibrate::DateOrder;
use crate::i18n::{self, Locale};

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
    let name = request.history.display().to_string();
    let funnel_name = request
        .funnel
        .as_ref()
        .map_or_else(String::new, |path| path.display().to_string());
    let files = |input: Input| match input {
        Input::Funnel => funnel_name.clone(),
        _ => name.clone(),
    };
    let columns = request
        .columns
        .iter()
        .map(|pair| column(pair))
        .collect::<Result<Vec<_>, _>>()?;
    let options = CalibrateOptions {
        as_of: request.as_of.clone(),
        horizon: request.horizon,
        date_order: request.date_order,
        columns,
        seed: request.seed,
        backtest_runs: request.backtest_runs,
    };
    let checked = options.check().map_err(|e| super::message(&e, &files))?;
    // The arguments are checked first, the files read after.
    let funnel = match &request.funnel {
        Some(path) => Some(super::load(path)?.0),
        None => None,
    };
    let bytes = read_bytes(&request.history)?;
    let calibrated = api::calibrate(&bytes, funnel.as_ref(), &checked)
        .map_err(|e| super::message(&e, &files))?;
    if let Some(path) = &request.report {
        std::fs::write(path, &calibrated.report)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    let english = |key: &str, count: Option<f64>, args: &[(&str, &str)]| match count {
        Some(n) => i18n::tn(Locale::En, key, n, args),
        None => i18n::tf(Locale::En, key, args),
    };
    let mut tables = String::new();
    for warning in &calibrated.warnings {
        tables += &format!("{name}: warning: {warning}\n");
    }
    tables += &calibrated.calibration.report.render_table(&english);
    Ok(Printed {
        scenario: calibrated.scenario,
        tables,
    })
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

/// `ROLE=HEADER` of `--column`: which of the file's headers holds a role (the role is
/// checked with the other options, `CalibrateOptions::check`).
fn column(pair: &str) -> Result<(String, String), String> {
    let Some((role, header)) = pair.split_once('=') else {
        return Err(format!(
            "--column {pair}: write it as ROLE=HEADER, ROLE one of {}",
            api::role_names()
        ));
    };
    Ok((role.to_string(), header.to_string()))
}

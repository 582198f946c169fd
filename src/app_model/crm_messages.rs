//! Why a CRM export could not be read, and what was read with a caveat, in the person's
//! language: one catalogue key per `calibrate::ReadError` and `ReadWarning` kind (the
//! `crm.*` block of the catalogues), written from the error's data, numbers in the locale's way,
//! file names and cells quoted as the language quotes. Dates are ISO, which every locale reads.

use crate::calibrate::errors::{MAX_BYTES, MAX_ROWS};
use crate::calibrate::history::iso_date;
use crate::calibrate::{ReadError, ReadErrors, ReadWarning, Role};
use crate::i18n::{self, Locale, format};

fn whole(locale: Locale, value: usize) -> String {
    format::number(locale, value as f64, 0)
}

/// The catalogue key of a role's name (`crm.role.deal`, ...).
pub fn role_key(role: Role) -> &'static str {
    match role {
        Role::Deal => "crm.role.deal",
        Role::Stage => "crm.role.stage",
        Role::Entered => "crm.role.entered",
        Role::Left => "crm.role.left",
        Role::Outcome => "crm.role.outcome",
        Role::Source => "crm.role.source",
        Role::Amount => "crm.role.amount",
        Role::CloseDate => "crm.role.close_date",
        Role::StageKind => "crm.role.stage_kind",
    }
}

/// Names quoted as the language quotes them, joined by its list separator.
fn quoted_list(locale: Locale, names: &[String]) -> String {
    names
        .iter()
        .map(|n| i18n::tf(locale, "crm.quoted", &[("name", n)]))
        .collect::<Vec<_>>()
        .join(i18n::t(locale, "scenario.list_separator"))
}

/// A read error's catalogue key and its placeholders, written for `locale`.
pub fn read_error_message(
    locale: Locale,
    error: &ReadError,
) -> (&'static str, Vec<(&'static str, String)>) {
    let role = |role: &Role| i18n::t(locale, role_key(*role)).to_string();
    let line = |line: &usize| ("line", whole(locale, *line));
    let column = |column: &String| ("column", column.clone());
    match error {
        ReadError::NotText => ("crm.error.not_text", vec![]),
        ReadError::NotCsv { line: at } => ("crm.error.not_csv", vec![line(at)]),
        ReadError::Empty => ("crm.error.empty", vec![]),
        ReadError::NoRows => ("crm.error.no_rows", vec![]),
        ReadError::TooLarge { bytes } => (
            "crm.error.too_large",
            vec![
                ("bytes", whole(locale, *bytes)),
                ("limit", whole(locale, MAX_BYTES / (1024 * 1024))),
            ],
        ),
        ReadError::TooManyRows => (
            "crm.error.too_many_rows",
            vec![("limit", whole(locale, MAX_ROWS))],
        ),
        ReadError::MissingColumn { role: r, headers } => (
            "crm.error.missing_column",
            vec![("role", role(r)), ("headers", quoted_list(locale, headers))],
        ),
        ReadError::NoSuchHeader {
            role: r,
            header,
            headers,
        } => (
            "crm.error.no_such_header",
            vec![
                ("role", role(r)),
                ("header", header.clone()),
                ("headers", quoted_list(locale, headers)),
            ],
        ),
        ReadError::FieldCount {
            line: at,
            found,
            expected,
        } => (
            "crm.error.field_count",
            vec![
                line(at),
                ("found", whole(locale, *found)),
                ("expected", whole(locale, *expected)),
            ],
        ),
        ReadError::MissingValue {
            line: at,
            column: c,
        } => ("crm.error.missing_value", vec![line(at), column(c)]),
        ReadError::UnreadableDate {
            line: at,
            column: c,
            text,
        } => (
            "crm.error.unreadable_date",
            vec![line(at), column(c), ("text", text.clone())],
        ),
        ReadError::AmbiguousDates { column: c, text } => (
            "crm.error.ambiguous_dates",
            vec![column(c), ("text", text.clone())],
        ),
        ReadError::LeftBeforeEntered {
            line: at,
            column: c,
            entered,
            left,
        } => (
            "crm.error.left_before_entered",
            vec![
                line(at),
                column(c),
                ("entered", iso_date(*entered)),
                ("left", iso_date(*left)),
            ],
        ),
        ReadError::AfterExport {
            line: at,
            column: c,
            date,
            as_of,
        } => (
            "crm.error.after_export",
            vec![
                line(at),
                column(c),
                ("date", iso_date(*date)),
                ("as_of", iso_date(*as_of)),
            ],
        ),
        ReadError::UnknownOutcome {
            line: at,
            column: c,
            text,
        } => (
            "crm.error.unknown_outcome",
            vec![line(at), column(c), ("text", text.clone())],
        ),
        ReadError::UnreadableAmount {
            line: at,
            column: c,
            text,
        } => (
            "crm.error.unreadable_amount",
            vec![line(at), column(c), ("text", text.clone())],
        ),
        ReadError::LeftWhileOpen {
            line: at,
            column: c,
        } => ("crm.error.left_while_open", vec![line(at), column(c)]),
        ReadError::UnknownStages { stages, known } => (
            "crm.error.unknown_stages",
            vec![
                ("stages", quoted_list(locale, stages)),
                ("known", quoted_list(locale, known)),
            ],
        ),
        ReadError::Overlap {
            deal,
            first_line,
            second_line,
        } => (
            "crm.error.overlap",
            vec![
                ("deal", deal.clone()),
                ("first", whole(locale, *first_line)),
                ("second", whole(locale, *second_line)),
            ],
        ),
        ReadError::ClosedFirst {
            line: at,
            column: c,
            text,
        } => (
            "crm.error.closed_first",
            vec![line(at), column(c), ("text", text.clone())],
        ),
        ReadError::WonAndLost {
            deal,
            first_line,
            second_line,
        } => (
            "crm.error.won_and_lost",
            vec![
                ("deal", deal.clone()),
                ("first", whole(locale, *first_line)),
                ("second", whole(locale, *second_line)),
            ],
        ),
        ReadError::ChangedAfterWon {
            deal,
            won_line,
            line: at,
        } => (
            "crm.error.changed_after_won",
            vec![
                ("deal", deal.clone()),
                ("won", whole(locale, *won_line)),
                line(at),
            ],
        ),
    }
}

fn fill(locale: Locale, key: &str, args: &[(&'static str, String)]) -> String {
    let args: Vec<(&str, &str)> = args.iter().map(|(n, v)| (*n, v.as_str())).collect();
    i18n::tf(locale, key, &args)
}

/// A read error in `locale`.
pub fn read_error(locale: Locale, error: &ReadError) -> String {
    let (key, args) = read_error_message(locale, error);
    fill(locale, key, &args)
}

/// Every error listed, one a line, and how many more there were.
pub fn read_errors(locale: Locale, errors: &ReadErrors) -> String {
    let mut lines: Vec<String> = errors
        .errors
        .iter()
        .map(|e| read_error(locale, e))
        .collect();
    if errors.more > 0 {
        lines.push(i18n::tn(locale, "crm.error.more", errors.more as f64, &[]));
    }
    lines.join("\n")
}

/// A warning's catalogue key, its count (for the plural form, 0 when it has none) and its
/// placeholders.
pub fn read_warning_message(
    locale: Locale,
    warning: &ReadWarning,
) -> (&'static str, usize, Vec<(&'static str, String)>) {
    let line = |line: &usize| ("line", whole(locale, *line));
    match warning {
        ReadWarning::BlankRows { count, first_line } => {
            ("crm.warning.blank_rows", *count, vec![line(first_line)])
        }
        ReadWarning::NoStageDates { count, first_line } => {
            ("crm.warning.no_stage_dates", *count, vec![line(first_line)])
        }
        ReadWarning::SourceVaries { count, first_line } => {
            ("crm.warning.source_varies", *count, vec![line(first_line)])
        }
        ReadWarning::AmountNotOnPurchase { count, first_line } => (
            "crm.warning.amount_not_on_purchase",
            *count,
            vec![line(first_line)],
        ),
        ReadWarning::MovedBack { count, first_line } => {
            ("crm.warning.moved_back", *count, vec![line(first_line)])
        }
        ReadWarning::SameRole {
            role,
            kept,
            ignored,
        } => (
            "crm.warning.same_role",
            0,
            vec![
                ("role", i18n::t(locale, role_key(*role)).to_string()),
                ("kept", kept.clone()),
                ("ignored", ignored.clone()),
            ],
        ),
    }
}

/// A warning in `locale`.
pub fn read_warning(locale: Locale, warning: &ReadWarning) -> String {
    let (key, count, args) = read_warning_message(locale, warning);
    let args: Vec<(&str, &str)> = args.iter().map(|(n, v)| (*n, v.as_str())).collect();
    if matches!(warning, ReadWarning::SameRole { .. }) {
        i18n::tf(locale, key, &args)
    } else {
        i18n::tn(locale, key, count as f64, &args)
    }
}

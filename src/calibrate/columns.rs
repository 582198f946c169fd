//! Which column of a CRM export is which: the roles a column can play, the header names each
//! role is known by (one table, [`SYNONYMS`]), and the wide shape's per-stage date columns
//! (`Date entered "Qualified (Sales Pipeline)"`, `Дата входа в Переговоры`).
//!
//! Headers are compared after [`normalise`]: lower case, quotes and surrounding spaces dropped,
//! runs of spaces, `_` and `-` as one space (`Deal_ID`, `deal-id` and `Deal ID` are one name).

use super::history::Outcome;
use super::values::parse_outcome;

/// What a column holds.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Role {
    /// The deal's or lead's id.
    Deal,
    /// Long shape: the stage of the row's visit. Wide shape: the deal's current stage or final
    /// status (`Deal Stage` = `Closed won`), when no outcome column is found.
    Stage,
    /// Long shape: the day the visit began.
    Entered,
    /// Long shape: the day the visit ended.
    Left,
    /// Long shape: how the visit ended. Wide shape: the deal's final status (won, lost, open).
    Outcome,
    /// The deal's channel.
    Source,
    /// The purchase's value.
    Amount,
    /// Wide shape: the day a won or lost deal closed.
    CloseDate,
    /// Change log: the kind of the stage a row moves the deal to, as Bitrix24 writes it
    /// (`STAGE_SEMANTIC_ID`: `P` in progress, `S` won, `F` lost) or as an outcome word.
    StageKind,
}

impl Role {
    /// Every role, in the order the page lists them.
    pub const ALL: [Role; 9] = [
        Role::Deal,
        Role::Stage,
        Role::Entered,
        Role::Left,
        Role::Outcome,
        Role::Source,
        Role::Amount,
        Role::CloseDate,
        Role::StageKind,
    ];

    /// The role's name in the canonical file (`close date` for the wide shape's close date).
    pub fn name(self) -> &'static str {
        match self {
            Role::Deal => "deal",
            Role::Stage => "stage",
            Role::Entered => "entered",
            Role::Left => "left",
            Role::Outcome => "outcome",
            Role::Source => "source",
            Role::Amount => "amount",
            Role::CloseDate => "close date",
            Role::StageKind => "stage kind",
        }
    }
}

/// The header names each role is known by, normalised (see the module's header). English,
/// then Russian (amoCRM, Bitrix24 and Excel trackers), then Chinese.
pub const SYNONYMS: &[(Role, &[&str])] = &[
    (
        Role::Deal,
        &[
            "deal",
            "deal id",
            "id",
            "record id",
            "lead",
            "lead id",
            "opportunity",
            "opportunity id",
            "opportunityid",
            "owner id",
            "entity id",
            "deal name",
            "name",
            "сделка",
            "id сделки",
            "номер сделки",
            "название сделки",
            "лид",
            "id лида",
            "заявка",
            "交易",
            "交易id",
            "商机",
            "线索",
        ],
    ),
    (
        Role::Stage,
        &[
            "stage",
            "stage name",
            "deal stage",
            "pipeline stage",
            "current stage",
            "to stage",
            "new stage",
            "stage after",
            "stage id",
            "stagename",
            "status after",
            "new status",
            "to status",
            "этап",
            "стадия",
            "этап сделки",
            "стадия сделки",
            "статус после",
            "новый статус",
            "этап после",
            "новый этап",
            "стадия после",
            "новая стадия",
            "阶段",
            "交易阶段",
        ],
    ),
    (
        Role::Entered,
        &[
            "entered",
            "date entered",
            "entered at",
            "entered on",
            "entered date",
            "start",
            "start date",
            "started",
            "from",
            "entry date",
            "дата входа",
            "вход",
            "дата начала",
            "начало",
            "дата перехода",
            "进入日期",
            "进入",
            "开始日期",
            // A change log's date of the change (see `rank`).
            "edit date",
            "last modified",
            "last modified date",
            "date changed",
            "changed at",
            "change date",
            "stage change time",
            "log time",
            "дата изменения",
            "дата события",
            "变更日期",
            "created date",
            "createddate",
            "created time",
            "created at",
            "дата создания",
            "время создания",
        ],
    ),
    (
        Role::Left,
        &[
            "left",
            "date left",
            "left at",
            "left on",
            "exited",
            "date exited",
            "exit date",
            "exited at",
            "end",
            "end date",
            "ended",
            "to",
            "дата выхода",
            "выход",
            "дата окончания",
            "окончание",
            "离开日期",
            "离开",
            "结束日期",
        ],
    ),
    (
        Role::Outcome,
        &[
            "outcome",
            "result",
            "status",
            "state",
            "deal status",
            "исход",
            "результат",
            "статус",
            "статус сделки",
            "结果",
            "状态",
        ],
    ),
    (
        Role::Source,
        &[
            "source",
            "channel",
            "lead source",
            "utm source",
            "original source",
            "deal source",
            "источник",
            "канал",
            "источник сделки",
            "来源",
            "渠道",
        ],
    ),
    (
        Role::Amount,
        &[
            "amount",
            "value",
            "deal value",
            "deal amount",
            "revenue",
            "price",
            "sum",
            "total",
            "сумма",
            "бюджет",
            "стоимость",
            "сумма сделки",
            "金额",
            "交易金额",
        ],
    ),
    (
        Role::CloseDate,
        &[
            "close date",
            "closed date",
            "date closed",
            "closed at",
            "closed on",
            "closing date",
            "won time",
            "lost time",
            "дата закрытия",
            "дата закрытия сделки",
            "关闭日期",
            "成交日期",
        ],
    ),
    (
        Role::StageKind,
        &[
            "stage kind",
            "stage type",
            "stage semantic id",
            "stage semantic",
            "semantic id",
            "семантика",
            "семантика стадии",
            "тип стадии",
            "阶段类型",
        ],
    ),
];

/// Names of a role that yield to its other names (`rank` 1): the dates of a change, which a
/// wide export also carries as the deal's own dates (HubSpot's `Last Modified Date`), and ids
/// that name the deal from another record (Bitrix24's `OWNER_ID`, amoCRM's `entity_id`).
const YIELDING: &[&str] = &["owner id", "entity id"];
/// A change's date (`rank` 1).
const CHANGE_DATES: &[&str] = &[
    "edit date",
    "last modified",
    "last modified date",
    "date changed",
    "changed at",
    "change date",
    "stage change time",
    "log time",
    "дата изменения",
    "дата события",
    "变更日期",
];
/// Names that yield to every other (`rank` 2): a bare `ID` or `Name` (Bitrix24's history row
/// has its own `ID` beside `OWNER_ID`) and a record's creation date (Salesforce's report has
/// it beside the change's `Last Modified`).
const GENERIC: &[&str] = &["id", "name"];
const CREATION_DATES: &[&str] = &[
    "created date",
    "createddate",
    "created time",
    "created at",
    "дата создания",
    "время создания",
];

/// How readily a header takes its role: 0 for the names a role is known by first, 1 for
/// [`YIELDING`] names and a change's dates, 2 for [`GENERIC`] names and creation dates.
/// Columns are assigned by rank, then in the file's order.
pub fn rank(header: &str) -> u8 {
    let name = normalise(header);
    let name = name.as_str();
    if GENERIC.contains(&name) || CREATION_DATES.contains(&name) {
        2
    } else if YIELDING.contains(&name) || CHANGE_DATES.contains(&name) {
        1
    } else {
        0
    }
}

/// Whether an `entered` column is a change's date that a wide export also carries as the
/// deal's own (`Last Modified Date`, `Created Date`): it does not make a file long.
pub fn is_record_date(header: &str) -> bool {
    let name = normalise(header);
    CHANGE_DATES.contains(&name.as_str()) || CREATION_DATES.contains(&name.as_str())
}

/// Prefixes and suffixes of the wide shape's per-stage columns, normalised: `Date entered
/// <stage>`, `<stage> entered`, and the same for exits.
const ENTERED_PREFIXES: &[&str] = &[
    "date entered into ",
    "date entered ",
    "entered into ",
    "entered ",
    "дата входа в ",
    "дата входа на ",
    "дата перехода в ",
    "дата перехода на ",
    "вход в ",
    "进入日期 ",
];
const ENTERED_SUFFIXES: &[&str] = &[" entered", " entered at", " entered date", " entry date"];
const EXITED_PREFIXES: &[&str] = &[
    "date exited ",
    "exited ",
    "date left ",
    "дата выхода из ",
    "дата выхода с ",
    "выход из ",
    "离开日期 ",
];
const EXITED_SUFFIXES: &[&str] = &[" exited", " exited at", " exit date"];

/// Normalised header: lower case, quotes and surrounding spaces dropped, runs of whitespace,
/// `_` and `-` as one space.
pub fn normalise(header: &str) -> String {
    let lower = header.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    for word in lower
        .split(|c: char| c.is_whitespace() || matches!(c, '_' | '-' | '"' | '\'' | '«' | '»'))
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The role a header names, if it is one of [`SYNONYMS`].
pub fn role_of(header: &str) -> Option<Role> {
    let name = normalise(header);
    SYNONYMS
        .iter()
        .find(|(_, names)| names.contains(&name.as_str()))
        .map(|(role, _)| *role)
}

/// A wide-shape per-stage column: which way it goes and the stage's name as the header writes
/// it (quotes dropped, spacing and case kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageColumn {
    pub exited: bool,
    pub stage: String,
}

/// The stage a header's `Date entered X` / `Date exited X` names, if it has that form.
pub fn stage_column(header: &str) -> Option<StageColumn> {
    if role_of(header).is_some() {
        return None;
    }
    let name = normalise(header);
    let find = |prefixes: &[&str], suffixes: &[&str]| -> Option<String> {
        for prefix in prefixes {
            if let Some(rest) = name.strip_prefix(prefix)
                && !rest.is_empty()
            {
                return Some(original_tail(header, rest));
            }
        }
        for suffix in suffixes {
            if let Some(rest) = name.strip_suffix(suffix)
                && !rest.is_empty()
            {
                return Some(original_head(header, rest));
            }
        }
        None
    };
    if let Some(stage) = find(ENTERED_PREFIXES, ENTERED_SUFFIXES) {
        return Some(StageColumn {
            exited: false,
            stage,
        });
    }
    find(EXITED_PREFIXES, EXITED_SUFFIXES).map(|stage| StageColumn {
        exited: true,
        stage,
    })
}

/// The stage name as the header writes it, after its first `skip` words (quotes dropped).
fn original_tail(header: &str, tail: &str) -> String {
    let spans = word_spans(header);
    let skip = spans.len().saturating_sub(tail.split(' ').count());
    match (spans.get(skip), spans.last()) {
        (Some(first), Some(last)) => unquote(&header[first.0..last.1]),
        _ => String::new(),
    }
}

/// The stage name as the header writes it, before its last words (quotes dropped).
fn original_head(header: &str, head: &str) -> String {
    let spans = word_spans(header);
    let keep = head.split(' ').count();
    match (spans.first(), spans.get(keep.saturating_sub(1))) {
        (Some(first), Some(last)) if keep > 0 => unquote(&header[first.0..last.1]),
        _ => String::new(),
    }
}

fn unquote(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '"' | '«' | '»'))
        .collect::<String>()
        .trim()
        .to_string()
}

/// The byte spans of the header's words, split as `normalise` splits them.
fn word_spans(header: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (at, c) in header.char_indices() {
        let splits = c.is_whitespace() || matches!(c, '_' | '-' | '"' | '\'' | '«' | '»');
        match (splits, start) {
            (true, Some(s)) => {
                spans.push((s, at));
                start = None;
            }
            (false, None) => start = Some(at),
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, header.len()));
    }
    spans
}

/// What a wide stage column's stage is when its name is an outcome (`Date entered Closed Won`):
/// the day the deal was won or lost rather than a stage of the funnel.
pub fn outcome_stage(stage: &str) -> Option<Outcome> {
    // With or without a pipeline's name in parentheses (`Closed Won (Sales Pipeline)`).
    let bare = stage.rsplit_once(" (").map_or(stage, |(head, _)| head);
    match parse_outcome(stage).or_else(|| parse_outcome(bare)) {
        Some(Outcome::Open) | None => None,
        outcome => outcome,
    }
}

/// Whether a change log's stage cell closes the deal rather than naming a stage: an outcome
/// word as `outcome_stage` reads it (`Closed Won`, `Closed Lost`, `WON`, `LOSE`, `Успешно
/// реализовано`, `Закрыто и не реализовано`), or amoCRM's fixed status ids, `142` won and `143`
/// lost.
pub fn change_marker(stage: &str) -> Option<Outcome> {
    match stage.trim() {
        "142" => Some(Outcome::Advanced),
        "143" => Some(Outcome::Lost),
        text => outcome_stage(text),
    }
}

/// A change log's stage-kind cell (`Role::StageKind`): Bitrix24's semantic ids `P` (in
/// progress), `S` (won) and `F` (lost), or an outcome word; `None` for other text. An empty
/// cell is `Some(Outcome::Open)`: the stage's name decides.
pub fn stage_kind(text: &str) -> Option<Outcome> {
    match text.trim() {
        "P" | "p" => Some(Outcome::Open),
        "S" | "s" => Some(Outcome::Advanced),
        "F" | "f" => Some(Outcome::Lost),
        text => parse_outcome(text),
    }
}

/// Drops a pipeline's name that every stage column adds in parentheses (HubSpot writes
/// `Appointment Scheduled (Sales Pipeline)`): when all `stages` end in the same ` (X)`, the
/// names without it, else the names as they are.
pub fn without_common_pipeline(stages: &[String]) -> Vec<String> {
    let suffix = |name: &str| -> Option<(usize, String)> {
        let trimmed = name.trim_end();
        if !trimmed.ends_with(')') {
            return None;
        }
        let open = trimmed.rfind('(')?;
        (open > 0).then(|| (open, trimmed[open..].to_string()))
    };
    let Some(first) = stages.first().and_then(|s| suffix(s)) else {
        return stages.to_vec();
    };
    let all_same = stages
        .iter()
        .all(|s| suffix(s).is_some_and(|(_, tail)| tail == first.1));
    if !all_same {
        return stages.to_vec();
    }
    stages
        .iter()
        .map(|s| {
            let (open, _) = suffix(s).unwrap_or((s.len(), String::new()));
            s[..open].trim_end().to_string()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_name_roles_without_case_spacing_or_underscores() {
        assert_eq!(role_of(" Deal_ID "), Some(Role::Deal));
        assert_eq!(role_of("Record ID"), Some(Role::Deal));
        assert_eq!(role_of("Дата входа"), Some(Role::Entered));
        assert_eq!(role_of("Этап"), Some(Role::Stage));
        assert_eq!(role_of("Close Date"), Some(Role::CloseDate));
        assert_eq!(role_of("colour"), None);
        assert_eq!(role_of("OWNER_ID"), Some(Role::Deal));
        assert_eq!(role_of("Статус после"), Some(Role::Stage));
        assert_eq!(role_of("Edit Date"), Some(Role::Entered));
        assert_eq!(role_of("STAGE_SEMANTIC_ID"), Some(Role::StageKind));
        // Specific names first, then the yielding ones, then the generic.
        assert!(rank("Deal ID") < rank("OWNER_ID") && rank("OWNER_ID") < rank("ID"));
        assert!(
            rank("entered") < rank("Last Modified") && rank("Last Modified") < rank("Created Date")
        );
        assert!(is_record_date("Last Modified Date") && !is_record_date("Date entered"));
        assert_eq!(change_marker("143"), Some(Outcome::Lost));
        assert_eq!(change_marker("Closed Won (Sales)"), Some(Outcome::Advanced));
        assert_eq!(change_marker("Proposal"), None);
        assert_eq!(stage_kind("S"), Some(Outcome::Advanced));
        assert_eq!(stage_kind(""), Some(Outcome::Open));
        assert_eq!(stage_kind("Q"), None);
    }

    #[test]
    fn wide_stage_columns() {
        let entered = |stage: &str| {
            Some(StageColumn {
                exited: false,
                stage: stage.to_string(),
            })
        };
        assert_eq!(
            stage_column("Date entered \"Appointment Scheduled (Sales Pipeline)\""),
            entered("Appointment Scheduled (Sales Pipeline)")
        );
        assert_eq!(stage_column("Qualified entered"), entered("Qualified"));
        assert_eq!(
            stage_column("Дата входа в Переговоры"),
            entered("Переговоры")
        );
        assert_eq!(
            stage_column("Date exited \"Qualified\""),
            Some(StageColumn {
                exited: true,
                stage: "Qualified".into()
            })
        );
        assert_eq!(stage_column("date_entered_follow-up"), entered("follow-up"));
        assert_eq!(stage_column("Date entered"), None);
        assert_eq!(stage_column("Amount"), None);
        assert_eq!(
            without_common_pipeline(&["A (P)".into(), "B c (P)".into()]),
            vec!["A".to_string(), "B c".to_string()]
        );
        assert_eq!(
            without_common_pipeline(&["A (P)".into(), "B (Q)".into()]),
            vec!["A (P)".to_string(), "B (Q)".to_string()]
        );
    }
}

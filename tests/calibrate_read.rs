//! Reading CRM exports into a `History` (src/calibrate/read.rs and the files beside it): every
//! dialect and shape on small hand-written files, every bad input with the line and column it
//! names, the writers' round trips, and no panic on any bytes.

use funnelcast::calibrate::errors::{MAX_BYTES, MAX_ROWS};
use funnelcast::calibrate::history::day_from_date;
use funnelcast::calibrate::{
    ColumnUse, DateOrder, Day, Deal, History, Outcome, ReadError, ReadErrors, ReadOptions,
    ReadWarning, Reading, Role, Separator, Shape, Visit, read, write,
};
use proptest::prelude::*;

fn day(y: i32, m: u32, d: u32) -> Day {
    day_from_date(y, m, d).expect("a real date")
}

#[track_caller]
fn ok(text: &str, options: &ReadOptions) -> Reading {
    match read(text.as_bytes(), options) {
        Ok(reading) => reading,
        Err(errors) => panic!("expected a reading, got:\n{errors}"),
    }
}

#[track_caller]
fn errors(text: &[u8], options: &ReadOptions) -> ReadErrors {
    match read(text, options) {
        Ok(reading) => panic!("expected errors, read {:?}", reading.history),
        Err(errors) => errors,
    }
}

#[track_caller]
fn only_error(text: &str, options: &ReadOptions) -> ReadError {
    let errors = errors(text.as_bytes(), options);
    assert_eq!(errors.errors.len(), 1, "{errors}");
    errors.errors[0].clone()
}

fn visit(stage: usize, entered: Day, left: Option<Day>, outcome: Outcome, line: usize) -> Visit {
    Visit {
        stage,
        entered,
        left,
        outcome,
        amount: None,
        line,
    }
}

fn no_options() -> ReadOptions {
    ReadOptions::default()
}

fn funnel(names: &[&str]) -> ReadOptions {
    ReadOptions {
        stages: Some(names.iter().map(|s| s.to_string()).collect()),
        ..ReadOptions::default()
    }
}

const CANONICAL: &str = "\
deal,stage,entered,left,outcome,source,amount
d1,Lead,2026-01-05,2026-01-09,advanced,Ads,
d1,Demo,2026-01-09,2026-01-20,advanced,Ads,
d1,Contract,2026-01-20,2026-02-01,advanced,Ads,1200.50
d2,Lead,2026-01-06,2026-01-07,lost,Referral,
d2,Lead,2026-01-30,,,Referral,
d3,Lead,2026-01-07,2026-01-08,advanced,,
d3,Demo,2026-01-08,,open,,
";

/// The canonical file's history, written out by hand.
fn canonical_history() -> History {
    let mut purchase = visit(
        2,
        day(2026, 1, 20),
        Some(day(2026, 2, 1)),
        Outcome::Advanced,
        4,
    );
    purchase.amount = Some(1200.5);
    History {
        stages: vec!["Lead".into(), "Demo".into(), "Contract".into()],
        sources: vec!["Ads".into(), "Referral".into()],
        deals: vec![
            Deal {
                id: "d1".into(),
                source: Some(0),
                visits: vec![
                    visit(
                        0,
                        day(2026, 1, 5),
                        Some(day(2026, 1, 9)),
                        Outcome::Advanced,
                        2,
                    ),
                    visit(
                        1,
                        day(2026, 1, 9),
                        Some(day(2026, 1, 20)),
                        Outcome::Advanced,
                        3,
                    ),
                    purchase,
                ],
            },
            Deal {
                id: "d2".into(),
                source: Some(1),
                visits: vec![
                    visit(0, day(2026, 1, 6), Some(day(2026, 1, 7)), Outcome::Lost, 5),
                    visit(0, day(2026, 1, 30), None, Outcome::Open, 6),
                ],
            },
            Deal {
                id: "d3".into(),
                source: None,
                visits: vec![
                    visit(
                        0,
                        day(2026, 1, 7),
                        Some(day(2026, 1, 8)),
                        Outcome::Advanced,
                        7,
                    ),
                    visit(1, day(2026, 1, 8), None, Outcome::Open, 8),
                ],
            },
        ],
        // The latest date in the file.
        as_of: day(2026, 2, 1),
    }
}

#[test]
fn the_canonical_file_reads_into_its_history() {
    let reading = ok(CANONICAL, &no_options());
    assert_eq!(reading.history, canonical_history());
    assert_eq!(reading.shape, Shape::Long);
    assert_eq!(reading.separator, Separator::Comma);
    assert_eq!(reading.headers[2], "entered");
    assert_eq!(reading.columns[6], ColumnUse::Role(Role::Amount));
    assert!(reading.warnings.is_empty(), "{:?}", reading.warnings);
    let as_of = ReadOptions {
        as_of: Some(day(2026, 3, 1)),
        ..no_options()
    };
    assert_eq!(ok(CANONICAL, &as_of).history.as_of, day(2026, 3, 1));
}

#[test]
fn bom_crlf_quotes_semicolons_tabs_and_dotted_dates_read_the_same() {
    let expected = canonical_history();
    let crlf = format!("\u{feff}{}", CANONICAL.replace('\n', "\r\n"));
    assert_eq!(ok(&crlf, &no_options()).history, expected);
    let dotted = CANONICAL
        .replace(',', ";")
        .replace("2026-01-05", "05.01.2026")
        .replace("2026-02-01", "1.2.2026")
        .replace("1200.50", "\"1 200,50 €\"");
    let reading = ok(&dotted, &no_options());
    assert_eq!(reading.separator, Separator::Semicolon);
    assert_eq!(reading.history, expected);
    let tabs = CANONICAL.replace(',', "\t");
    let reading = ok(&tabs, &no_options());
    assert_eq!(reading.separator, Separator::Tab);
    assert_eq!(reading.history, expected);
    // A quoted field holding the separator, and one holding a line break: lines count from
    // where a row starts.
    let quoted = "deal,stage,entered,left,outcome\n\
                  \"d,1\",\"Lead\",2026-01-05,2026-01-06,advanced\n\
                  \"d,1\",\"Demo\nstage\",2026-01-06,,\n\
                  d2,Lead,2026-01-07,,\n";
    let history = ok(quoted, &no_options()).history;
    assert_eq!(history.deals[0].id, "d,1");
    assert_eq!(history.stages, vec!["Lead", "Demo\nstage"]);
    assert_eq!(history.deals[1].visits[0].line, 5);
}

#[test]
fn times_of_day_are_dropped() {
    let text = "deal,stage,entered,left,outcome\n\
                a,S,2026-03-04T23:59:00Z,2026-03-05 10:00:00,lost\n\
                b,S,2026-03-04T10:00+03:00,05.03.2026 9:30,advanced\n";
    let history = ok(text, &no_options()).history;
    for deal in &history.deals {
        assert_eq!(deal.visits[0].entered, day(2026, 3, 4));
        assert_eq!(deal.visits[0].left, Some(day(2026, 3, 5)));
    }
}

#[test]
fn slash_dates_are_decided_by_a_value_or_by_the_option() {
    let month_first = "deal,stage,entered,left,outcome\n\
                       a,S,03/04/2026,03/15/2026,lost\n";
    let history = ok(month_first, &no_options()).history;
    assert_eq!(history.deals[0].visits[0].entered, day(2026, 3, 4));
    let day_first = "deal,stage,entered,left,outcome\n\
                     a,S,03/04/2026,15/04/2026,lost\n";
    let history = ok(day_first, &no_options()).history;
    assert_eq!(history.deals[0].visits[0].entered, day(2026, 4, 3));
    let ambiguous = "deal,stage,Start Date,left,outcome\n\
                     a,S,03/04/2026,05/04/2026,lost\n";
    assert_eq!(
        only_error(ambiguous, &no_options()),
        ReadError::AmbiguousDates {
            column: "Start Date".into(),
            text: "03/04/2026".into()
        }
    );
    let told = ReadOptions {
        date_order: Some(DateOrder::DayFirst),
        ..no_options()
    };
    let history = ok(ambiguous, &told).history;
    assert_eq!(history.deals[0].visits[0].left, Some(day(2026, 4, 5)));
    // A value that does not fit the order the file decided cannot be read.
    let mixed = "deal,stage,entered,left,outcome\n\
                 a,S,13/04/2026,04/14/2026,lost\n";
    assert_eq!(
        only_error(mixed, &no_options()),
        ReadError::UnreadableDate {
            line: 2,
            column: "left".into(),
            text: "04/14/2026".into()
        }
    );
}

#[test]
fn amounts_in_every_common_writing() {
    let cases = [
        ("1234", 1234.0),
        ("\"1 234,50\"", 1234.5),
        ("\"1\u{a0}234,50 ₽\"", 1234.5),
        ("\"1.234,50\"", 1234.5),
        ("\"1,234.50\"", 1234.5),
        ("\"$1,234.50\"", 1234.5),
        ("USD 99.90", 99.9),
        ("\"99,9\"", 99.9),
        ("\"1,234\"", 1234.0),
        ("0.125", 0.125),
    ];
    for (text, expected) in cases {
        let file = format!(
            "deal,stage,entered,left,outcome,amount\na,S,2026-01-01,2026-01-02,won,{text}\n"
        );
        let history = ok(&file, &no_options()).history;
        assert_eq!(history.deals[0].visits[0].amount, Some(expected), "{text}");
    }
}

#[test]
fn outcome_words_and_their_synonyms() {
    let words = [
        ("advanced", Outcome::Advanced),
        ("Won", Outcome::Advanced),
        ("CLOSED WON", Outcome::Advanced),
        ("Успешно реализовано", Outcome::Advanced),
        ("выиграна", Outcome::Advanced),
        ("lost", Outcome::Lost),
        ("Closed Lost", Outcome::Lost),
        ("Закрыто и не реализовано", Outcome::Lost),
        ("проиграна", Outcome::Lost),
    ];
    for (word, expected) in words {
        let file = format!("deal,stage,entered,left,outcome\na,S,2026-01-01,2026-01-02,{word}\n");
        let history = ok(&file, &no_options()).history;
        assert_eq!(history.deals[0].visits[0].outcome, expected, "{word}");
    }
    for word in ["open", "In progress", ""] {
        let file = format!("deal,stage,entered,left,outcome\na,S,2026-01-01,,{word}\n");
        let history = ok(&file, &no_options()).history;
        assert_eq!(
            history.deals[0].visits[0].outcome,
            Outcome::Open,
            "{word:?}"
        );
    }
}

#[test]
fn headers_have_synonyms_in_english_and_russian_and_a_mapping_names_the_others() {
    let english = "Deal ID;Stage Name;Date Entered;Date Exited;Result;Lead Source;Deal Value;Owner\n\
                   d1;Lead;2026-01-05;2026-01-09;Won;Ads;10\n";
    let english = english.replace("10\n", "10;Ann\n");
    let reading = ok(&english, &no_options());
    assert_eq!(reading.history.deals[0].visits[0].amount, Some(10.0));
    assert_eq!(reading.columns[7], ColumnUse::Ignored);
    let russian = "Сделка;Этап;Дата входа;Дата выхода;Исход;Источник;Сумма\n\
                   d1;Лид;05.01.2026;09.01.2026;проиграна;Реклама;\n";
    let reading = ok(russian, &no_options());
    assert_eq!(reading.history.stages, vec!["Лид"]);
    assert_eq!(reading.history.sources, vec!["Реклама"]);
    assert_eq!(reading.history.deals[0].visits[0].outcome, Outcome::Lost);
    // Headers it does not know, mapped by the person.
    let other = "Ticket,Step,Since,Until,How\nt1,Lead,2026-01-05,2026-01-09,lost\n";
    let missing = errors(other.as_bytes(), &no_options());
    let headers: Vec<String> = ["Ticket", "Step", "Since", "Until", "How"]
        .map(String::from)
        .to_vec();
    assert_eq!(
        missing.errors[0],
        ReadError::MissingColumn {
            role: Role::Deal,
            headers: headers.clone()
        }
    );
    assert_eq!(
        missing.errors.len(),
        4,
        "deal, stage, entered, outcome: {missing}"
    );
    let mapped = ReadOptions {
        columns: vec![
            (Role::Deal, "ticket".into()),
            (Role::Stage, "Step".into()),
            (Role::Entered, "Since".into()),
            (Role::Left, "Until".into()),
            (Role::Outcome, "How".into()),
        ],
        ..no_options()
    };
    let reading = ok(other, &mapped);
    assert_eq!(reading.history.deals[0].id, "t1");
    assert_eq!(reading.columns[3], ColumnUse::Role(Role::Left));
    let wrong = ReadOptions {
        columns: vec![(Role::Deal, "Tiket".into())],
        ..no_options()
    };
    assert_eq!(
        only_error(other, &wrong),
        ReadError::NoSuchHeader {
            role: Role::Deal,
            header: "Tiket".into(),
            headers
        }
    );
}

#[test]
fn a_funnel_names_and_orders_the_stages_and_refuses_others_listing_them_once() {
    let text = "deal,stage,entered,left,outcome\n\
                a, demo ,2026-01-02,,\n\
                a,LEAD,2026-01-01,2026-01-02,advanced\n";
    let reading = ok(text, &funnel(&["Lead", "Demo", "Contract"]));
    assert_eq!(reading.history.stages, vec!["Lead", "Demo", "Contract"]);
    assert_eq!(reading.history.deals[0].visits[0].stage, 0);
    assert_eq!(reading.history.deals[0].visits[1].stage, 1);
    let unknown = "deal,stage,entered,left,outcome\n\
                   a,Lead,2026-01-01,,\nb,Pitch,2026-01-01,,\nc,pitch,2026-01-01,,\nd,Call,2026-01-01,,\n";
    assert_eq!(
        only_error(unknown, &funnel(&["Lead", "Demo"])),
        ReadError::UnknownStages {
            stages: vec!["Pitch".into(), "Call".into()],
            known: vec!["Lead".into(), "Demo".into()]
        }
    );
}

#[test]
fn without_a_funnel_stages_follow_the_deals_path_not_the_rows_order() {
    // The first row is a late deal already at Contract; Demo is named before Lead.
    let text = "deal,stage,entered,left,outcome\n\
                x,Contract,2026-01-01,,\n\
                y,Demo,2026-01-03,2026-01-04,advanced\n\
                y,Lead,2026-01-02,2026-01-03,advanced\n\
                y,Contract,2026-01-04,,\n\
                z,Lead,2026-01-02,2026-01-05,lost\n\
                z,Lead,2026-01-09,,\n";
    let history = ok(text, &no_options()).history;
    assert_eq!(history.stages, vec!["Lead", "Demo", "Contract"]);
    // Visits in the order they happened, whatever the rows' order.
    let y: Vec<usize> = history.deals[1].visits.iter().map(|v| v.stage).collect();
    assert_eq!(y, vec![0, 1, 2]);
}

#[test]
fn an_empty_outcome_is_inferred_from_what_follows() {
    // Only entry dates: each visit advanced on the day the next began; the last is open.
    let text = "deal,stage,entered,left,outcome\n\
                a,Lead,2026-01-01,,\na,Demo,2026-01-04,,\na,Deal,2026-01-09,,\n";
    let history = ok(text, &no_options()).history;
    let visits = &history.deals[0].visits;
    assert_eq!(visits[0].left, Some(day(2026, 1, 4)));
    assert_eq!(visits[0].outcome, Outcome::Advanced);
    assert_eq!(visits[1].left, Some(day(2026, 1, 9)));
    assert_eq!(visits[2].outcome, Outcome::Open);
    // A left date without an outcome and nothing after it: won or lost cannot be told.
    let text = "deal,stage,entered,left,Result\na,Lead,2026-01-01,2026-01-03,\n";
    assert_eq!(
        only_error(text, &no_options()),
        ReadError::MissingValue {
            line: 2,
            column: "Result".into()
        }
    );
}

/// HubSpot's deal export: one row per deal, `Date entered "<stage> (<pipeline>)"` columns,
/// `Deal Stage` the status, `Closed Won`/`Closed Lost` as dates rather than stages.
const HUBSPOT: &str = "\
Record ID,Deal Name,Deal Stage,Amount,Close Date,Original Source,\
Date entered \"Appointment Scheduled (Sales Pipeline)\",\
Date entered \"Qualified To Buy (Sales Pipeline)\",\
Date entered \"Contract Sent (Sales Pipeline)\",\
Date entered \"Closed Won (Sales Pipeline)\",\
Date entered \"Closed Lost (Sales Pipeline)\"
101,Acme,Closed won,\"$5,000.00\",2026-02-10 12:00,Organic Search,2026-01-02 09:00,2026-01-05,2026-01-20,2026-02-10,
102,Beta,Closed lost,,2026-01-15,Paid Search,2026-01-03,2026-01-09,,,2026-01-15
103,Gamma,Qualified To Buy,,,Organic Search,2026-01-04,2026-01-12,,,
";

#[test]
fn hubspots_wide_export_becomes_visits() {
    let reading = ok(HUBSPOT, &no_options());
    assert_eq!(reading.shape, Shape::Wide);
    let history = &reading.history;
    assert_eq!(
        history.stages,
        vec!["Appointment Scheduled", "Qualified To Buy", "Contract Sent"]
    );
    assert_eq!(history.sources, vec!["Organic Search", "Paid Search"]);
    let mut won = visit(
        2,
        day(2026, 1, 20),
        Some(day(2026, 2, 10)),
        Outcome::Advanced,
        2,
    );
    won.amount = Some(5000.0);
    assert_eq!(
        history.deals[0].visits,
        vec![
            visit(
                0,
                day(2026, 1, 2),
                Some(day(2026, 1, 5)),
                Outcome::Advanced,
                2
            ),
            visit(
                1,
                day(2026, 1, 5),
                Some(day(2026, 1, 20)),
                Outcome::Advanced,
                2
            ),
            won
        ]
    );
    assert_eq!(
        history.deals[1].visits,
        vec![
            visit(
                0,
                day(2026, 1, 3),
                Some(day(2026, 1, 9)),
                Outcome::Advanced,
                3
            ),
            visit(1, day(2026, 1, 9), Some(day(2026, 1, 15)), Outcome::Lost, 3),
        ]
    );
    assert_eq!(history.deals[2].visits[1].outcome, Outcome::Open);
    assert_eq!(history.as_of, day(2026, 2, 10));
    assert_eq!(reading.columns[9], ColumnUse::WonDate);
    assert_eq!(reading.columns[10], ColumnUse::LostDate);
    assert_eq!(
        reading.columns[6],
        ColumnUse::StageEntered("Appointment Scheduled".into())
    );
    assert_eq!(
        reading.warnings,
        vec![ReadWarning::SameRole {
            role: Role::Deal,
            kept: "Record ID".into(),
            ignored: "Deal Name".into()
        }]
    );
}

#[test]
fn a_spreadsheet_tracker_with_exit_dates_and_a_status() {
    let text = "Lead;Status;Qualified entered;Qualified exited;Proposal entered;Proposal exited;Сумма\n\
                L1;won;01.03.2026;03.03.2026;05.03.2026;09.03.2026;\"1 500\"\n\
                L2;lost;02.03.2026;04.03.2026;;;\n\
                L3;;02.03.2026;;;;\n\
                ;;;;;;\n";
    let reading = ok(text, &funnel(&["qualified", "proposal", "contract"]));
    let history = &reading.history;
    assert_eq!(history.stages, vec!["qualified", "proposal", "contract"]);
    let l1 = &history.deals[0].visits;
    assert_eq!(
        l1[0].left,
        Some(day(2026, 3, 3)),
        "the exit date, not the next entry"
    );
    assert_eq!(l1[1].left, Some(day(2026, 3, 9)));
    assert_eq!(l1[1].amount, Some(1500.0));
    assert_eq!(history.deals[1].visits[0].outcome, Outcome::Lost);
    assert_eq!(history.deals[2].visits[0].outcome, Outcome::Open);
    assert_eq!(
        reading.warnings,
        vec![ReadWarning::BlankRows {
            count: 1,
            first_line: 5
        }]
    );
    // A lost deal with no date to close it on.
    let text = "Lead,Status,Qualified entered\nL1,lost,2026-03-01\n";
    assert_eq!(
        only_error(text, &no_options()),
        ReadError::MissingValue {
            line: 2,
            column: "close date".into()
        }
    );
    let text = "Lead,Status,Qualified entered\nL1,maybe,2026-03-01\n";
    assert_eq!(
        only_error(text, &no_options()),
        ReadError::UnknownOutcome {
            line: 2,
            column: "Status".into(),
            text: "maybe".into()
        }
    );
    let unknown = "Lead,Status,Qualified entered,Pitch entered,Call entered\nL1,,2026-03-01,,\n";
    assert_eq!(
        only_error(unknown, &funnel(&["Qualified"])),
        ReadError::UnknownStages {
            stages: vec!["Pitch".into(), "Call".into()],
            known: vec!["Qualified".into()]
        }
    );
}

#[test]
fn bad_cells_are_named_by_line_and_column_and_all_are_listed() {
    let text = "deal,stage,entered,left,outcome,amount\n\
                a,S,2026-01-05,2026-01-09,advanced,\n\
                b,S,soon,2026-01-09,advanced,\n\
                c,S,2026-01-09,2026-01-05,lost,\n\
                d,S,2026-01-05,2026-01-09,perhaps,\n\
                e,S,2026-01-05,2026-01-09,advanced,lots\n\
                ,S,2026-01-05,,,\n\
                f,S,2026-01-05,2026-01-06,open,\n";
    let found = errors(text.as_bytes(), &no_options());
    assert_eq!(
        found.errors,
        vec![
            ReadError::UnreadableDate {
                line: 3,
                column: "entered".into(),
                text: "soon".into()
            },
            ReadError::UnknownOutcome {
                line: 5,
                column: "outcome".into(),
                text: "perhaps".into()
            },
            ReadError::UnreadableAmount {
                line: 6,
                column: "amount".into(),
                text: "lots".into()
            },
            ReadError::MissingValue {
                line: 7,
                column: "deal".into()
            },
            ReadError::LeftBeforeEntered {
                line: 4,
                column: "left".into(),
                entered: day(2026, 1, 9),
                left: day(2026, 1, 5)
            },
            ReadError::LeftWhileOpen {
                line: 8,
                column: "left".into()
            },
        ],
        "{found}"
    );
    assert_eq!(
        found.errors[0].to_string(),
        "line 3, column \"entered\": \"soon\" is not a date (YYYY-MM-DD, DD.MM.YYYY, \
         MM/DD/YYYY or DD/MM/YYYY)"
    );
}

#[test]
fn overlapping_visits_name_both_lines() {
    let text = "deal,stage,entered,left,outcome\n\
                a,Lead,2026-01-01,2026-01-10,advanced\n\
                b,Lead,2026-01-01,,\n\
                a,Demo,2026-01-05,,\n\
                b,Demo,2026-01-03,,\n";
    let found = errors(text.as_bytes(), &no_options());
    assert_eq!(
        found.errors,
        vec![ReadError::Overlap {
            deal: "a".into(),
            first_line: 2,
            second_line: 4
        },],
        "{found}"
    );
    let text = "deal,stage,entered,left,outcome\nb,Lead,2026-01-01,,open\nb,Demo,2026-01-03,,\n";
    assert_eq!(
        only_error(text, &no_options()).to_string(),
        "deal \"b\": the visit on line 2 has not ended when the one on line 3 begins"
    );
}

#[test]
fn dates_after_the_export_date_given_are_refused() {
    let options = ReadOptions {
        as_of: Some(day(2026, 1, 7)),
        ..no_options()
    };
    let text = "deal,stage,entered,left,outcome\na,S,2026-01-05,2026-01-09,lost\n";
    assert_eq!(
        only_error(text, &options),
        ReadError::AfterExport {
            line: 2,
            column: "left".into(),
            date: day(2026, 1, 9),
            as_of: day(2026, 1, 7)
        }
    );
}

#[test]
fn files_that_are_not_a_history() {
    let one = |bytes: &[u8]| {
        let found = errors(bytes, &no_options());
        assert_eq!(found.errors.len(), 1, "{found}");
        found.errors[0].clone()
    };
    assert_eq!(one(b"\x89PNG\r\n\x1a\n\0\0\0"), ReadError::NotText);
    assert_eq!(
        one(b"deal,stage\n\xe9t\xe9,x\n"),
        ReadError::NotText,
        "Latin-1"
    );
    assert_eq!(one(b""), ReadError::Empty);
    assert_eq!(one(b"\xEF\xBB\xBF \r\n \n"), ReadError::Empty);
    assert_eq!(one(b"deal,stage,entered,left,outcome\n"), ReadError::NoRows);
    assert_eq!(
        one(b"deal,stage,entered,left,outcome\n,,,,\n\n"),
        ReadError::NoRows
    );
    assert_eq!(
        one(b"deal,stage,entered,left,outcome\na,S,2026-01-01\n"),
        ReadError::FieldCount {
            line: 2,
            found: 3,
            expected: 5
        }
    );
    // Trailing empty fields some tools add are not an error; text in them is.
    let trailing = "deal,stage,entered,left,outcome\na,S,2026-01-01,,,,\n";
    assert_eq!(ok(trailing, &no_options()).history.deals.len(), 1);
    assert_eq!(
        one(b"deal,stage,entered,left,outcome\na,S,2026-01-01,,,x\n"),
        ReadError::FieldCount {
            line: 2,
            found: 6,
            expected: 5
        }
    );
    let mut huge = vec![b'a'; MAX_BYTES + 1];
    huge[0] = b'd';
    assert_eq!(
        one(&huge),
        ReadError::TooLarge {
            bytes: MAX_BYTES + 1
        }
    );
    drop(huge);
    let mut many = String::from("deal,stage,entered,left,outcome\n");
    for _ in 0..=MAX_ROWS {
        many.push_str("a,S,1.1.2026,,\n");
    }
    assert_eq!(one(many.as_bytes()), ReadError::TooManyRows);
    assert_eq!(
        ReadError::TooManyRows.to_string(),
        "the file has more than 2000000 rows, the most that is read"
    );
}

#[test]
fn errors_are_capped_at_twenty_and_the_rest_counted() {
    let mut text = String::from("deal,stage,entered,left,outcome\n");
    for i in 0..25 {
        text.push_str(&format!("d{i},S,never,,\n"));
    }
    let found = errors(text.as_bytes(), &no_options());
    assert_eq!(found.errors.len(), 20);
    assert_eq!(found.more, 5);
    assert!(found.to_string().ends_with("and 5 more errors"), "{found}");
}

#[test]
fn warnings_for_what_was_read_with_a_caveat() {
    let text = "deal,stage,entered,left,outcome,source,amount\n\
                a,Lead,2026-01-01,2026-01-02,advanced,Ads,99\n\
                ,,,,,,\n\
                a,Deal,2026-01-02,2026-01-05,advanced,Email,\n\
                b,Lead,2026-01-01,2026-01-03,lost,Ads,40\n";
    let reading = ok(text, &no_options());
    assert_eq!(
        reading.warnings,
        vec![
            ReadWarning::BlankRows {
                count: 1,
                first_line: 3
            },
            ReadWarning::SourceVaries {
                count: 1,
                first_line: 4
            },
            ReadWarning::AmountNotOnPurchase {
                count: 2,
                first_line: 2
            },
        ]
    );
    // The deal's amount moves to its purchase; b was lost, so its amount is not used.
    assert_eq!(reading.history.deals[0].visits[1].amount, Some(99.0));
    assert_eq!(reading.history.deals[0].visits[0].amount, None);
    assert_eq!(reading.history.deals[1].visits[0].amount, None);
    assert_eq!(reading.history.sources, vec!["Ads"]);
}

// ---- Round trips --------------------------------------------------------------------------

fn without_lines(mut history: History) -> History {
    for deal in &mut history.deals {
        for visit in &mut deal.visits {
            visit.line = 0;
        }
    }
    history
}

fn options_for(history: &History) -> ReadOptions {
    ReadOptions {
        as_of: Some(history.as_of),
        stages: Some(history.stages.clone()),
        ..ReadOptions::default()
    }
}

#[track_caller]
fn round_trip(history: &History, text: &str) {
    let back = match read(text.as_bytes(), &options_for(history)) {
        Ok(reading) => reading.history,
        Err(errors) => panic!("{errors}\n{text}"),
    };
    assert_eq!(
        without_lines(back),
        without_lines(history.clone()),
        "{text}"
    );
}

#[test]
fn the_canonical_history_comes_back_from_every_writer() {
    let history = canonical_history();
    round_trip(&history, &write::canonical(&history));
    round_trip(&history, &write::semicolon(&history));
    // Lines too: the writers put one visit on each line, in order.
    let back = ok(&write::canonical(&history), &options_for(&history)).history;
    assert_eq!(back, history);
    let semicolon = write::semicolon(&history);
    assert!(
        semicolon.contains("d1;Contract;20.01.2026;01.02.2026;advanced;Ads;1200,5\n"),
        "{semicolon}"
    );
    // d2 comes back to Lead after a loss: the wide shape keeps one visit per stage.
    let mut wide = history.clone();
    wide.deals.remove(1);
    wide.sources.remove(1);
    let text = write::wide(&wide);
    assert_eq!(ok(&text, &no_options()).shape, Shape::Wide);
    round_trip(&wide, &text);
}

/// A small random history: deal paths through a few stages, with losses and nurture returns
/// (long shapes only), open last visits, amounts on purchases, a few sources.
fn history_strategy(wide: bool) -> impl Strategy<Value = History> {
    let stage_names = prop::sample::subsequence(
        vec![
            "Lead",
            "Demo",
            "Trial",
            "Proposal",
            "Contract",
            "Этап 6",
            "Stage; \"7\"",
        ],
        1..=5,
    );
    let deal = (
        0usize..3,
        prop::collection::vec((0u8..4, 0i32..5, 0u32..4, 0u8..3), 1..5),
        0i32..60,
        prop::option::of(0.0f64..1e6),
    );
    (stage_names, prop::collection::vec(deal, 0..12), 0i32..10).prop_map(
        move |(names, deals, after)| {
            let stages: Vec<String> = names.iter().map(|s| s.to_string()).collect();
            let last = stages.len() - 1;
            let start = day(2025, 12, 1);
            let mut out: Vec<Deal> = Vec::new();
            let mut sources: Vec<String> = Vec::new();
            let mut latest = start;
            for (i, (source, steps, offset, amount)) in deals.into_iter().enumerate() {
                let mut visits: Vec<Visit> = Vec::new();
                let mut stage = 0usize;
                let mut entered = start + offset;
                for (step, stay, skip, kind) in steps {
                    let left = entered + stay;
                    // kind 0: advance (skipping `skip % 2` stages), 1: lost, 2: open (ends).
                    let next = stage + 1 + (skip as usize % 2) * usize::from(!wide);
                    let outcome = match kind {
                        0 if next <= last || stage == last => Outcome::Advanced,
                        1 if !wide || visits.is_empty() || step % 2 == 0 => Outcome::Lost,
                        _ => Outcome::Open,
                    };
                    let ended = outcome != Outcome::Advanced || stage == last;
                    visits.push(Visit {
                        stage,
                        entered,
                        left: (outcome != Outcome::Open).then_some(left),
                        outcome,
                        amount: None,
                        line: 0,
                    });
                    latest = latest.max(left);
                    if ended && (wide || outcome != Outcome::Lost) {
                        break;
                    }
                    if outcome == Outcome::Lost {
                        // Back from nurture, to an earlier or the same stage.
                        stage = usize::from(step) % (stage + 1);
                        entered = left + i32::from(step);
                    } else {
                        stage = next.min(last);
                        entered = left;
                    }
                }
                if let Some(last_visit) = visits.last_mut()
                    && last_visit.outcome == Outcome::Advanced
                {
                    last_visit.amount = amount.map(|a| (a * 100.0).round() / 100.0);
                }
                let source = (source > 0).then(|| {
                    let name = format!("Source {source}");
                    match sources.iter().position(|s| *s == name) {
                        Some(at) => at,
                        None => {
                            sources.push(name);
                            sources.len() - 1
                        }
                    }
                });
                out.push(Deal {
                    id: format!("deal-{i}"),
                    source,
                    visits,
                });
            }
            History {
                stages,
                sources,
                deals: out,
                as_of: latest + after,
            }
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn generated_histories_come_back_from_the_long_writers(history in history_strategy(false)) {
        prop_assume!(!history.deals.is_empty());
        round_trip(&history, &write::canonical(&history));
        round_trip(&history, &write::semicolon(&history));
    }

    #[test]
    fn generated_histories_without_returns_come_back_from_the_wide_writer(
        history in history_strategy(true)
    ) {
        prop_assume!(!history.deals.is_empty());
        round_trip(&history, &write::wide(&history));
    }

    #[test]
    fn any_bytes_give_a_reading_or_errors_never_a_panic(
        bytes in prop::collection::vec(any::<u8>(), 0..400)
    ) {
        let _ = read(&bytes, &ReadOptions::default());
    }

    #[test]
    fn any_csv_like_text_gives_a_reading_or_errors_never_a_panic(
        text in "(deal|stage|entered|left|outcome|amount|Date entered X|Status|[,;\t\"\n\r ]|[a-z]{1,3}|2026-0[1-2]-[0-3][0-9]|[0-3][0-9][./][01][0-9][./]2026|[0-9 .,]{1,6}|won|lost|open|\u{a0}|€){0,60}",
        as_of in prop::option::of(20_000i32..20_500),
        funnel in prop::option::of(prop::collection::vec("[a-z]{1,2}", 0..3)),
    ) {
        let options = ReadOptions { as_of, stages: funnel, ..ReadOptions::default() };
        let _ = read(text.as_bytes(), &options);
        let _ = read(format!("deal,stage,entered,left,outcome\n{text}").as_bytes(), &options);
    }
}

// ---- Messages ------------------------------------------------------------------------------

/// One of every error and warning kind.
fn every_error_and_warning() -> (Vec<ReadError>, Vec<ReadWarning>) {
    let at = |line| (line, "Start".to_string());
    let (line, column) = at(7);
    let errors = vec![
        ReadError::NotText,
        ReadError::NotCsv { line },
        ReadError::Empty,
        ReadError::NoRows,
        ReadError::TooLarge {
            bytes: MAX_BYTES + 1,
        },
        ReadError::TooManyRows,
        ReadError::MissingColumn {
            role: Role::Stage,
            headers: vec!["a".into(), "b".into()],
        },
        ReadError::NoSuchHeader {
            role: Role::Deal,
            header: "x".into(),
            headers: vec!["a".into()],
        },
        ReadError::FieldCount {
            line,
            found: 3,
            expected: 5,
        },
        ReadError::MissingValue {
            line,
            column: column.clone(),
        },
        ReadError::UnreadableDate {
            line,
            column: column.clone(),
            text: "soon".into(),
        },
        ReadError::AmbiguousDates {
            column: column.clone(),
            text: "03/04/2026".into(),
        },
        ReadError::LeftBeforeEntered {
            line,
            column: column.clone(),
            entered: 20_000,
            left: 19_999,
        },
        ReadError::AfterExport {
            line,
            column: column.clone(),
            date: 20_001,
            as_of: 20_000,
        },
        ReadError::UnknownOutcome {
            line,
            column: column.clone(),
            text: "maybe".into(),
        },
        ReadError::UnreadableAmount {
            line,
            column: column.clone(),
            text: "lots".into(),
        },
        ReadError::LeftWhileOpen { line, column },
        ReadError::UnknownStages {
            stages: vec!["Pitch".into()],
            known: vec!["Lead".into()],
        },
        ReadError::Overlap {
            deal: "d1".into(),
            first_line: 2,
            second_line: 9,
        },
        ReadError::ClosedFirst {
            line: 2,
            column: "Stage".into(),
            text: "Closed Won".into(),
        },
        ReadError::WonAndLost {
            deal: "d1".into(),
            first_line: 3,
            second_line: 4,
        },
        ReadError::ChangedAfterWon {
            deal: "d1".into(),
            won_line: 3,
            line: 5,
        },
    ];
    let warnings = vec![
        ReadWarning::BlankRows {
            count: 3,
            first_line: 4,
        },
        ReadWarning::NoStageDates {
            count: 1,
            first_line: 4,
        },
        ReadWarning::SourceVaries {
            count: 2,
            first_line: 4,
        },
        ReadWarning::AmountNotOnPurchase {
            count: 5,
            first_line: 4,
        },
        ReadWarning::SameRole {
            role: Role::Deal,
            kept: "ID".into(),
            ignored: "Name".into(),
        },
        ReadWarning::MovedBack {
            count: 2,
            first_line: 4,
        },
    ];
    (errors, warnings)
}

#[test]
fn every_error_and_warning_has_a_message_in_every_language() {
    use funnelcast::app_model::crm_messages::{
        read_error, read_error_message, read_errors, read_warning,
    };
    use funnelcast::i18n::Locale;
    let (errors, warnings) = every_error_and_warning();
    for locale in [Locale::En, Locale::Ru, Locale::Zh] {
        let mut keys = std::collections::BTreeSet::new();
        for error in &errors {
            let (key, _) = read_error_message(locale, error);
            assert!(keys.insert(key), "{key} used for two kinds");
            let text = read_error(locale, error);
            assert!(
                !text.contains('{') && !text.starts_with("crm."),
                "{locale}: {text}"
            );
        }
        for warning in &warnings {
            let text = read_warning(locale, warning);
            assert!(
                !text.contains('{') && !text.starts_with("crm."),
                "{locale}: {text}"
            );
        }
    }
    let overlap = &errors[18];
    assert_eq!(
        read_error(Locale::Ru, overlap),
        "Сделка «d1»: этап в строке 2 ещё не закончился, когда начинается этап в строке 9."
    );
    assert_eq!(
        read_error(Locale::En, &errors[6]),
        "No column for “stage”. The file’s columns are “a”, “b”; say which one it is."
    );
    let capped = ReadErrors {
        errors: vec![errors[2].clone()],
        more: 21,
    };
    assert_eq!(
        read_errors(Locale::Ru, &capped),
        "Файл пуст.\n…и ещё 21 ошибка."
    );
    assert_eq!(
        read_error(Locale::Ru, &errors[21]),
        "Сделка «d1»: строка 5 меняет этап после того, как сделка выиграна в строке 3."
    );
    assert_eq!(
        errors[19].to_string(),
        "line 2, column \"Stage\": \"Closed Won\" closes the deal, but it is the deal's first \
         change: the stage it closed at is not in the file"
    );
    // The command line's English names the same line and column.
    assert_eq!(
        errors[10].to_string(),
        "line 7, column \"Start\": \"soon\" is not a date (YYYY-MM-DD, DD.MM.YYYY, MM/DD/YYYY or DD/MM/YYYY)"
    );
}

// ---- Change logs: one row per stage change ------------------------------------------------

fn purchase(visit: Visit, amount: f64) -> Visit {
    Visit {
        amount: Some(amount),
        ..visit
    }
}

/// Salesforce's Opportunity History report: a row for every change of stage, amount,
/// probability or close date; the change's date in `Last Modified`, beside the record's
/// `Created Date`; US dates with times; `Closed Won` / `Closed Lost` as stages.
const SALESFORCE: &str = "\
Opportunity Name,Opportunity ID,From Stage,To Stage,Amount,Probability (%),Close Date,Last Modified,Created Date
Acme,006A,,Prospecting,\"$5,000.00\",10,2/28/2026,1/5/2026 9:00 AM,1/5/2026
Acme,006A,Prospecting,Prospecting,\"$6,000.00\",10,2/28/2026,1/7/2026,1/5/2026
Acme,006A,Prospecting,Qualification,\"$6,000.00\",20,2/28/2026,1/9/2026,1/5/2026
Acme,006A,Qualification,Closed Won,\"$6,500.00\",100,1/20/2026,1/20/2026 4:30 PM,1/5/2026
Beta,006B,,Prospecting,\"$1,000.00\",10,3/1/2026,1/6/2026,1/6/2026
Beta,006B,Prospecting,Closed Lost,\"$1,000.00\",0,1/13/2026,1/13/2026,1/6/2026
Gamma,006C,,Prospecting,,10,3/1/2026,1/8/2026,1/8/2026
Gamma,006C,Prospecting,Qualification,,20,3/1/2026,1/14/2026,1/8/2026
";

#[test]
fn a_salesforce_opportunity_history_reads_as_a_change_log() {
    let reading = ok(SALESFORCE, &no_options());
    assert_eq!(reading.shape, Shape::ChangeLog);
    let d = |m, dd| day(2026, m, dd);
    let expected = History {
        stages: vec!["Prospecting".into(), "Qualification".into()],
        sources: vec![],
        deals: vec![
            Deal {
                id: "006A".into(),
                source: None,
                visits: vec![
                    // The amount's change on 7 January continues the visit.
                    visit(0, d(1, 5), Some(d(1, 9)), Outcome::Advanced, 2),
                    // Won: the purchase, with the won row's amount.
                    purchase(
                        visit(1, d(1, 9), Some(d(1, 20)), Outcome::Advanced, 4),
                        6500.0,
                    ),
                ],
            },
            Deal {
                id: "006B".into(),
                source: None,
                visits: vec![visit(0, d(1, 6), Some(d(1, 13)), Outcome::Lost, 6)],
            },
            Deal {
                id: "006C".into(),
                source: None,
                visits: vec![
                    visit(0, d(1, 8), Some(d(1, 14)), Outcome::Advanced, 8),
                    // No close after it: open on the export date.
                    visit(1, d(1, 14), None, Outcome::Open, 9),
                ],
            },
        ],
        as_of: d(1, 20),
    };
    assert_eq!(reading.history, expected);
    let role = |r| ColumnUse::Role(r);
    assert_eq!(
        reading.columns,
        vec![
            ColumnUse::Ignored,
            role(Role::Deal),
            ColumnUse::Ignored,
            role(Role::Stage),
            role(Role::Amount),
            ColumnUse::Ignored,
            // The expected close date is not a change's date.
            ColumnUse::Ignored,
            role(Role::Entered),
            ColumnUse::Ignored,
        ]
    );
    assert_eq!(
        reading.warnings,
        vec![ReadWarning::SameRole {
            role: Role::Entered,
            kept: "Last Modified".into(),
            ignored: "Created Date".into()
        }]
    );
    // Data Loader's headers for the OpportunityHistory object read the same.
    let loader = "OpportunityId,StageName,CreatedDate,Amount,CloseDate\n\
                  006A,Prospecting,2026-01-05T09:00:00.000Z,5000,2026-02-28\n\
                  006A,Closed Won,2026-01-09T10:00:00.000Z,5200,2026-01-09\n";
    let reading = ok(loader, &no_options());
    assert_eq!(reading.shape, Shape::ChangeLog);
    assert_eq!(
        reading.history.deals[0].visits,
        vec![purchase(
            visit(0, d(1, 5), Some(d(1, 9)), Outcome::Advanced, 2),
            5200.0
        )]
    );
}

/// Bitrix24's `crm.stagehistory.list` as a table: the history row's own `ID` beside the
/// deal's `OWNER_ID`, ISO times with an offset, and `STAGE_SEMANTIC_ID` saying which rows
/// close the deal (`S` won, `F` lost), whatever the stage's name.
const BITRIX: &str = "\
ID,TYPE_ID,OWNER_ID,CREATED_TIME,CATEGORY_ID,STAGE_SEMANTIC_ID,STAGE_ID
1,1,42,2026-01-05T10:00:00+03:00,0,P,NEW
2,2,42,2026-01-06T11:00:00+03:00,0,P,PREPARATION
3,2,42,2026-01-09T09:30:00+03:00,0,P,EXECUTING
4,3,42,2026-01-15T18:00:00+03:00,0,S,FINAL_INVOICE
5,1,43,2026-01-05T12:00:00+03:00,0,P,NEW
6,3,43,2026-01-07T12:00:00+03:00,0,F,LOSE
7,2,43,2026-02-01T12:00:00+03:00,0,P,NEW
8,1,44,2026-01-06T08:00:00+03:00,0,P,NEW
9,2,44,2026-01-08T08:00:00+03:00,0,P,PREPARATION
10,2,44,2026-01-12T08:00:00+03:00,0,P,EXECUTING
11,2,44,2026-01-20T08:00:00+03:00,0,P,PREPARATION
";

#[test]
fn a_bitrix_stage_history_with_semantic_ids() {
    let reading = ok(BITRIX, &no_options());
    assert_eq!(reading.shape, Shape::ChangeLog);
    let d = |m, dd| day(2026, m, dd);
    let history = &reading.history;
    // FINAL_INVOICE (S) and LOSE (F) close deals; they are not stages. The order is the deals'
    // forward moves, 44's move back notwithstanding.
    assert_eq!(history.stages, vec!["NEW", "PREPARATION", "EXECUTING"]);
    assert_eq!(
        history
            .deals
            .iter()
            .map(|d| d.id.as_str())
            .collect::<Vec<_>>(),
        vec!["42", "43", "44"]
    );
    assert_eq!(
        history.deals[0].visits,
        vec![
            visit(0, d(1, 5), Some(d(1, 6)), Outcome::Advanced, 2),
            visit(1, d(1, 6), Some(d(1, 9)), Outcome::Advanced, 3),
            visit(2, d(1, 9), Some(d(1, 15)), Outcome::Advanced, 4),
        ]
    );
    // Lost on 7 January, back from nurture on 1 February.
    assert_eq!(
        history.deals[1].visits,
        vec![
            visit(0, d(1, 5), Some(d(1, 7)), Outcome::Lost, 6),
            visit(0, d(2, 1), None, Outcome::Open, 8),
        ]
    );
    // Moved back from EXECUTING to PREPARATION with no loss: lost there, come back.
    assert_eq!(
        history.deals[2].visits,
        vec![
            visit(0, d(1, 6), Some(d(1, 8)), Outcome::Advanced, 9),
            visit(1, d(1, 8), Some(d(1, 12)), Outcome::Advanced, 10),
            visit(2, d(1, 12), Some(d(1, 20)), Outcome::Lost, 11),
            visit(1, d(1, 20), None, Outcome::Open, 12),
        ]
    );
    assert_eq!(history.as_of, d(2, 1));
    assert_eq!(reading.columns[2], ColumnUse::Role(Role::Deal));
    assert_eq!(reading.columns[5], ColumnUse::Role(Role::StageKind));
    assert_eq!(
        reading.warnings,
        vec![
            ReadWarning::SameRole {
                role: Role::Deal,
                kept: "OWNER_ID".into(),
                ignored: "ID".into()
            },
            ReadWarning::MovedBack {
                count: 1,
                first_line: 12
            },
        ]
    );
    // With the funnel given, its order decides what is forward.
    let reading = ok(BITRIX, &funnel(&["NEW", "PREPARATION", "EXECUTING"]));
    assert_eq!(reading.history.deals[2].visits[2].outcome, Outcome::Lost);
    // A kind cell that says in progress makes even an outcome word a stage's name.
    let text = "OWNER_ID,STAGE_ID,CREATED_TIME,STAGE_SEMANTIC_ID\n\
                7,NEW,2026-01-05,P\n7,WON,2026-01-06,P\n";
    let history = ok(text, &no_options()).history;
    assert_eq!(history.stages, vec!["NEW", "WON"]);
    assert_eq!(history.deals[0].visits[1].outcome, Outcome::Open);
    // Without a kind column, WON and LOSE close the deal.
    let text = "OWNER_ID,STAGE_ID,CREATED_TIME\n7,NEW,2026-01-05\n7,LOSE,2026-01-06\n";
    let history = ok(text, &no_options()).history;
    assert_eq!(
        history.deals[0].visits,
        vec![visit(0, d(1, 5), Some(d(1, 6)), Outcome::Lost, 2)]
    );
}

/// amoCRM/Kommo's "status changed" events as Excel saves them in Russian: semicolons,
/// `DD.MM.YYYY`, budgets with spaces and decimal commas; won and lost as the statuses'
/// names or as amoCRM's fixed ids 142 and 143.
const AMO: &str = "\
ID сделки;Название;Статус до;Статус после;Дата создания;Бюджет;Источник
101;Окна;;Первичный контакт;05.01.2026 10:15;150 000;Сайт
101;Окна;Первичный контакт;Переговоры;08.01.2026;150 000;Сайт
101;Окна;Переговоры;Успешно реализовано;20.01.2026;162 500,50;Сайт
102;Двери;;Первичный контакт;06.01.2026;;Звонок
102;Двери;Первичный контакт;143;09.01.2026;;Звонок
103;Рамы;;Первичный контакт;07.01.2026;;Сайт
103;Рамы;Первичный контакт;Переговоры;12.01.2026;;Сайт
104;Стекло;;Первичный контакт;08.01.2026;20 000;Сайт
104;Стекло;Первичный контакт;142;15.01.2026;;Сайт
";

#[test]
fn an_amocrm_status_log_in_russian_with_semicolons_and_dotted_dates() {
    let reading = ok(AMO, &no_options());
    assert_eq!(reading.shape, Shape::ChangeLog);
    assert_eq!(reading.separator, Separator::Semicolon);
    let d = |m, dd| day(2026, m, dd);
    let expected = History {
        stages: vec!["Первичный контакт".into(), "Переговоры".into()],
        sources: vec!["Сайт".into(), "Звонок".into()],
        deals: vec![
            Deal {
                id: "101".into(),
                source: Some(0),
                visits: vec![
                    visit(0, d(1, 5), Some(d(1, 8)), Outcome::Advanced, 2),
                    purchase(
                        visit(1, d(1, 8), Some(d(1, 20)), Outcome::Advanced, 3),
                        162_500.5,
                    ),
                ],
            },
            Deal {
                id: "102".into(),
                source: Some(1),
                visits: vec![visit(0, d(1, 6), Some(d(1, 9)), Outcome::Lost, 5)],
            },
            Deal {
                id: "103".into(),
                source: Some(0),
                visits: vec![
                    visit(0, d(1, 7), Some(d(1, 12)), Outcome::Advanced, 7),
                    visit(1, d(1, 12), None, Outcome::Open, 8),
                ],
            },
            Deal {
                id: "104".into(),
                source: Some(0),
                // Won by id from the first stage; the won row has no budget, the deal's last
                // one is the purchase's.
                visits: vec![purchase(
                    visit(0, d(1, 8), Some(d(1, 15)), Outcome::Advanced, 9),
                    20_000.0,
                )],
            },
        ],
        as_of: d(1, 20),
    };
    assert_eq!(reading.history, expected);
    assert!(reading.warnings.is_empty(), "{:?}", reading.warnings);
}

#[test]
fn which_files_are_change_logs() {
    // The canonical columns without `left` and `outcome`.
    let text = "deal,stage,entered\na,Lead,2026-01-01\na,Demo,2026-01-03\n";
    let reading = ok(text, &no_options());
    assert_eq!(reading.shape, Shape::ChangeLog);
    assert_eq!(
        reading.history.deals[0].visits,
        vec![
            visit(
                0,
                day(2026, 1, 1),
                Some(day(2026, 1, 3)),
                Outcome::Advanced,
                2
            ),
            visit(1, day(2026, 1, 3), None, Outcome::Open, 3),
        ]
    );
    // With an outcome column it is the long shape, as before.
    let text = "deal,stage,entered,outcome\na,Lead,2026-01-01,advanced\na,Demo,2026-01-03,\n";
    assert_eq!(ok(text, &no_options()).shape, Shape::Long);
    // A wide export's own `Last Modified Date` and `Create Date` do not make it long.
    let text = "Record ID,Deal Stage,Last Modified Date,Date entered \"Lead\",Date entered \"Demo\"\n\
                1,Demo,2026-02-01,2026-01-01,2026-01-05\n";
    let reading = ok(text, &no_options());
    assert_eq!(reading.shape, Shape::Wide);
    assert_eq!(reading.columns[2], ColumnUse::Ignored);
    assert_eq!(reading.history.deals[0].visits.len(), 2);
}

#[test]
fn change_log_errors_are_named_by_line_and_column() {
    let header = "Opportunity ID,Stage,Edit Date,Amount\n";
    let one = |rows: &str| only_error(&format!("{header}{rows}"), &no_options());
    // The first change closes the deal: the stage it was in is not in the file.
    assert_eq!(
        one("a,Closed Won,2026-01-05,100\n"),
        ReadError::ClosedFirst {
            line: 2,
            column: "Stage".into(),
            text: "Closed Won".into()
        }
    );
    // In date order, whatever the rows' order.
    assert_eq!(
        one("a,Lead,2026-01-09,\na,Closed Lost,2026-01-05,\n"),
        ReadError::ClosedFirst {
            line: 3,
            column: "Stage".into(),
            text: "Closed Lost".into()
        }
    );
    // Won and lost on one day, and on two days with no stage change between.
    assert_eq!(
        one("a,Lead,2026-01-01,\na,Closed Won,2026-01-05,\na,Closed Lost,2026-01-05,\n"),
        ReadError::WonAndLost {
            deal: "a".into(),
            first_line: 3,
            second_line: 4
        }
    );
    assert_eq!(
        one("a,Lead,2026-01-01,\na,Closed Lost,2026-01-05,\na,Closed Won,2026-01-08,\n"),
        ReadError::WonAndLost {
            deal: "a".into(),
            first_line: 3,
            second_line: 4
        }
    );
    // Won, then moved on the same day and on a later one.
    assert_eq!(
        one("a,Lead,2026-01-01,\na,Closed Won,2026-01-05,\na,Demo,2026-01-05,\n"),
        ReadError::ChangedAfterWon {
            deal: "a".into(),
            won_line: 3,
            line: 4
        }
    );
    assert_eq!(
        one(
            "a,Lead,2026-01-01,\na,Closed Won,2026-01-05,\nb,Lead,2026-01-02,\na,Lead,2026-01-09,\n"
        ),
        ReadError::ChangedAfterWon {
            deal: "a".into(),
            won_line: 3,
            line: 5
        }
    );
    // A repeated close of the same kind is not an error: the later amount is the purchase's.
    let text = format!(
        "{header}a,Lead,2026-01-01,\na,Closed Won,2026-01-05,100\na,Closed Won,2026-01-07,120\n"
    );
    let history = ok(&text, &no_options()).history;
    assert_eq!(history.deals[0].visits[0].amount, Some(120.0));
    assert_eq!(history.deals[0].visits[0].left, Some(day(2026, 1, 5)));
    // A kind cell closes the deal: the error names its column.
    let text = "OWNER_ID,STAGE_ID,CREATED_TIME,STAGE_SEMANTIC_ID\n7,C1:WON,2026-01-05,S\n";
    assert_eq!(
        only_error(text, &no_options()),
        ReadError::ClosedFirst {
            line: 2,
            column: "STAGE_SEMANTIC_ID".into(),
            text: "S".into()
        }
    );
    // Every cell error, all listed, each by line and column.
    let text = "OWNER_ID,STAGE_ID,CREATED_TIME,STAGE_SEMANTIC_ID\n\
                7,NEW,2026-01-05,X\n\
                7,,2026-01-06,P\n\
                ,NEW,2026-01-06,P\n\
                8,NEW,,P\n\
                8,NEW,soon,P\n\
                9,NEW,2026-01-05,\n\
                9,LOSE,2026-03-01,\n";
    let options = ReadOptions {
        as_of: Some(day(2026, 2, 1)),
        ..no_options()
    };
    let found = errors(text.as_bytes(), &options);
    let column = |c: &str| c.to_string();
    assert_eq!(
        found.errors,
        vec![
            ReadError::UnknownOutcome {
                line: 2,
                column: column("STAGE_SEMANTIC_ID"),
                text: "X".into()
            },
            ReadError::MissingValue {
                line: 3,
                column: column("STAGE_ID")
            },
            ReadError::MissingValue {
                line: 4,
                column: column("OWNER_ID")
            },
            ReadError::MissingValue {
                line: 5,
                column: column("CREATED_TIME")
            },
            ReadError::UnreadableDate {
                line: 6,
                column: column("CREATED_TIME"),
                text: "soon".into()
            },
            // The close after the export date is named on its own line.
            ReadError::AfterExport {
                line: 8,
                column: column("CREATED_TIME"),
                date: day(2026, 3, 1),
                as_of: day(2026, 2, 1)
            },
        ]
    );
    // A stage not in the funnel is listed; the closes are not stages.
    let text =
        format!("{header}a,Lead,2026-01-01,\na,Pitch,2026-01-02,\na,Closed Lost,2026-01-03,\n");
    assert_eq!(
        only_error(&text, &funnel(&["Lead", "Demo"])),
        ReadError::UnknownStages {
            stages: vec!["Pitch".into()],
            known: vec!["Lead".into(), "Demo".into()]
        }
    );
}

#[test]
fn the_canonical_history_comes_back_from_the_change_log() {
    let history = canonical_history();
    let text = write::change_log(&history);
    assert_eq!(ok(&text, &options_for(&history)).shape, Shape::ChangeLog);
    round_trip(&history, &text);
    assert!(
        text.contains("d2,Closed Lost,2026-01-07,,Referral\nd2,Lead,2026-01-30,,Referral\n"),
        "{text}"
    );
    assert!(
        text.contains("d1,Closed Won,2026-02-01,1200.5,Ads\n"),
        "{text}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn generated_histories_come_back_from_the_change_log(history in history_strategy(false)) {
        prop_assume!(!history.deals.is_empty());
        round_trip(&history, &write::change_log(&history));
    }
}

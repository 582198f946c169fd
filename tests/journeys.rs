//! Journeys of individual leads (the teaching view, `funnelcast journeys`): their shape, the
//! cohort's scaling, the live tallies by hand, agreement with the engine's forecast, the
//! coupling that lets a class see what one change does to the same leads, and the command
//! line giving the same journeys as the library.

use funnelcast::engine::journeys::{
    self, Cohort, JourneyEvent, Kind, LeadJourney, Tally, most_lost, shares, tallies,
};
use funnelcast::engine::simulate;
use funnelcast::scenario::{self, Model, Scenario};

fn model(text: &str) -> Model {
    scenario::load(text).expect("a valid scenario").1
}

fn preset(name: &str) -> (Scenario, Model) {
    let text = std::fs::read_to_string(format!(
        "{}/presets/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("a preset file");
    scenario::load(&text).expect("a valid preset")
}

/// Every journey reads as a story: it starts by entering its source's entry stage; days never
/// go back; `returned` follows `nurture`; values only on purchases; a journey ends at most
/// once (`lost`, `open` on the last day), and nothing follows its end but nothing at all.
#[test]
fn every_journey_is_a_well_formed_story() {
    for name in [
        "six-step",
        "b2b-pipeline",
        "subscription",
        "classroom-cohort",
    ] {
        let (_, model) = preset(name);
        let cohort = journeys::journeys(&model, 2_000, 7);
        assert_eq!(cohort.leads.len(), 2_000, "{name}");
        let last_day = model.horizon - 1;
        for lead in &cohort.leads {
            let source = model
                .sources
                .iter()
                .find(|s| s.name == lead.source)
                .expect("a source of the scenario");
            let first = lead.events.first().expect("at least the entry");
            assert_eq!(first.kind, Kind::Entered, "{name}: {lead:?}");
            assert_eq!(first.stage, model.stages[source.entry].name);
            assert!(first.day >= source.start && first.day < source.end.max(source.start + 1));
            for pair in lead.events.windows(2) {
                assert!(
                    pair[0].day <= pair[1].day,
                    "{name}: days go back in {lead:?}"
                );
                if pair[1].kind == Kind::Returned {
                    assert_eq!(pair[0].kind, Kind::Nurture, "{name}: {lead:?}");
                }
                assert!(
                    !matches!(pair[0].kind, Kind::Lost | Kind::Open),
                    "{name}: something follows the end of {lead:?}"
                );
            }
            for event in &lead.events {
                assert!(model.stages.iter().any(|s| s.name == event.stage));
                if event.value.is_some() {
                    assert!(matches!(event.kind, Kind::Purchased | Kind::Repeat));
                }
                if event.kind == Kind::Open {
                    assert_eq!(event.day, last_day);
                }
                assert!(event.day <= last_day);
            }
        }
    }
}

const TWO_SOURCES: &str = r#"{
  "horizon_days": 30,
  "sources": [
    {"name": "Fair", "entry": "Talk", "per_day": {"fixed": 30}, "start_day": 0, "end_day": 10},
    {"name": "Ads", "entry": "Talk", "per_day": {"poisson": 10}, "start_day": 5, "end_day": 15},
    {"name": "Off", "entry": "Talk", "per_day": {"fixed": 0}}
  ],
  "stages": [
    {"name": "Talk", "conversion": 0.5, "delay_days": {"fixed": 2}},
    {"name": "Buy", "conversion": 0.5, "delay_days": {"fixed": 1}, "value": {"fixed": 10}}
  ]
}"#;

/// The cohort is the sources in miniature: 300 expected leads from one and 100 from the other
/// give 150 and 50 of 200; 7 leads are 5.25 and 1.75, so 5 and 2 (the larger remainder gets the
/// lead left); a source sending nobody gets nobody. Each source's leads arrive evenly over its
/// days.
#[test]
fn the_cohort_is_the_scenario_s_sources_scaled_down() {
    let model = model(TWO_SOURCES);
    assert_eq!(shares(&model, 200), vec![150, 50, 0]);
    assert_eq!(shares(&model, 7), vec![5, 2, 0]);
    assert_eq!(shares(&model, 1), vec![1, 0, 0]);
    assert_eq!(shares(&model, 0), vec![0, 0, 0]);
    let cohort = journeys::journeys(&model, 200, 1);
    let arrivals = |source: &str| -> Vec<u32> {
        cohort
            .leads
            .iter()
            .filter(|l| l.source == source)
            .map(|l| l.events[0].day)
            .collect()
    };
    // 150 leads over days 0..10: 15 a day; 50 over days 5..15: 5 a day.
    let fair = arrivals("Fair");
    assert_eq!(fair.len(), 150);
    for day in 0..10 {
        assert_eq!(
            fair.iter().filter(|&&d| d == day).count(),
            15,
            "Fair day {day}"
        );
    }
    let ads = arrivals("Ads");
    assert_eq!(ads.len(), 50);
    for day in 5..15 {
        assert_eq!(
            ads.iter().filter(|&&d| d == day).count(),
            5,
            "Ads day {day}"
        );
    }
}

fn event(day: u32, kind: Kind, stage: &str) -> JourneyEvent {
    JourneyEvent {
        day,
        kind,
        stage: stage.to_string(),
        value: None,
    }
}

/// The tallies by hand, on three leads through Talk and Buy (horizon 30, last day 29): one
/// buys, one goes to nurture and comes back, one is still deciding at the horizon.
#[test]
fn tallies_by_hand() {
    let model = model(TWO_SOURCES);
    let lead = |events: Vec<JourneyEvent>| LeadJourney {
        source: "Fair".into(),
        segment: None,
        events,
    };
    let cohort = Cohort {
        leads: vec![
            lead(vec![
                event(0, Kind::Entered, "Talk"),
                event(2, Kind::Advanced, "Talk"),
                event(2, Kind::Entered, "Buy"),
                event(3, Kind::Purchased, "Buy"),
            ]),
            lead(vec![
                event(1, Kind::Entered, "Talk"),
                event(3, Kind::Nurture, "Talk"),
                event(8, Kind::Returned, "Talk"),
                event(10, Kind::Lost, "Talk"),
            ]),
            lead(vec![
                event(4, Kind::Entered, "Talk"),
                event(29, Kind::Open, "Talk"),
            ]),
        ],
    };
    let t = |entered, now, advanced, lost, nurture, open| Tally {
        entered,
        now,
        advanced,
        lost,
        nurture,
        open,
    };
    // Day 0: one lead in Talk.
    assert_eq!(
        tallies(&cohort, &model, 0),
        vec![t(1, 1, 0, 0, 0, 0), t(0, 0, 0, 0, 0, 0)]
    );
    // Day 2: the first advanced into Buy; the second is still in Talk.
    assert_eq!(
        tallies(&cohort, &model, 2),
        vec![t(2, 1, 1, 0, 0, 0), t(1, 1, 0, 0, 0, 0)]
    );
    // Day 5: the second is in Talk's nurture, the third in Talk; the first bought.
    assert_eq!(
        tallies(&cohort, &model, 5),
        vec![t(3, 1, 1, 0, 1, 0), t(1, 0, 1, 0, 0, 0)]
    );
    // Day 8: back from nurture (entered twice), in Talk with the third.
    assert_eq!(
        tallies(&cohort, &model, 8),
        vec![t(4, 2, 1, 0, 0, 0), t(1, 0, 1, 0, 0, 0)]
    );
    // Day 28: the second lost; day 29 (the last): the third is open, no longer "now".
    assert_eq!(
        tallies(&cohort, &model, 28),
        vec![t(4, 1, 1, 1, 0, 0), t(1, 0, 1, 0, 0, 0)]
    );
    let end = tallies(&cohort, &model, 29);
    assert_eq!(end, vec![t(4, 0, 1, 1, 0, 1), t(1, 0, 1, 0, 0, 0)]);
    // The two rates practitioners confuse: 1 of 2 closed visits, 1 of 4 entries.
    assert_eq!(end[0].closed_rate(), Some(0.5));
    assert_eq!(end[0].entered_rate(), Some(0.25));
    assert_eq!(Tally::default().closed_rate(), None);
    assert_eq!(most_lost(&end), Some(0));
    assert_eq!(most_lost(&tallies(&cohort, &model, 9)), None);
}

/// A big cohort of the classroom scenario (1,000 leads on day 0 per run, fixed rates) is 20
/// runs' worth of leads: at the horizon each stage's entries and conversions, and the leads
/// still open, agree with the engine's forecast within 4 standard errors of a sum of 20 runs.
/// (A journey that converted at 0.45 instead of 0.5 at the first stage would be off by 1,000
/// entries at the second, about 14 standard errors.)
#[test]
fn a_big_cohort_agrees_with_the_forecast() {
    let text = std::fs::read_to_string(format!(
        "{}/tests/data/classroom-b2.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("the classroom benchmark");
    let model = model(&text);
    let report = simulate(&model, 4_000, 3);
    let cohort = journeys::journeys(&model, 20_000, 11);
    let end = tallies(&cohort, &model, model.horizon - 1);
    let runs = 20.0_f64;
    for (stage, tally) in report.stages.iter().zip(&end) {
        for (what, got, stats) in [
            ("entered", tally.entered, &stage.entered),
            ("advanced", tally.advanced, &stage.converted),
        ] {
            let expected = runs * stats.mean;
            let se = (runs.sqrt() * stats.sd).max(1.0);
            let z = (f64::from(got) - expected) / se;
            assert!(
                z.abs() < 4.0,
                "{} {what}: {got} against {expected:.1} ± {se:.1} (z {z:.1})",
                stage.name
            );
        }
        let open = f64::from(tally.open + tally.now + tally.nurture);
        let expected = runs * (stage.open.mean + stage.open_in_nurture.mean);
        let se = (runs * (stage.open.sd.powi(2) + stage.open_in_nurture.sd.powi(2))).sqrt();
        assert!(
            (open - expected).abs() < 4.0 * se.max(1.0),
            "{} open: {open} against {expected:.1} ± {se:.1}",
            stage.name
        );
    }
}

/// Each lead draws from its own stream: making the last stage convert less changes nothing for
/// the leads that never reach it, and the same seed gives the same journeys; another seed does
/// not.
#[test]
fn one_change_leaves_the_other_leads_as_they_were() {
    let (scenario, model) = preset("six-step");
    let before = journeys::journeys(&model, 2_000, 5);
    assert_eq!(before, journeys::journeys(&model, 2_000, 5));
    assert_ne!(before, journeys::journeys(&model, 2_000, 6));
    let mut changed = scenario.clone();
    let last = changed.stages.len() - 1;
    changed.stages[last].conversion = scenario::Rate::Fixed(0.2);
    let changed = changed.validate().expect("still valid");
    let after = journeys::journeys(&changed, 2_000, 5);
    let last_name = &model.stages[last].name;
    let mut untouched = 0;
    let mut moved = 0;
    for (a, b) in before.leads.iter().zip(&after.leads) {
        if a.events.iter().all(|e| &e.stage != last_name) {
            assert_eq!(a, b, "a lead that never reached {last_name} changed");
            untouched += 1;
        } else if a != b {
            moved += 1;
        }
    }
    assert!(
        untouched > 1_000,
        "{untouched} leads never reached the last stage"
    );
    assert!(
        moved > 0,
        "no lead reaching {last_name} changed with its rate"
    );
}

/// `funnelcast journeys FILE --leads N --seed S --json` prints the library's journeys.
#[test]
fn the_command_line_gives_the_same_journeys() {
    let path =
        std::env::temp_dir().join(format!("funnelcast-journeys-{}.json", std::process::id()));
    std::fs::write(&path, TWO_SOURCES).expect("a temporary scenario");
    let run = |json: bool| {
        let mut args: Vec<String> = ["funnelcast", "journeys", &path.to_string_lossy()]
            .iter()
            .map(|s| s.to_string())
            .collect();
        args.extend(
            ["--leads", "300", "--seed", "9"]
                .iter()
                .map(|s| s.to_string()),
        );
        if json {
            args.push("--json".into());
        }
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = funnelcast::cli::main_with_args(args, &mut out, &mut err);
        assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
        String::from_utf8(out).expect("UTF-8")
    };
    let printed: Cohort = serde_json::from_str(&run(true)).expect("the journeys as JSON");
    assert_eq!(printed, journeys::journeys(&model(TWO_SOURCES), 300, 9));
    let table = run(false);
    assert!(
        table.contains("300 leads followed one by one over 30 days"),
        "{table}"
    );
    assert!(table.contains("The first 5 journeys:"), "{table}");
    // The JSON names every kind as the format says, and books values only where revenue is.
    let text = run(true);
    assert!(text.contains("\"kind\": \"entered\"") && text.contains("\"kind\": \"purchased\""));
    assert!(text.contains("\"value\": 10.0"), "{text}");
    let _ = std::fs::remove_file(&path);
}

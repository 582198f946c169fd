//! The teaching view's playback and dots, natively: the clock's controls, where each lead's
//! dot is on each day against the journeys it follows, and the journeys the worker answers
//! (`DecisionJob::Journeys`) against `funnelcast journeys --json` for the same seed.

use funnelcast::app_model::playback::{self, DotState, FADE_DAYS, Layout, Playback};
use funnelcast::engine::journeys::{self, Cohort, Kind};
use funnelcast::scenario::{self, presets};
use funnelcast::worker::{DecisionJob, decide};

#[test]
fn the_clock_plays_pauses_steps_and_stops_at_the_horizon() {
    let mut clock = Playback::new(30);
    assert_eq!((clock.day(), clock.last_day, clock.playing), (0, 29, false));
    clock.tick(1000.0);
    assert_eq!(clock.day(), 0, "paused: time does not move");
    clock.toggle();
    clock.set_speed(5.0);
    clock.tick(500.0);
    assert_eq!(clock.day(), 2, "half a second at 5 days a second");
    clock.tick(100_000.0);
    assert_eq!(clock.day(), 7, "a late frame moves at most a second");
    clock.step();
    assert_eq!((clock.day(), clock.playing), (8, false), "a step pauses");
    clock.back();
    clock.back();
    assert_eq!(clock.day(), 6);
    clock.reset();
    assert_eq!(clock.day(), 0);
    clock.back();
    assert_eq!(clock.day(), 0, "no day before day 0");
    clock.toggle();
    for _ in 0..20 {
        clock.tick(1000.0);
    }
    assert_eq!(
        (clock.day(), clock.playing),
        (29, false),
        "stops at the last day"
    );
    clock.step();
    assert_eq!(clock.day(), 29, "no day after the last");
    clock.toggle();
    assert_eq!(
        (clock.day(), clock.playing),
        (0, true),
        "play from the end starts again"
    );
    clock.set_speed(f64::NAN);
    clock.set_speed(-1.0);
    assert_eq!(clock.speed, 5.0, "a bad speed is ignored");
}

fn cohort_of(preset: &str, leads: u32, seed: u64) -> (scenario::Model, Cohort) {
    let text = presets::find(preset).expect("a preset").json;
    let (_, model) = scenario::load(text).expect("valid");
    let cohort = journeys::journeys(&model, leads, seed);
    (model, cohort)
}

fn layout(stages: usize) -> Layout {
    Layout {
        nodes: (0..stages as i32)
            .map(|k| ((100 + 150 * k, 100), (200 + 150 * k, 300)))
            .collect(),
        customers: (
            (100 + 150 * stages as i32, 150),
            (200 + 150 * stages as i32, 250),
        ),
        radius: 3.0,
    }
}

fn inside(((l, t), (r, b)): playback::Rect, (x, y): (f64, f64)) -> bool {
    f64::from(l) <= x && x <= f64::from(r) && f64::from(t) <= y && y <= f64::from(b)
}

/// On each whole day every dot is where its journey says: deciding in its stage's node, in
/// nurture above the stage it failed, lost below it (fading), or in the customers node; and
/// the dots deciding in a stage are the tally's "in it now".
#[test]
fn each_dot_is_where_its_journey_says() {
    let (model, cohort) = cohort_of("six-step", 500, 4);
    let stages: Vec<String> = model.stages.iter().map(|s| s.name.clone()).collect();
    let layout = layout(stages.len());
    let mut seen = [false; 4];
    for day in 0..model.horizon {
        let dots = playback::dots(&cohort, &stages, &layout, f64::from(day));
        let tallies = journeys::tallies(&cohort, &model, day);
        for (k, tally) in tallies.iter().enumerate() {
            let deciding = dots
                .iter()
                .filter(|d| d.state == DotState::Deciding && inside(layout.nodes[k], (d.x, d.y)))
                .count();
            if day + 1 < model.horizon {
                assert_eq!(
                    deciding as u32, tally.now,
                    "day {day}, {}: dots in the node",
                    stages[k]
                );
            } else {
                // On the last day the open leads stay where they were (the tally counts them
                // as open, not as in the stage now).
                assert!(
                    deciding as u32 <= tally.now + tally.open,
                    "{}: the last day",
                    stages[k]
                );
                assert!(deciding as u32 >= tally.now);
            }
        }
        let customers = dots
            .iter()
            .filter(|d| d.state == DotState::Customer)
            .count();
        let bought = cohort
            .leads
            .iter()
            .filter(|lead| {
                lead.events
                    .iter()
                    .any(|e| e.day <= day && e.kind == Kind::Purchased)
            })
            .count();
        assert_eq!(customers, bought, "day {day}: customers");
        for dot in &dots {
            assert!(dot.alpha > 0.0 && dot.alpha <= 1.0);
            seen[dot.state as usize] = true;
            if dot.state == DotState::Customer {
                assert!(inside(layout.customers, (dot.x, dot.y)));
            }
        }
        // A lead lost more than FADE_DAYS ago has no dot.
        for (index, lead) in cohort.leads.iter().enumerate() {
            let lost = lead.events.iter().find(|e| e.kind == Kind::Lost);
            if let Some(lost) = lost
                && f64::from(day) >= f64::from(lost.day) + FADE_DAYS
            {
                assert!(
                    dots.iter().all(|d| d.lead != index),
                    "day {day}: lead {index} faded"
                );
            }
        }
    }
    assert!(
        seen.iter().all(|&s| s),
        "every kind of dot shows at some point: {seen:?}"
    );
}

/// Between two days a moving dot glides: half a day on, it is half way.
#[test]
fn a_dot_glides_between_nodes() {
    let (model, cohort) = cohort_of("six-step", 200, 4);
    let stages: Vec<String> = model.stages.iter().map(|s| s.name.clone()).collect();
    let layout = layout(stages.len());
    let mut glided = 0;
    for day in 0..model.horizon - 1 {
        let now = playback::dots(&cohort, &stages, &layout, f64::from(day));
        let half = playback::dots(&cohort, &stages, &layout, f64::from(day) + 0.5);
        let next = playback::dots(&cohort, &stages, &layout, f64::from(day + 1));
        for dot in &half {
            let (Some(a), Some(b)) = (
                now.iter().find(|d| d.lead == dot.lead),
                next.iter().find(|d| d.lead == dot.lead),
            ) else {
                continue;
            };
            if a.state == DotState::Deciding && b.state == DotState::Deciding && a.x != b.x {
                assert!((dot.x - (a.x + b.x) / 2.0).abs() < 1e-9);
                glided += 1;
            }
        }
    }
    assert!(glided > 10, "dots moved between stages: {glided}");
}

#[test]
fn a_click_finds_the_nearest_dot_within_reach() {
    let (model, cohort) = cohort_of("six-step", 200, 4);
    let stages: Vec<String> = model.stages.iter().map(|s| s.name.clone()).collect();
    let dots = playback::dots(&cohort, &stages, &layout(stages.len()), 20.0);
    let dot = dots[dots.len() / 2];
    assert!(playback::dot_at(&dots, (dot.x + 1.0, dot.y), 6.0).is_some());
    assert_eq!(playback::dot_at(&dots, (-100.0, -100.0), 6.0), None);
}

/// The worker's journeys are the command line's, to the byte.
#[test]
fn the_worker_answers_the_command_lines_journeys() {
    let json = presets::find("six-step")
        .expect("a preset")
        .json
        .to_string();
    let answer = decide(&DecisionJob::Journeys {
        scenario: json.clone(),
        leads: 300,
        seed: 9,
    })
    .expect("journeys");
    let path =
        std::env::temp_dir().join(format!("funnelcast-playback-{}.json", std::process::id()));
    std::fs::write(&path, &json).expect("written");
    let args: Vec<String> = [
        "funnelcast",
        "journeys",
        &path.display().to_string(),
        "--leads",
        "300",
        "--seed",
        "9",
        "--json",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = funnelcast::cli::main_with_args(args, &mut out, &mut err);
    let _ = std::fs::remove_file(&path);
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
    assert_eq!(answer, String::from_utf8(out).expect("text"));

    let refused = decide(&DecisionJob::Journeys {
        scenario: json,
        leads: 0,
        seed: 9,
    })
    .expect_err("no leads");
    assert!(refused.to_string().starts_with("leads:"), "{refused}");
}

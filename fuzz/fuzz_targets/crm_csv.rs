//! CRM histories: any bytes read to a history that keeps its invariants, or to errors naming
//! lines and columns; a history writes back as a canonical file that reads to the same
//! history, and a small one calibrates to a scenario that validates, or to an error.
#![no_main]

use funnelcast::calibrate::{self, History, Options, ReadOptions, write};

fn without_lines(history: &History) -> History {
    let mut history = history.clone();
    for visit in history.deals.iter_mut().flat_map(|d| d.visits.iter_mut()) {
        visit.line = 0;
    }
    history
}
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(reading) = calibrate::read(data, &ReadOptions::default()) else {
        return;
    };
    let history = &reading.history;
    for deal in &history.deals {
        assert!(deal.source.is_none_or(|s| s < history.sources.len()));
        for pair in deal.visits.windows(2) {
            assert!(pair[0].entered <= pair[1].entered, "visits out of order");
        }
        for visit in &deal.visits {
            assert!(visit.stage < history.stages.len(), "a visit of no stage");
            assert!(visit.entered <= history.as_of, "a visit after the export");
            if let Some(left) = visit.left {
                assert!(
                    visit.entered <= left && left <= history.as_of,
                    "left out of range"
                );
            }
        }
    }
    let written = write::canonical(history);
    let again = calibrate::read(
        written.as_bytes(),
        &ReadOptions {
            as_of: Some(history.as_of),
            // The stages in the history's order (a file without a funnel would order them by
            // the deals' advances, which a history read from a wide file need not follow).
            stages: Some(history.stages.clone()),
            ..ReadOptions::default()
        },
    )
    .expect("a written history reads back");
    // The same history, but for the file lines the visits were read from.
    assert_eq!(
        without_lines(&again.history),
        without_lines(history),
        "the round trip changed the history"
    );
    if history.deals.len() <= 200 {
        let options = Options {
            backtest_runs: 0,
            ..Options::default()
        };
        if let Ok(calibration) = calibrate::calibrate(history, None, &options) {
            assert!(
                calibration.scenario.validate().is_ok(),
                "a calibrated scenario does not validate"
            );
        }
    }
});

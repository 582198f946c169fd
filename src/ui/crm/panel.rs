//! The import panel: a file chosen or dropped, read and calibrated in a worker of its own
//! (with progress), the columns it read with a menu per column to fix the mapping, the report
//! (the stage table, the sentences, the back-test chart and its verdict), and only then the
//! offer to use the result as a new variant or in place of the shown one (one undo step).
//! Nothing the person had changes before they accept; the file and their choices stay while
//! they fix them. Every text and figure comes from `app_model::import`.

use std::rc::Rc;
use std::sync::Arc;

use leptos::ev;
use leptos::html::Input;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use super::Open;
use crate::app_model::action::Action;
use crate::app_model::import::{self, ChoiceError, Choices};
use crate::app_model::messages;
use crate::calibrate::{CalibrationReport, Role};
use crate::charts::{self, BacktestLabels, BacktestMapping, ChartStyle, RangeRow};
use crate::ui::browser;
use crate::ui::chart_canvas::{ChartCanvas, DrawFn, ReadoutFn};
use crate::ui::pool::{CRM_WORKER_SCRIPT, JobError, WorkerPool};
use crate::ui::state::{AppState, Notice};
use crate::ui::text::{ChartFormat, count, t, tf};
use crate::worker::calibrate::{self as job, CalibrationAnswer, PROGRESS_TOTAL};

/// The panel, as its chunk hands it over.
pub fn build() -> AnyView {
    view! { <Panel /> }.into_any()
}

/// The file being imported: its name and bytes (kept to read it again with other choices).
type Chosen = Option<(String, Rc<Vec<u8>>)>;

#[component]
fn Panel() -> impl IntoView {
    let state = AppState::get();
    let Open(open) = expect_context::<Open>();
    let chosen = StoredValue::new_local(Chosen::None);
    let file_name = RwSignal::new(None::<String>);
    let choices = RwSignal::new(Choices {
        use_plan: true,
        ..Choices::default()
    });
    let working = RwSignal::new(None::<(u32, u32)>);
    let problem = RwSignal::new(None::<String>);
    let answer = RwSignal::new(None::<Arc<CalibrationAnswer>>);
    let pool = StoredValue::new_local(None::<Rc<WorkerPool>>);
    let ticket = StoredValue::new(0_u64);
    let file_input = NodeRef::<Input>::new();

    let run = move || {
        let Some((_, bytes)) = chosen.get_value() else {
            return;
        };
        let locale = state.locale.get_untracked();
        let work = state.work();
        let plan = work.variants[work.active.min(work.variants.len() - 1)].clone();
        let request = match import::job(&choices.get_untracked(), &plan, work.settings.seed, locale)
        {
            Ok(request) => request,
            Err(ChoiceError(message)) => {
                problem.set(Some(message));
                return;
            }
        };
        problem.set(None);
        ticket.update_value(|n| *n += 1);
        let mine = ticket.get_value();
        working.set(Some((0, PROGRESS_TOTAL)));
        let Ok(json) = serde_json::to_string(&request) else {
            return;
        };
        if pool.with_value(Option::is_none) {
            pool.set_value(WorkerPool::with_script(CRM_WORKER_SCRIPT, 1).ok());
        }
        let running = pool.get_value();
        spawn_local(async move {
            let progress = move |done: u32, total: u32| {
                if ticket.get_value() == mine {
                    working.set(Some((done, total)));
                }
            };
            let outcome = match running {
                Some(pool) => {
                    let buffer = js_sys::Uint8Array::from(bytes.as_slice()).buffer();
                    pool.calibrate(json, buffer, progress).await
                }
                // No worker can start: the page reads the file itself, the same way.
                None => job::calibrate_file(&json, &[bytes.to_vec()], &mut |_| {})
                    .and_then(|answer| job::answer_json(&answer))
                    .map_err(JobError::Failed),
            };
            if ticket.get_value() != mine {
                return;
            }
            working.set(None);
            let locale = state.locale.get_untracked();
            match outcome {
                Ok(text) => match serde_json::from_str::<CalibrationAnswer>(&text) {
                    Ok(read) => answer.set(Some(Arc::new(read))),
                    Err(error) => problem.set(Some(error.to_string())),
                },
                Err(JobError::Cancelled) => {}
                Err(JobError::Failed(error)) => {
                    problem.set(Some(messages::worker_error(locale, &error)));
                }
                Err(JobError::Unavailable(reason)) => problem.set(Some(reason)),
            }
        });
    };

    let take_file = move |file: web_sys::File| {
        spawn_local(async move {
            let name = file.name();
            match browser::read_file_bytes(&file).await {
                Ok(bytes) => {
                    chosen.set_value(Some((name.clone(), Rc::new(bytes))));
                    file_name.set(Some(name));
                    // A new file: the columns the person assigned were the old file's.
                    choices.update(|c| c.columns.clear());
                    answer.set(None);
                    run();
                }
                Err(error) => problem.set(Some(error)),
            }
        });
    };
    let on_chosen = move |_| {
        let Some(input) = file_input.get_untracked() else {
            return;
        };
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            take_file(file);
        }
        input.set_value("");
    };
    let on_drop = move |event: ev::DragEvent| {
        event.prevent_default();
        let file = event
            .data_transfer()
            .and_then(|data| data.files())
            .and_then(|files| files.get(0));
        if let Some(file) = file {
            take_file(file);
        }
    };
    let close = move || open.set(false);
    let on_key = move |event: ev::KeyboardEvent| {
        if event.key() == "Escape" {
            close();
        }
    };
    let accept = move |as_variant: bool| {
        let Some(answer) = answer.get_untracked() else {
            return;
        };
        let CalibrationAnswer::Calibrated { scenario, .. } = answer.as_ref() else {
            return;
        };
        let scenario = scenario.as_ref().clone();
        let file = file_name.get_untracked().unwrap_or_default();
        let action = if as_variant {
            Action::AddVariant(scenario)
        } else {
            Action::ReplaceShown(scenario)
        };
        let refused = state.dispatch(action).err();
        if refused.is_none() {
            let work = state.work();
            let name = work.variants[work.active.min(work.variants.len() - 1)]
                .name
                .clone();
            let key = if as_variant {
                "crm.import.added"
            } else {
                "crm.import.replaced"
            };
            state
                .notice
                .set(Notice::info(tf(key, &[("name", name), ("file", file)])));
            close();
        } else if let Some(error) = refused {
            let locale = state.locale.get_untracked();
            problem.set(Some(messages::action_error(locale, &error)));
        }
    };

    view! {
        <div class="crm-backdrop" on:click=move |_| close()></div>
        <section
            class="panel crm-import"
            role="dialog"
            aria-modal="true"
            aria-labelledby="crm-title"
            data-testid="crm-import"
            on:keydown=on_key
        >
            <div class="crm-head">
                <h2 id="crm-title">{move || t("crm.import.title")}</h2>
                <button
                    type="button"
                    class="icon"
                    data-testid="crm-close"
                    aria-label=move || t("common.close")
                    on:click=move |_| close()
                >
                    "×"
                </button>
            </div>
            <p class="hint">{move || t("crm.import.intro")}</p>
            <div
                class="crm-drop"
                data-testid="crm-drop"
                on:dragover=move |event: ev::DragEvent| event.prevent_default()
                on:drop=on_drop
            >
                <label class="button-like">
                    {move || t("crm.import.choose")}
                    <input
                        type="file"
                        accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values"
                        class="visually-hidden"
                        data-testid="crm-file"
                        node_ref=file_input
                        on:change=on_chosen
                    />
                </label>
                <span>
                    {move || match file_name.get() {
                        Some(name) => tf("crm.import.file", &[("file", name)]),
                        None => t("crm.import.drop"),
                    }}
                </span>
            </div>
            <div class="crm-options">
                <label class="field">
                    <span class="field-label">{move || t("crm.import.as_of")}</span>
                    <input
                        type="text"
                        inputmode="numeric"
                        data-testid="crm-as-of"
                        placeholder=move || t("crm.import.as_of.placeholder")
                        prop:value=move || choices.with(|c| c.as_of.clone())
                        on:change=move |event| {
                            let text = event_target_value(&event);
                            choices.update(|c| c.as_of = text);
                            run();
                        }
                    />
                </label>
                <label class="checkbox">
                    <input
                        type="checkbox"
                        data-testid="crm-use-plan"
                        prop:checked=move || choices.with(|c| c.use_plan)
                        on:change=move |event| {
                            let checked = event
                                .target()
                                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                                .is_some_and(|input| input.checked());
                            choices.update(|c| c.use_plan = checked);
                            run();
                        }
                    />
                    {move || t("crm.import.use_plan")}
                </label>
            </div>
            {move || {
                working
                    .get()
                    .map(|(done, total)| {
                        view! {
                            <div class="crm-progress" role="status">
                                <progress
                                    data-testid="crm-progress"
                                    max=total
                                    value=done
                                ></progress>
                                {move || t("crm.import.working")}
                            </div>
                        }
                    })
            }}
            {move || {
                problem
                    .get()
                    .map(|text| {
                        view! {
                            <p class="field-error" role="alert" data-testid="crm-problem">
                                {text}
                            </p>
                        }
                    })
            }}
            {move || {
                answer
                    .get()
                    .map(|read| {
                        view! { <Answer answer=read choices=choices run=Callback::new(move |()| run()) /> }
                    })
            }}
            <div class="crm-actions">
                <button
                    type="button"
                    class="primary"
                    data-testid="crm-use-variant"
                    disabled=move || !calibrated(&answer.get())
                    on:click=move |_| accept(true)
                >
                    {move || t("crm.import.use_variant")}
                </button>
                <button
                    type="button"
                    data-testid="crm-replace"
                    disabled=move || !calibrated(&answer.get())
                    on:click=move |_| accept(false)
                >
                    {move || t("crm.import.replace")}
                </button>
                <button type="button" on:click=move |_| close()>
                    {move || t("crm.import.cancel")}
                </button>
            </div>
        </section>
    }
}

fn calibrated(answer: &Option<Arc<CalibrationAnswer>>) -> bool {
    matches!(
        answer.as_deref(),
        Some(CalibrationAnswer::Calibrated { .. })
    )
}

/// What the worker answered: how the file was read, its columns, and the report or why there
/// is none.
#[component]
fn Answer(
    answer: Arc<CalibrationAnswer>,
    choices: RwSignal<Choices>,
    run: Callback<()>,
) -> impl IntoView {
    let locale = crate::ui::text::locale;
    let problems = {
        let answer = Arc::clone(&answer);
        move || import::problems(locale(), &answer)
    };
    let warnings = {
        let answer = Arc::clone(&answer);
        move || import::warnings(locale(), &answer)
    };
    let reading = match answer.as_ref() {
        CalibrationAnswer::Calibrated { reading, .. }
        | CalibrationAnswer::Uncalibrated { reading, .. } => Some(reading.clone()),
        CalibrationAnswer::Unreadable { .. } => None,
    };
    let report = match answer.as_ref() {
        CalibrationAnswer::Calibrated { report, .. } => Some(Arc::new(report.as_ref().clone())),
        _ => None,
    };
    view! {
        {reading.map(|reading| {
            view! {
                <p data-testid="crm-reading">{move || import::reading_sentence(locale(), &reading)}</p>
            }
        })}
        <ul class="crm-warnings" data-testid="crm-warnings">
            {move || warnings().into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}
        </ul>
        <ul class="crm-errors field-error" role="alert" data-testid="crm-errors">
            {move || problems().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
        </ul>
        <Columns answer=Arc::clone(&answer) choices=choices run=run />
        {report.map(|report| view! { <Report report=report /> })}
    }
}

/// The file's columns, what each was read as, and a menu to say what it is.
#[component]
fn Columns(
    answer: Arc<CalibrationAnswer>,
    choices: RwSignal<Choices>,
    run: Callback<()>,
) -> impl IntoView {
    let headers = import::headers(&answer).to_vec();
    let uses = import::uses(&answer).map(<[_]>::to_vec);
    let rows = headers
        .into_iter()
        .enumerate()
        .map(|(index, header)| {
            let used = uses.as_ref().and_then(|u| u.get(index).cloned());
            let name = header.clone();
            let selected = move || {
                choices.with(|c| import::assigned(&c.columns, &name).map(|r| r.name().to_string()))
            };
            let heading = header.clone();
            let changed = header.clone();
            let attribute = header.clone();
            view! {
                <tr data-header=attribute>
                    <th scope="row">{heading}</th>
                    <td>
                        {move || used.as_ref().map(|u| import::column_use(crate::ui::text::locale(), u))}
                    </td>
                    <td>
                        <select
                            data-testid="crm-column-select"
                            aria-label=move || tf("crm.import.column.menu", &[("column", header.clone())])
                            prop:value=move || selected().unwrap_or_default()
                            on:change=move |event| {
                                let value = event_target_value(&event);
                                let role = Role::ALL.into_iter().find(|r| r.name() == value);
                                choices.update(|c| import::assign(&mut c.columns, &changed, role));
                                run.run(());
                            }
                        >
                            <option value="">{move || t("crm.import.column.automatic")}</option>
                            {Role::ALL
                                .into_iter()
                                .map(|role| {
                                    view! {
                                        <option value=role.name()>
                                            {move || import::role_name(crate::ui::text::locale(), role)}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="crm-columns" data-testid="crm-columns">
            <caption>{move || t("crm.import.columns")}</caption>
            <thead>
                <tr>
                    <th scope="col">{move || t("crm.import.column.header")}</th>
                    <th scope="col">{move || t("crm.import.column.read_as")}</th>
                    <th scope="col">{move || t("crm.import.column.fix")}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// The calibration report: the window, the stage table, the sentences, the back-test.
#[component]
fn Report(report: Arc<CalibrationReport>) -> impl IntoView {
    let locale = crate::ui::text::locale;
    let table = Arc::clone(&report);
    let said = Arc::clone(&report);
    let tested = Arc::clone(&report);
    let window = Arc::clone(&report);
    let rows = move || {
        let raw: Vec<Option<f64>> = table.stages.iter().map(|s| s.calibrated).collect();
        import::stage_rows(locale(), &table)
            .into_iter()
            .zip(raw)
            .map(|(row, rate)| {
                let stage = row.stage.clone();
                view! {
                    <tr data-stage=stage data-calibrated=rate.map(|r| r.to_string())>
                        <th scope="row">{row.stage}</th>
                        <td class="number">{row.entered}</td>
                        <td class="number">{row.advanced}</td>
                        <td class="number">{row.lost}</td>
                        <td class="number">{row.open}</td>
                        <td class="number">{row.rate_entered}</td>
                        <td class="number">{row.rate_closed}</td>
                        <td class="number strong">{row.calibrated}</td>
                        <td>{row.delay}</td>
                        <td>{row.lost_delay}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <h3>{move || t("crm.import.report")}</h3>
        <p data-testid="crm-window">{move || import::window(locale(), &window)}</p>
        <div class="table-scroll">
            <table class="crm-report" data-testid="crm-report">
                <thead>
                    <tr>
                        <th scope="col">{move || t("calibrate.table.stage")}</th>
                        <th scope="col">{move || t("calibrate.table.entered")}</th>
                        <th scope="col">{move || t("calibrate.table.advanced")}</th>
                        <th scope="col">{move || t("calibrate.table.lost")}</th>
                        <th scope="col">{move || t("calibrate.table.open")}</th>
                        <th scope="col">{move || t("calibrate.table.rate_entered")}</th>
                        <th scope="col">{move || t("calibrate.table.rate_closed")}</th>
                        <th scope="col">{move || t("crm.import.table.calibrated")}</th>
                        <th scope="col">{move || t("crm.import.table.delay")}</th>
                        <th scope="col">{move || t("crm.import.table.lost_delay")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <ul class="crm-sentences" data-testid="crm-sentences">
            {move || {
                import::sentences(locale(), &said)
                    .into_iter()
                    .map(|s| view! { <li>{s}</li> })
                    .collect_view()
            }}
        </ul>
        <h3>{move || t("crm.import.backtest")}</h3>
        <ul class="crm-sentences" data-testid="crm-backtest">
            {move || {
                import::backtest_sentences(locale(), &tested)
                    .into_iter()
                    .map(|s| view! { <li>{s}</li> })
                    .collect_view()
            }}
        </ul>
        {report.backtest.clone().map(|backtest| view! { <BacktestChart backtest=Arc::new(backtest) /> })}
    }
}

/// The back-test chart: each count of the history against 90% of the simulated runs.
#[component]
fn BacktestChart(backtest: Arc<crate::calibrate::Backtest>) -> impl IntoView {
    let bars = Arc::new(import::backtest_bars(&backtest));
    let drawn = Arc::clone(&bars);
    let draw: DrawFn<BacktestMapping> = Rc::new(move |area, ratio| {
        let locale = crate::ui::text::locale();
        let rows: Vec<RangeRow> = drawn
            .iter()
            .map(|bar| RangeRow {
                label: import::bar_label(locale, bar),
                actual: bar.actual,
                low: bar.low,
                high: bar.high,
                outside: bar.outside,
            })
            .collect();
        let labels = BacktestLabels {
            x_title: t("crm.import.chart.x"),
            y_title: String::new(),
            range: t("crm.import.chart.range"),
            actual: t("crm.import.chart.actual"),
            outside: t("crm.import.chart.outside"),
        };
        charts::draw_backtest(
            area,
            &rows,
            &labels,
            &ChartFormat::current(),
            &ChartStyle { pixel_ratio: ratio },
        )
        .map_err(|error| error.to_string())
    });
    let read = Arc::clone(&bars);
    let readout: ReadoutFn<BacktestMapping> = Rc::new(move |mapping, pixel| {
        let bar = read.get(mapping.row_at(pixel)?)?;
        Some(tf(
            "crm.import.chart.hover",
            &[
                ("what", import::bar_label(crate::ui::text::locale(), bar)),
                ("actual", count(bar.actual)),
                ("low", count(bar.low)),
                ("high", count(bar.high)),
            ],
        ))
    });
    let described = Arc::clone(&bars);
    let description =
        Signal::derive(move || import::chart_description(crate::ui::text::locale(), &described));
    view! {
        <ChartCanvas
            testid="crm-backtest-chart"
            caption="crm.import.chart.title"
            draw=draw
            readout=readout
            description=description
            tall=true
        />
    }
}

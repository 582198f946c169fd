//! The teaching view: the flow diagram of the forecast with a cohort of leads moving over it
//! day by day (`app_model::playback`), the controls (play and pause, a day forward and back,
//! back to day 0, speed, how many leads; space and the arrow keys), the live tallies per stage,
//! the lessons said as the days pass, a clicked lead's journey in words, and projector mode.
//! The journeys come from a worker (`DecisionJob::Journeys`, the per-lead reference for the
//! scenario shown and the settings' seed); a change to the scenario, the seed or the number of
//! leads fetches them again and the playback starts again from day 0.

use std::rc::Rc;
use std::sync::Arc;

use leptos::ev;
use leptos::html::Section;
use leptos::prelude::*;

use super::Open;
use crate::app_model::playback::{self, DotState, LEAD_CHOICES, Layout, Playback, SPEEDS};
use crate::app_model::share::{Shared, SharedView};
use crate::app_model::teach;
use crate::charts::{self, ChartStyle, FlowItem, FlowLabels, FlowMapping};
use crate::engine::journeys::{self, Cohort};
use crate::i18n::format;
use crate::scenario::Model;
use crate::ui::browser;
use crate::ui::chart_canvas::{DrawFn, ReadoutFn};
use crate::ui::job::{Pool, use_job};
use crate::ui::state::AppState;
use crate::ui::text::{ChartFormat, count, locale, t, tf};
use crate::worker::DecisionJob;

/// The view, as its chunk hands it over.
pub fn build() -> AnyView {
    view! { <TeachView /> }.into_any()
}

/// The journeys shown and the model they were made from.
#[derive(Clone)]
struct Shown {
    cohort: Arc<Cohort>,
    model: Arc<Model>,
}

/// How large a dot is, in CSS pixels (projector mode: larger).
fn dot_radius(projector: bool) -> f64 {
    if projector { 4.5 } else { 3.0 }
}

#[component]
fn TeachView() -> impl IntoView {
    let state = AppState::get();
    let Open { open, projector } = expect_context::<Open>();
    let job = use_job(Pool::Decisions);
    let leads = RwSignal::new(LEAD_CHOICES[0]);
    let shown = RwSignal::new(None::<Shown>);
    let failure = RwSignal::new(None::<String>);
    let playback = RwSignal::new(Playback::new(1));
    let selected = RwSignal::new(None::<usize>);
    let frame = RwSignal::new(0_u64);
    let root = NodeRef::<Section>::new();

    // The journeys of the scenario shown, its seed and the number of leads.
    Effect::new(move |_| {
        let variants = state.variants.get();
        let active = state.active.get();
        let seed = state.settings.with(|s| s.seed);
        let leads = leads.get();
        let Some(scenario) = variants.get(active.min(variants.len().saturating_sub(1))) else {
            return;
        };
        let model = match scenario.validate() {
            Ok(model) => Arc::new(model),
            Err(_) => {
                failure.set(Some(t("teach.view.invalid")));
                return;
            }
        };
        let decision = DecisionJob::Journeys {
            scenario: scenario.to_json(),
            leads,
            seed,
        };
        job.decide(
            state,
            decision,
            move |outcome: crate::ui::job::Outcome<Cohort>| match outcome {
                Ok(cohort) => {
                    failure.set(None);
                    selected.set(None);
                    playback.update(|p| {
                        let (playing, speed) = (p.playing, p.speed);
                        *p = Playback::new(model.horizon);
                        p.speed = speed;
                        p.playing = playing;
                    });
                    shown.set(Some(Shown {
                        cohort: Arc::new(cohort),
                        model,
                    }));
                    frame.update(|n| *n += 1);
                }
                Err(Some(error)) => failure.set(Some(crate::app_model::messages::worker_error(
                    state.locale.get_untracked(),
                    &error,
                ))),
                Err(None) => {}
            },
        );
    });

    // While playing, each animation frame moves the clock by the time since the last one.
    let running = StoredValue::new(false);
    let start_loop = move || {
        if running.get_value() {
            return;
        }
        running.set_value(true);
        fn next(
            last: Option<f64>,
            playback: RwSignal<Playback>,
            frame: RwSignal<u64>,
            running: StoredValue<bool>,
        ) {
            request_animation_frame(move || {
                let now = browser::now_ms();
                let still = playback
                    .try_update(|p| {
                        if let (Some(last), Some(now)) = (last, now) {
                            p.tick(now - last);
                        }
                        p.playing
                    })
                    .unwrap_or(false);
                frame.try_update(|n| *n += 1);
                if still {
                    next(now, playback, frame, running);
                } else {
                    running.set_value(false);
                }
            });
        }
        next(None, playback, frame, running);
    };
    let act = move |change: fn(&mut Playback)| {
        playback.update(change);
        frame.update(|n| *n += 1);
        if playback.with_untracked(|p| p.playing) {
            start_loop();
        }
    };
    let on_key = move |event: ev::KeyboardEvent| {
        let change: Option<fn(&mut Playback)> = match event.key().as_str() {
            " " => Some(Playback::toggle),
            "ArrowRight" => Some(Playback::step),
            "ArrowLeft" => Some(Playback::back),
            "Home" => Some(Playback::reset),
            _ => None,
        };
        let in_control = event
            .target()
            .and_then(|target| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(target).ok())
            .is_some_and(|element| matches!(element.tag_name().as_str(), "SELECT" | "INPUT"));
        if let Some(change) = change
            && !in_control
        {
            event.prevent_default();
            act(change);
        }
    };
    // Projector mode hides the rest of the page (a class of the body), also when a share
    // link opened the view in it.
    Effect::new(move |_| browser::set_body_class("projector", projector.get()));
    let toggle_projector = move |_| projector.update(|on| *on = !*on);
    // A link that opens the page straight into this view, in projector mode if it is on.
    let (link, set_link) = signal(None::<String>);
    let share = move |_| {
        let view = if projector.get_untracked() {
            SharedView::Projector
        } else {
            SharedView::Teach
        };
        let shared = Shared::of_work(&state.work()).opening(view);
        leptos::task::spawn_local(async move {
            match crate::ui::persistence::share_url(shared).await {
                Ok(url) => {
                    browser::copy_to_clipboard(&url);
                    set_link.set(Some(url));
                }
                Err(message) => failure.set(Some(message)),
            }
        });
    };
    let full_screen = move |_| {
        if let Some(element) = root.get_untracked() {
            // A browser that refuses full screen keeps the view as it is.
            let _ = element.request_fullscreen();
        }
    };
    let close = move |_| {
        playback.update(|p| p.playing = false);
        projector.set(false);
        open.set(false);
    };
    on_cleanup(move || browser::set_body_class("projector", false));

    let day = move || playback.with(Playback::day);
    let tallies = Memo::new(move |_| {
        let day = day();
        shown.with(|shown| {
            shown
                .as_ref()
                .map(|s| journeys::tallies(&s.cohort, &s.model, day))
        })
    });

    view! {
        <section
            class="panel teach-view"
            class:projector=move || projector.get()
            data-testid="teach-view"
            // How many leads the journeys shown hold (scripts wait on it after a change).
            data-leads=move || shown.with(|s| s.as_ref().map_or(0, |s| s.cohort.leads.len()))
            aria-labelledby="teach-title"
            tabindex="0"
            node_ref=root
            on:keydown=on_key
        >
            <div class="teach-head">
                <h2 id="teach-title">{move || t("teach.view.title")}</h2>
                <div class="teach-controls" role="toolbar" aria-label=move || t("teach.view.controls")>
                    <button type="button" data-testid="teach-reset" on:click=move |_| act(Playback::reset)>
                        {move || t("teach.view.reset")}
                    </button>
                    <button type="button" data-testid="teach-back" on:click=move |_| act(Playback::back)>
                        {move || t("teach.view.back")}
                    </button>
                    <button
                        type="button"
                        class="primary"
                        data-testid="teach-play"
                        aria-pressed=move || playback.with(|p| p.playing).to_string()
                        on:click=move |_| act(Playback::toggle)
                    >
                        {move || if playback.with(|p| p.playing) { t("teach.view.pause") } else { t("teach.view.play") }}
                    </button>
                    <button type="button" data-testid="teach-step" on:click=move |_| act(Playback::step)>
                        {move || t("teach.view.step")}
                    </button>
                    <span class="teach-day-box">
                        {move || t("teach.view.day")}
                        " "
                        <strong data-testid="teach-day">{move || day().to_string()}</strong>
                        " / "
                        {move || playback.with(|p| p.last_day).to_string()}
                    </span>
                    <label>
                        {move || t("teach.view.speed")}
                        " "
                        <select
                            data-testid="teach-speed"
                            prop:value=move || playback.with(|p| p.speed).to_string()
                            on:change=move |event| {
                                if let Ok(speed) = event_target_value(&event).parse::<f64>() {
                                    playback.update(|p| p.set_speed(speed));
                                }
                            }
                        >
                            {SPEEDS
                                .iter()
                                .map(|&speed| view! {
                                    <option value=speed.to_string()>
                                        {move || tf("teach.view.speed.option", &[("n", format::number(locale(), speed, 0))])}
                                    </option>
                                })
                                .collect_view()}
                        </select>
                    </label>
                    <label>
                        {move || t("teach.view.leads")}
                        " "
                        <select
                            data-testid="teach-leads"
                            prop:value=move || leads.get().to_string()
                            on:change=move |event| {
                                if let Ok(n) = event_target_value(&event).parse::<u32>() {
                                    leads.set(n);
                                }
                            }
                        >
                            {LEAD_CHOICES
                                .iter()
                                .map(|&n| view! { <option value=n.to_string()>{move || count(f64::from(n))}</option> })
                                .collect_view()}
                        </select>
                    </label>
                    <button
                        type="button"
                        data-testid="teach-projector"
                        aria-pressed=move || projector.get().to_string()
                        on:click=toggle_projector
                    >
                        {move || t("teach.view.projector")}
                    </button>
                    <button type="button" on:click=full_screen>{move || t("teach.view.full_screen")}</button>
                    <button type="button" data-testid="teach-share" on:click=share>
                        {move || t("teach.view.share")}
                    </button>
                    <button type="button" class="icon" aria-label=move || t("common.close") on:click=close>
                        "×"
                    </button>
                </div>
            </div>
            {move || {
                link.get()
                    .map(|url| {
                        view! {
                            <label class="share-link">
                                <span>{move || t("teach.view.share_label")}</span>
                                <input type="text" readonly data-testid="teach-share-link" prop:value=url />
                            </label>
                        }
                    })
            }}
            <p class="hint">{move || t("teach.view.keys")}</p>
            {move || failure.get().map(|text| view! { <p class="field-error" role="alert">{text}</p> })}
            {move || {
                let report = state.forecast.with(|f| f.report.clone());
                let journeys = shown.get();
                match (report, journeys) {
                    (Some(report), Some(shown)) => view! {
                        <Flow report=report shown=shown playback=playback projector=projector selected=selected frame=frame />
                    }
                    .into_any(),
                    _ => view! { <p class="status" role="status">{move || t("teach.view.loading")}</p> }.into_any(),
                }
            }}
            <Lessons shown=shown tallies=tallies selected=selected />
            <Tallies shown=shown tallies=tallies />
        </section>
    }
}

/// The flow diagram and the dots over it.
#[component]
fn Flow(
    report: Arc<crate::engine::Report>,
    shown: Shown,
    playback: RwSignal<Playback>,
    projector: RwSignal<bool>,
    selected: RwSignal<Option<usize>>,
    frame: RwSignal<u64>,
) -> impl IntoView {
    let targets: Vec<Option<usize>> = shown
        .model
        .stages
        .iter()
        .map(|s| s.nurture.as_ref().map(|n| n.to))
        .collect();
    let stages: Arc<Vec<String>> =
        Arc::new(shown.model.stages.iter().map(|s| s.name.clone()).collect());
    let drawn_report = Arc::clone(&report);
    let draw: DrawFn<FlowMapping> = Rc::new(move |area, ratio| {
        let scale = if projector.get() { 1.5 } else { 1.0 };
        let labels = FlowLabels {
            arrivals: t("teach.flow.arrivals"),
            converted: t("teach.flow.converted"),
            lost: t("teach.flow.lost"),
            back: t("teach.flow.back"),
            open: t("teach.flow.open"),
            repeat: t("teach.flow.repeat"),
            customers: t("teach.flow.customers"),
            lost_note: t("teach.flow.lost_note"),
            back_note: t("teach.flow.back_note"),
            repeat_note: t("teach.flow.repeat_note"),
        };
        charts::draw_flow(
            area,
            &drawn_report.stages,
            &targets,
            &drawn_report.repeat_purchases,
            &labels,
            &ChartFormat::current(),
            &ChartStyle {
                pixel_ratio: ratio * scale,
            },
        )
        .map_err(|error| error.to_string())
    });
    let names = Arc::clone(&stages);
    let readout: ReadoutFn<FlowMapping> = Rc::new(move |mapping, pixel| {
        let hover = mapping.at(pixel)?;
        let name = |k: usize| names.get(k).cloned().unwrap_or_default();
        let (key, stage) = match hover.item {
            FlowItem::Stage(k) => ("teach.flow.hover.stage", name(k)),
            FlowItem::Customers => ("teach.flow.hover.customers", String::new()),
            FlowItem::Arrivals(k) => ("teach.flow.hover.arrivals", name(k)),
            FlowItem::Converted(k) => ("teach.flow.hover.converted", name(k)),
            FlowItem::Lost(k) => ("teach.flow.hover.lost", name(k)),
            FlowItem::Back { to, .. } => ("teach.flow.hover.back", name(to)),
            FlowItem::Open(k) => ("teach.flow.hover.open", name(k)),
            FlowItem::InNurture(k) => ("teach.flow.hover.in_nurture", name(k)),
            FlowItem::Repeats => ("teach.flow.hover.repeats", String::new()),
        };
        let mut text = tf(key, &[("stage", stage), ("mean", count(hover.mean))]);
        if let Some((low, high)) = hover.range {
            text.push(' ');
            text.push_str(&tf(
                "teach.flow.hover.range",
                &[("low", count(low)), ("high", count(high))],
            ));
        }
        Some(text)
    });
    let cohort = Arc::clone(&shown.cohort);
    let dots_of = {
        let stages = Arc::clone(&stages);
        move |mapping: &FlowMapping, ratio: f64| {
            let layout = Layout {
                nodes: mapping.nodes.clone(),
                customers: mapping.customers,
                radius: dot_radius(projector.get_untracked()) * ratio,
            };
            let time = playback.with_untracked(|p| p.time);
            playback::dots(&cohort, &stages, &layout, time)
        }
    };
    let dots_for_draw = dots_of.clone();
    let layer: super::canvas::LayerFn = Rc::new(move |area, ratio, mapping| {
        let dots: Vec<charts::Dot> = dots_for_draw(mapping, ratio)
            .into_iter()
            .map(|d| charts::Dot {
                lead: d.lead,
                x: d.x,
                y: d.y,
                alpha: d.alpha,
                state: match d.state {
                    DotState::Deciding => charts::DotState::Deciding,
                    DotState::Nurture => charts::DotState::Nurture,
                    DotState::Lost => charts::DotState::Lost,
                    DotState::Customer => charts::DotState::Customer,
                },
            })
            .collect();
        let radius = dot_radius(projector.get_untracked()) * ratio;
        charts::draw_dots(
            area,
            &dots,
            radius,
            selected.get_untracked(),
            &ChartStyle { pixel_ratio: ratio },
        )
        .map_err(|error| error.to_string())
    });
    let tick = Signal::derive(move || {
        frame.get();
        selected.get();
        0
    });
    let on_click: super::canvas::ClickFn = Rc::new(move |mapping, (x, y)| {
        let ratio = browser::pixel_ratio();
        let dots = dots_of(mapping, ratio);
        let reach = 3.0 * dot_radius(projector.get_untracked()) * ratio;
        selected.set(playback::dot_at(&dots, (f64::from(x), f64::from(y)), reach));
    });
    let described = Arc::clone(&report);
    let names = Arc::clone(&stages);
    let description = Signal::derive(move || {
        let _ = &names;
        crate::app_model::chart_text::funnel(crate::ui::text::style(), &described.stages)
    });
    view! {
        <super::canvas::LayeredChart
            draw=draw
            readout=readout
            layer=layer
            tick=tick
            on_click=on_click
            description=description
        />
        <ul class="teach-legend" aria-hidden="true">
            {[
                (DotState::Deciding, "teach.dot.deciding"),
                (DotState::Nurture, "teach.dot.nurture"),
                (DotState::Lost, "teach.dot.lost"),
                (DotState::Customer, "teach.dot.customer"),
            ]
                .into_iter()
                .map(|(state, key)| {
                    let color = charts::dot_color(match state {
                        DotState::Deciding => charts::DotState::Deciding,
                        DotState::Nurture => charts::DotState::Nurture,
                        DotState::Lost => charts::DotState::Lost,
                        DotState::Customer => charts::DotState::Customer,
                    });
                    let swatch = format!("background: rgb({}, {}, {})", color.0, color.1, color.2);
                    view! { <li><span class="swatch" style=swatch></span>{move || t(key)}</li> }
                })
                .collect_view()}
        </ul>
    }
}

/// The lessons: the stage losing the most leads, the two rates per stage, a clicked journey.
#[component]
fn Lessons(
    shown: RwSignal<Option<Shown>>,
    tallies: Memo<Option<Vec<journeys::Tally>>>,
    selected: RwSignal<Option<usize>>,
) -> impl IntoView {
    let state = AppState::get();
    let names = move || {
        shown.with(|s| {
            s.as_ref()
                .map(|s| {
                    s.model
                        .stages
                        .iter()
                        .map(|x| x.name.clone())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    view! {
        <div class="teach-lessons" aria-live="polite">
            <p data-testid="teach-most-lost">
                {move || {
                    tallies
                        .get()
                        .and_then(|tallies| teach::most_lost_sentence(locale(), &names(), &tallies))
                        .unwrap_or_else(|| t("teach.view.nothing_lost"))
                }}
            </p>
            <ul data-testid="teach-rates">
                {move || {
                    let names = names();
                    tallies
                        .get()
                        .unwrap_or_default()
                        .iter()
                        .zip(&names)
                        .filter_map(|(tally, name)| teach::rates_sentence(locale(), name, tally))
                        .map(|sentence| view! { <li>{sentence}</li> })
                        .collect_view()
                }}
            </ul>
            <p data-testid="teach-journey">
                {move || {
                    let lead = selected.get();
                    shown.with(|s| {
                        match (s.as_ref(), lead) {
                            (Some(s), Some(lead)) => s.cohort.leads.get(lead).map(|journey| {
                                tf(
                                    "teach.view.journey",
                                    &[
                                        ("lead", format::number(locale(), (lead + 1) as f64, 0)),
                                        ("source", journey.source.clone()),
                                        (
                                            "steps",
                                            teach::journey_in_words(locale(), journey, state.currency.get()),
                                        ),
                                    ],
                                )
                            }),
                            _ => None,
                        }
                        .unwrap_or_else(|| t("teach.view.click_a_dot"))
                    })
                }}
            </p>
        </div>
    }
}

/// The live tallies per stage.
#[component]
fn Tallies(
    shown: RwSignal<Option<Shown>>,
    tallies: Memo<Option<Vec<journeys::Tally>>>,
) -> impl IntoView {
    let rows = move || {
        let names: Vec<String> = shown.with(|s| {
            s.as_ref()
                .map(|s| s.model.stages.iter().map(|x| x.name.clone()).collect())
                .unwrap_or_default()
        });
        tallies
            .get()
            .unwrap_or_default()
            .into_iter()
            .zip(names)
            .map(|(tally, name)| {
                let cell = |kind: &'static str, n: u32| {
                    view! { <td class="number" data-count=kind>{count(f64::from(n))}</td> }
                };
                let attribute = name.clone();
                view! {
                    <tr data-stage=attribute>
                        <th scope="row">{name}</th>
                        {cell("entered", tally.entered)}
                        {cell("now", tally.now)}
                        {cell("advanced", tally.advanced)}
                        {cell("lost", tally.lost)}
                        {cell("nurture", tally.nurture)}
                        {cell("open", tally.open)}
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <table class="teach-tally" data-testid="teach-tally">
            <caption>{move || t("teach.tally.title")}</caption>
            <thead>
                <tr>
                    <th scope="col">{move || t("teach.tally.stage")}</th>
                    <th scope="col">{move || t("teach.tally.entered")}</th>
                    <th scope="col">{move || t("teach.tally.now")}</th>
                    <th scope="col">{move || t("teach.tally.advanced")}</th>
                    <th scope="col">{move || t("teach.tally.lost")}</th>
                    <th scope="col">{move || t("teach.tally.nurture")}</th>
                    <th scope="col">{move || t("teach.tally.open")}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

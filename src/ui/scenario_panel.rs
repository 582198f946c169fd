//! The scenario panel: the scenario being forecast, read-only (the editor comes later).

use leptos::prelude::*;

use crate::charts::numbers::grouped;
use crate::scenario::{Arrivals, Delay, Rate, Scenario, Source, Stage, UncertainRate, Value};

/// Shows the scenario's name, horizon, sources and stages.
#[component]
pub fn ScenarioPanel(#[prop(into)] scenario: Signal<Scenario>) -> impl IntoView {
    let name = move || scenario.with(|scenario| scenario.name.clone());
    let description = move || scenario.with(|scenario| scenario.description.clone());
    let horizon = move || scenario.with(|scenario| format!("{} days", scenario.horizon_days));
    let sources = move || scenario.with(|scenario| scenario.sources.clone());
    let stages = move || scenario.with(|scenario| scenario.stages.clone());
    let retention = move || {
        scenario.with(|scenario| {
            scenario.retention.as_ref().map(|retention| {
                format!(
                    "{} of customers buy again, up to {} times, {}",
                    percent(retention.repeat),
                    retention.max_repeats,
                    delay(&retention.delay_days),
                )
            })
        })
    };

    view! {
        <section class="panel scenario-panel" aria-labelledby="scenario-heading">
            <h2 id="scenario-heading">"Scenario"</h2>
            <p class="scenario-name" data-testid="scenario-name">{name}</p>
            <Show when=move || !description().is_empty()>
                <p class="scenario-description">{description}</p>
            </Show>
            <dl class="facts">
                <dt>"Horizon"</dt>
                <dd data-testid="scenario-horizon">{horizon}</dd>
            </dl>

            <h3>"Lead sources"</h3>
            <ul class="sources">
                <For each=sources key=|source| source.name.clone() let(source)>
                    <li data-testid="scenario-source">
                        <span class="item-name">{source.name.clone()}</span>
                        <span class="item-detail">{describe_source(&source)}</span>
                    </li>
                </For>
            </ul>

            <h3>"Stages"</h3>
            <ol class="stages">
                <For each=stages key=|stage| stage.name.clone() let(stage)>
                    <li data-testid="scenario-stage">
                        <span class="item-name">{stage.name.clone()}</span>
                        <span class="stage-rate">{rate(&stage.conversion)}" convert"</span>
                        <span class="item-detail">{describe_stage(&stage)}</span>
                    </li>
                </For>
            </ol>

            {move || {
                retention()
                    .map(|text| {
                        view! {
                            <h3>"Repeat purchases"</h3>
                            <p class="item-detail">{text}</p>
                        }
                    })
            }}
        </section>
    }
}

fn describe_source(source: &Source) -> String {
    let arrivals = match source.per_day {
        Arrivals::Poisson(mean) => format!("about {} leads a day", decimal(mean)),
        Arrivals::Fixed(count) => format!("{count} leads a day"),
    };
    let mut text = format!("{arrivals} into {}", source.entry);
    match source.end_day {
        Some(end) => text.push_str(&format!(", days {} to {}", source.start_day, end - 1)),
        None if source.start_day > 0 => text.push_str(&format!(", from day {}", source.start_day)),
        None => {}
    }
    if source.cost_per_lead > 0.0 {
        text.push_str(&format!(
            ", costing {} a lead",
            decimal(source.cost_per_lead)
        ));
    }
    text
}

fn describe_stage(stage: &Stage) -> String {
    let mut text = format!("decide {}", delay(&stage.delay_days));
    if let Some(value) = &stage.value {
        text.push_str(&format!("; each conversion is worth {}", value_text(value)));
    }
    if let Some(nurture) = &stage.nurture {
        text.push_str(&format!(
            "; {} of losses are nurtured, {} of them come back to {}",
            percent(nurture.share),
            percent(nurture.reentry),
            nurture.to
        ));
    }
    text
}

/// A conversion rate as people say it: "25%", "about 25%", "20% to 30%".
fn rate(rate: &Rate) -> String {
    match rate {
        Rate::Fixed(probability) => percent(*probability),
        Rate::Uncertain(UncertainRate::Beta { alpha, beta }) => {
            let total = alpha + beta;
            if total > 0.0 {
                format!("about {}", percent(alpha / total))
            } else {
                "?".to_string()
            }
        }
        Rate::Uncertain(UncertainRate::Uniform { low, high }) => {
            format!("{} to {}", percent(*low), percent(*high))
        }
    }
}

fn delay(delay: &Delay) -> String {
    match delay {
        Delay::Fixed(days) => format!("after {}", days_text(*days as f64)),
        Delay::Uniform { min, max } => format!("after {min} to {max} days"),
        Delay::Exponential { mean } => format!("after {} on average", days_text(*mean)),
        Delay::Lognormal { median, .. } => format!("after a median of {}", days_text(*median)),
        Delay::Gamma { shape, scale } => {
            format!("after {} on average", days_text(shape * scale))
        }
    }
}

fn value_text(value: &Value) -> String {
    match value {
        Value::Fixed(amount) => grouped(*amount),
        Value::Uniform { low, high } => format!("{} to {}", grouped(*low), grouped(*high)),
        Value::Lognormal { mean, .. } => format!("{} on average", grouped(*mean)),
    }
}

/// A number of days: "1 day", "2.5 days".
fn days_text(days: f64) -> String {
    let number = decimal(days);
    if number == "1" {
        "1 day".to_string()
    } else {
        format!("{number} days")
    }
}

/// A probability as a percentage with at most two decimals: 0.25 is "25%", 0.025 is "2.5%".
fn percent(probability: f64) -> String {
    format!("{}%", decimal(probability * 100.0))
}

/// A number with at most two decimals and no trailing zeros.
fn decimal(value: f64) -> String {
    let mut text = format!("{value:.2}");
    if text.contains('.') {
        while text.ends_with('0') {
            text.pop();
        }
        if text.ends_with('.') {
            text.pop();
        }
    }
    text
}

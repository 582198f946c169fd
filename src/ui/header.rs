//! The page header: the product's name and what it does.

use leptos::prelude::*;

/// The header bar.
#[component]
pub fn Header() -> impl IntoView {
    view! {
        <header class="app-header">
            <h1 class="app-title" data-testid="app-title">"Funnelcast"</h1>
            <p class="app-tagline">
                "What your sales funnel will produce: Monte Carlo forecasts with honest ranges"
            </p>
        </header>
    }
}

# Funnelcast, English: the reference catalogue every other one must match key for key.
# Format: `key = text`; `{name}` is a placeholder; `key[one]`, `key[other]` are plural forms
# (CLDR categories: English uses one and other). A text in straight double quotes is taken
# as written, spaces included. Keep the keys in the same order in every file.

# ── The app ──────────────────────────────────────────────────────────────────────────────
app.name = Funnelcast
app.tagline = What your sales funnel will produce: Monte Carlo forecasts with honest ranges
app.loading = Loading Funnelcast…
app.error.unexpected = Something went wrong: {message}. Your scenario is saved; reload the page to continue.

# ── Header: language, currency and the main actions ────────────────────────────────────────
header.language = Language
header.language.hint = The language of the app. Numbers, money and days follow it too.
header.currency = Currency
header.currency.hint = The currency money figures are shown in. It changes only the sign, not the amounts.
currency.usd = US dollar ($)
currency.eur = Euro (€)
currency.gbp = Pound sterling (£)
currency.rub = Russian rouble (₽)
currency.cny = Chinese yuan (¥)
currency.none = No currency
header.menu = Menu
header.presets = Presets
header.undo = Undo
header.redo = Redo
header.share = Share link
header.import = Import JSON
header.export = Export
header.help = Help

# ── Presets menu ─────────────────────────────────────────────────────────────────────────
presets.heading = Start from a preset
presets.hint = Funnel shapes practitioners use. Loading one replaces the current scenario; you can undo it.
presets.load = Load
presets.loaded = Loaded the preset “{name}”.
presets.confirm_replace = Replace “{current}” with the preset “{name}”? You can undo this.
presets.new_empty = Empty scenario
presets.new_empty.description = No stages or sources yet: build your own funnel from scratch.

# ── Scenario summary (read-only panel) ─────────────────────────────────────────────────────
scenario.heading = Scenario
scenario.name = Scenario name
scenario.name.placeholder = My funnel
scenario.description = Description
scenario.description.placeholder = One line on what this funnel is for
scenario.untitled = Untitled scenario
scenario.horizon = Horizon
scenario.sources = Lead sources
scenario.stages = Stages
scenario.repeat_purchases = Repeat purchases
scenario.source.poisson = about {rate} leads a day into {stage}
scenario.source.fixed[one] = {n} lead a day into {stage}
scenario.source.fixed[other] = {n} leads a day into {stage}
scenario.source.days = days {from} to {to}
scenario.source.from_day = from day {day}
scenario.source.cost = costing {cost} a lead
scenario.stage.converts = {rate} convert
scenario.stage.decides = decide {delay}
scenario.stage.worth = each conversion is worth {value}
scenario.stage.nurture = {share} of losses are nurtured, {reentry} of them come back to {stage}
scenario.retention = {share} of customers buy again, up to {count} times, {delay}
scenario.rate.about = about {rate}
scenario.rate.range = {low} to {high}
scenario.delay.fixed = after {days}
scenario.delay.uniform = after {min} to {max}
scenario.delay.mean = after {days} on average
scenario.delay.median = after a median of {days}
scenario.value.range = {low} to {high}
scenario.value.mean = {amount} on average
scenario.list_separator = ", "
scenario.clause_separator = "; "

# ── Editor: scenario-wide settings ──────────────────────────────────────────────────────────
editor.heading = Edit the funnel
editor.settings.heading = Forecast settings
editor.horizon = Horizon (days)
editor.horizon.help = How many days the forecast covers, from the first lead's arrival. Events after it are not counted.
editor.runs = Simulated runs
editor.runs.help = How many times the funnel is simulated. More runs give steadier figures and ranges but take longer; 1,000 or more is a good start.
editor.seed = Seed
editor.seed.help = The starting point of the random draws. The same scenario, runs and seed always give the same forecast; change it to see another sample.
editor.seed.randomize = New seed
editor.field.required = Required
editor.field.optional = Optional
editor.field.invalid_number = Enter a number, such as {example}.
editor.field.invalid_whole_number = Enter a whole number, such as {example}.
editor.field.at_least = Enter a number of at least {min}.
editor.field.between = Enter a number from {min} to {max}.
editor.apply = Apply
editor.reset = Reset
editor.more = More options
editor.less = Fewer options

# ── Editor: stages ───────────────────────────────────────────────────────────────────────
editor.stages.heading = Stages
editor.stages.help = Leads go through the stages in order. At each one a share converts and moves on; the rest are lost, unless a nurture loop brings some back.
editor.stages.empty = No stages yet. Add the first step of your funnel.
editor.stage.add = Add stage
editor.stage.remove = Remove stage
editor.stage.move_up = Move up
editor.stage.move_down = Move down
editor.stage.rename = Rename
editor.stage.default_name = Stage {number}
editor.stage.name = Stage name
editor.stage.name.help = A short name, unique among the stages, such as “Trial” or “Proposal sent”.
editor.stage.name.duplicate = Another stage is already called “{name}”; stage names must be unique.
editor.stage.name.empty = A stage needs a name.
editor.stage.number = Stage {number} of {count}
editor.stage.remove_blocked[one] = “{stage}” cannot be removed: {references} refers to it. Change it first.
editor.stage.remove_blocked[other] = “{stage}” cannot be removed: {references} refer to it. Change those first.
editor.stage.referenced_by_source = the source “{source}”
editor.stage.referenced_by_nurture = the nurture loop of “{stage}”
editor.stage.remove_confirm = Remove the stage “{stage}”? You can undo this.
editor.stage.removed = Removed the stage “{stage}”.
editor.stage.rename_updates[one] = Renaming also updates {n} reference to this stage.
editor.stage.rename_updates[other] = Renaming also updates {n} references to this stage.

# Conversion
editor.stage.conversion = Conversion
editor.stage.conversion.help = The share of leads entering this stage that move on to the next. Enter a plain rate (25%), a range you believe it lies in (15-25%), or what you have observed (observed 42 of 180).
editor.stage.conversion.placeholder = 25%, 15-25% or observed 42 of 180
editor.stage.conversion.kind = Rate
editor.stage.conversion.kind.fixed = Known rate
editor.stage.conversion.kind.range = Range
editor.stage.conversion.kind.observed = Observed counts
editor.stage.conversion.fixed.hint = For example 25% or 0.25
editor.stage.conversion.range.hint = For example 15-25%: any value in the range is equally likely
editor.stage.conversion.observed.hint = For example “observed 42 of 180”: 42 of 180 leads converted
editor.stage.conversion.observed.successes = Converted
editor.stage.conversion.observed.trials = Out of
editor.stage.conversion.summary = mean {mean}, 90% range {low} to {high}
editor.stage.conversion.summary.fixed = exactly {rate} in every run
editor.stage.conversion.uncertain_note = An uncertain rate is drawn once per run, so the forecast's range includes your uncertainty about it.
editor.stage.conversion.slider = Adjust the conversion
rate.error.unreadable = Write a rate such as 25%, 0.25, a range such as 15-25%, or “observed 42 of 180”.
rate.error.out_of_range = A rate must be between 0% and 100%.
rate.error.range_order = The range must go from low to high, such as 15-25%.
rate.error.observed_too_many = The number converted ({successes}) cannot exceed the number observed ({trials}).
rate.error.observed_empty = Observe at least one lead to estimate a rate.
rate.input.observed = observed {successes} of {trials}

# Delay
editor.stage.delay = Time to decide
editor.stage.delay.help = How long a lead takes at this stage before converting or dropping out, in days.
editor.stage.delay.law = Shape
editor.stage.delay.mean_shown = mean {days}
delay.law.fixed = Fixed number of days
delay.law.uniform = Anywhere between two values
delay.law.exponential = Exponential (most decide quickly)
delay.law.lognormal = Lognormal (a long tail of slow deciders)
delay.law.gamma = Gamma (a peak after some days)
delay.days = Days
delay.min = From (days)
delay.max = To (days)
delay.mean = Mean (days)
delay.median = Median (days)
delay.sigma = Spread (sigma)
delay.sigma.help = The standard deviation of the logarithm of the delay: 0.5 is moderate, 1 is wide.
delay.shape = Shape
delay.shape.help = 1 is exponential; larger values put the peak later and make it narrower.
delay.scale = Scale (days)
delay.rounding_note = Delays are counted in whole days; continuous delays are rounded to the nearest day.

# Value
editor.stage.value = Value per conversion
editor.stage.value.help = Revenue booked each time a lead converts at this stage, usually only at the last stage.
editor.stage.value.none = No revenue at this stage
value.law.fixed = Fixed amount
value.law.uniform = Anywhere between two amounts
value.law.lognormal = Varies around a mean (lognormal)
value.amount = Amount
value.low = From
value.high = To
value.mean = Mean
value.sd = Standard deviation
value.sd.help = How much a single order varies around the mean.

# Nurture
editor.stage.nurture = Nurture loop
editor.stage.nurture.help = A share of the leads who do not convert are nurtured (e-mails, calls, reminders) and some of them come back to a stage later.
editor.stage.nurture.enable = Nurture the leads lost here
editor.stage.nurture.remove = Remove nurture loop
nurture.share = Share nurtured
nurture.share.help = The share of the leads lost at this stage who enter the nurture loop.
nurture.delay = Time in nurture
nurture.delay.help = How long a lead is nurtured before it comes back or is lost for good.
nurture.reentry = Share coming back
nurture.reentry.help = The share of nurtured leads who re-enter the funnel.
nurture.to = Comes back to
nurture.to.help = The stage re-entering leads go to (this stage, or an earlier one).
nurture.max_cycles = At most (cycles)
nurture.max_cycles.help = How many times one lead can go round the loop.

# ── Editor: sources ──────────────────────────────────────────────────────────────────────
editor.sources.heading = Lead sources
editor.sources.help = Channels that bring leads into the funnel, each into one stage.
editor.sources.empty = No lead sources yet. Add a channel that brings leads in.
editor.source.add = Add source
editor.source.remove = Remove source
editor.source.move_up = Move up
editor.source.move_down = Move down
editor.source.default_name = Source {number}
editor.source.name = Source name
editor.source.name.help = The channel, such as “Search ads” or “Partners”.
editor.source.entry = Enters at stage
editor.source.entry.help = The stage this source's leads start at.
editor.source.per_day = Leads per day
editor.source.per_day.help = How many leads arrive on each active day.
editor.source.arrivals = Arrivals
editor.source.arrivals.poisson = Varies around the mean (Poisson)
editor.source.arrivals.fixed = Exactly this many
editor.source.start_day = First day
editor.source.start_day.help = The day the source starts sending leads; day 0 is the start of the forecast.
editor.source.end_day = Stops on day
editor.source.end_day.help = The first day without leads from this source. Leave empty to keep it running to the horizon.
editor.source.end_day.none = Until the horizon
editor.source.cost_per_lead = Cost per lead
editor.source.cost_per_lead.help = What one lead from this source costs, for the cost and return on spend figures.
editor.source.remove_confirm = Remove the source “{source}”? You can undo this.

# ── Editor: retention (repeat purchases) ────────────────────────────────────────────────────
editor.retention.heading = Repeat purchases
editor.retention.help = Customers may buy again after their first purchase.
editor.retention.enable = Customers buy again
editor.retention.remove = No repeat purchases
retention.repeat = Chance of buying again
retention.repeat.help = The probability that a customer makes each next purchase.
retention.delay = Time between purchases
retention.value = Value of a repeat purchase
retention.value.same_as_last = Same as the last stage's value
retention.max_repeats = At most (repeat purchases)
retention.max_repeats.help = How many purchases a customer can make after the first one.

# ── Validation and stale results ───────────────────────────────────────────────────────────
validation.heading = This scenario cannot be simulated:
validation.count[one] = {n} problem to fix
validation.count[other] = {n} problems to fix
validation.field = {field}: {message}
validation.stale = The figures below are from the last valid scenario. Fix the marked fields to update them.
validation.stale.badge = Out of date
validation.go_to_field = Go to the field
# The engine's validation messages: the English texts are also the patterns matched against
# what `Scenario::validate` writes (src/i18n/validation.rs); field words it quotes follow.
validation.rule.probability = must be between 0 and 1 (a share: 0.25 means 25%), not {value}
validation.rule.at_least_zero = {what} must be a number of at least 0, not {value}
validation.rule.at_most = {what} must be at most {max}, not {value}
validation.rule.positive = {what} must be greater than 0, not {value}
validation.rule.whole_range = {what} must be a whole number from {min} to {max}, not {value}
validation.rule.low_high = low ({low}) must not exceed high ({high})
validation.rule.min_max = min ({min}) must not exceed max ({max})
validation.rule.no_stages = a scenario needs at least one stage
validation.rule.stage_name = a stage needs a name
validation.rule.source_name = a source needs a name
validation.rule.control_characters = a name cannot contain control characters (such as a line break or tab)
validation.rule.hidden_character = a name cannot contain the invisible character {code}: it can reorder or hide the text around it
validation.rule.duplicate_stage = the name "{name}" is already used by stages[{index}]; stage names must be unique
validation.rule.unknown_stage = "{name}" names no stage; the stages are {stages}
validation.rule.end_before_start = end_day ({end}) must be after start_day ({start}): the source is active from start_day up to, not including, end_day
validation.rule.too_many_paths = the nurture loops and repeat purchases allow {paths} distinct paths, more than the {most} a {days}-day horizon can follow; lower a nurture's max_cycles or retention.max_repeats (or the horizon)
validation.what.alpha = alpha
validation.what.beta = beta
validation.what.a-delay-in-days = a delay in days
validation.what.min = min
validation.what.max = max
validation.what.mean = mean
validation.what.median = median
validation.what.sigma = sigma
validation.what.shape = shape
validation.what.scale = scale
validation.what.a-value = a value
validation.what.low = low
validation.what.high = high
validation.what.sd = sd
validation.what.horizon-days = horizon_days
validation.what.max-cycles = max_cycles
validation.what.leads-per-day = leads per day
validation.what.start-day = start_day
validation.what.end-day = end_day
validation.what.cost-per-lead = cost_per_lead
validation.what.max-repeats = max_repeats
validation.what.runs = runs
validation.paths.too_many = too many

# ── Progress and cancelling ────────────────────────────────────────────────────────────
progress.simulating[one] = Simulating {n} run…
progress.simulating[other] = Simulating {n} runs…
progress.done_of = {done} of {total} runs
progress.percent = {percent} done
progress.cancel = Cancel
progress.cancelled = Cancelled after {done} of {total} runs. The figures below are from the finished runs only.
progress.cancelled.nothing = Cancelled before any run finished. Nothing to show yet.
progress.workers[one] = on {n} worker
progress.workers[other] = on {n} workers
progress.rerun = Run again

# ── Results: headline figures ─────────────────────────────────────────────────────────────
results.heading = Forecast
results.leads = Leads
results.customers = Customers
results.purchases = Purchases
results.revenue = Revenue
results.cost = Lead cost
results.cost_per_customer = Cost per customer
results.return_on_spend = Return on spend
results.return_on_spend.help = Revenue divided by lead cost: 3× means each unit spent on leads brings back three in revenue.
results.return_on_spend.value = {ratio}×
results.profit = Profit
results.profit.help = Revenue minus lead cost.
results.overall_conversion = Lead-to-customer conversion
results.range = 90% of runs: {low} to {high}
results.range.help = In 90 out of 100 simulated runs the figure fell in this range (the 5th to the 95th percentile).
results.expected = Expected: {value}
results.expected.help = The exact expectation, computed without simulation. The simulated mean should be close to it; the gap shrinks with more runs.
results.mean = Mean
results.median = Median
results.not_applicable = n/a
results.no_customers = No customers in any run, so there is no cost per customer.
results.run_summary[one] = {n} run over {days}, seed {seed}
results.run_summary[other] = {n} runs over {days}, seed {seed}
results.timing = simulated in {seconds} s
results.empty = Add a source and a stage to see a forecast.
results.horizon_note = Leads still deciding at the horizon are counted as open, not as lost.

# ── Charts: shared ─────────────────────────────────────────────────────────────────────
chart.band.outer = 90% of runs (p5 to p95)
chart.band.inner = 50% of runs (p25 to p75)
chart.median = Median
chart.mean = Mean
chart.expected = Expected
chart.day = Day
chart.days = Days
chart.share_of_runs = Share of runs
chart.runs = Runs
chart.axis.money = {title} ({currency})
chart.download_png = Save as PNG
chart.hover.day = Day {day}
chart.hover.band = median {median}, 90% of runs {low} to {high}
chart.hover.bin = {low} to {high}: {share} of runs
chart.error.no_days = The forecast has no day to draw.
chart.error.not_finite = The {series} series is not a finite number on day {day}.
chart.error.drawing = Drawing failed: {message}
chart.error.no_room = The chart has no room on the page.
chart.error.no_canvas = This browser cannot draw on a canvas.

# Funnel
chart.funnel.title = Funnel: leads entering each stage
chart.funnel.x = Stage
chart.funnel.y = Leads entering
chart.funnel.range = 90% of runs
chart.funnel.step_conversion = {rate} go on
chart.funnel.biggest_loss = Biggest loss
chart.funnel.reentries = +{count} back from nurture
chart.funnel.reentries.legend = Re-entries from nurture
chart.funnel.aria = Bar chart of the leads entering each stage, with the conversion from one stage to the next.

# Revenue over time
chart.revenue_over_time.title = Revenue over time
chart.revenue_over_time.x = Day
chart.revenue_over_time.y = Cumulative revenue
chart.revenue_over_time.caption = Cumulative revenue by day. The line is the median run; the bands hold the middle 50% and 90% of the runs.
chart.revenue_over_time.aria = Fan chart of cumulative revenue by day: the median run, and the ranges holding 50% and 90% of the runs.

# Revenue distribution
chart.revenue_histogram.title = Distribution of total revenue
chart.revenue_histogram.x = Total revenue over the horizon
chart.revenue_histogram.y = Share of runs
chart.revenue_histogram.target = Target: {amount}
chart.revenue_histogram.target.input = Revenue target
chart.revenue_histogram.target.placeholder = Optional
chart.revenue_histogram.probability = Probability of reaching the target: {percent}
chart.revenue_histogram.probability.short = P(revenue ≥ target)
chart.revenue_histogram.aria = Histogram of total revenue across runs, with the target line when one is set.

# Time to first purchase
chart.time_to_purchase.title = Time to first purchase
chart.time_to_purchase.x = Days from first contact to first purchase
chart.time_to_purchase.y = Share of customers
chart.time_to_purchase.median = Median: {days}
chart.time_to_purchase.empty = No purchases in any run.
chart.time_to_purchase.aria = Histogram of the days from a lead's first contact to their first purchase.

# Tornado (sensitivity)
chart.tornado.title = What each lever does to revenue
chart.tornado.x = Change in mean revenue
chart.tornado.improved = Lever improved
chart.tornado.worsened = Lever worsened
chart.tornado.interval = 90% interval
chart.tornado.aria = Tornado chart: the change in mean revenue from each lever, largest effect on top, improved and worsened.

# Comparison overlays
chart.compare.revenue_histogram.title = Total revenue by variant
chart.compare.revenue_over_time.title = Cumulative revenue by variant
chart.compare.difference.title = Difference in revenue: {b} minus {a}
chart.compare.difference.x = Difference in revenue per run, {b} − {a}
chart.compare.difference.y = Share of runs
chart.compare.difference.zero = No difference
chart.compare.difference.interval = 90% interval: {low} to {high}
chart.compare.aria = Overlaid charts of the variants, simulated with the same random leads.

# ── Stage table ──────────────────────────────────────────────────────────────────────────
table.heading = Stage by stage
table.stage = Stage
table.entries = Entries
table.conversions = Con­ver­sions
table.conversion = Con­ver­sion
table.conversion.help = Conversions divided by all entries, including leads still deciding at the horizon.
table.win_rate = Win rate (closed)
table.win_rate.help = Conversions divided by the leads that have decided (converted or lost) by the horizon.
table.mean_days = Mean days in stage
table.lost = Lost
table.explain = Conversion counts every lead that entered the stage, including the {open} still deciding at the horizon; the win rate counts only those who decided, so it is higher when many are still open.
table.total = Total
table.export_csv = Export table as CSV

# ── Sharing, saving, import and export ─────────────────────────────────────────────────────
share.button = Copy share link
share.copied = Link copied. Anyone who opens it sees this scenario.
share.copy_failed = The link could not be copied automatically. Select it and copy it yourself.
share.link_label = Share link
share.too_long = This scenario makes a very long link ({length} characters); some apps may cut it. Export the JSON file instead if it does not open.
share.open.title = Open a shared scenario?
share.open.body = The link holds the scenario “{name}”. Opening it replaces the scenario you are working on; you can undo this.
share.open.confirm = Open shared scenario
share.open.keep = Keep my scenario
share.opened = Opened the shared scenario “{name}”.
share.broken.title = This share link cannot be opened
share.broken.damaged = The link is damaged or incomplete (it may have been cut when copied).
share.broken.version = The link was made by a newer version of Funnelcast.
share.broken.invalid = The link holds a scenario with errors: {reason}
share.broken.nothing_loaded = Nothing was loaded, and your saved work is unchanged.
share.broken.dismiss = Dismiss
import.button = Import (JSON: work or scenario)
import.success = Imported “{name}”.
import.failed = Could not import {file}: {reason}
import.not_json = The file is not a scenario in JSON.
import.too_large = The file is too large ({size}) to be a scenario.
import.confirm_replace = Importing replaces the scenario you are working on; you can undo this.
export.json = Scenario (JSON)
export.csv_summary = Results summary (CSV)
export.csv_daily = Daily bands (CSV)
export.png = Chart as PNG
export.done = Saved {file}.
export.failed = Could not save the file: {reason}
export.csv.column.metric = metric
export.csv.column.day = day
autosave.saved = Saved in this browser
autosave.saving = Saving…
autosave.restored = Restored your scenario from your last visit.
autosave.unavailable = This browser does not allow saving, so your work will be lost when you leave. Export it to keep it.
autosave.failed = Could not save in this browser: {reason}. Export your scenario to keep it.
autosave.corrupt = Your saved scenario could not be read, so the default scenario was loaded. The unreadable copy was kept aside.
history.undo = Undo
history.redo = Redo
history.undo.action = Undo: {action}
history.redo.action = Redo: {action}
history.nothing_to_undo = Nothing to undo
history.nothing_to_redo = Nothing to redo
history.action.edit = edit “{field}”
history.action.add_stage = add stage
history.action.remove_stage = remove stage
history.action.move_stage = move stage
history.action.rename_stage = rename stage
history.action.add_source = add source
history.action.remove_source = remove source
history.action.load_preset = load preset
history.action.import = import
history.action.open_link = open share link

# ── Language switch ───────────────────────────────────────────────────────────────────────
language.label = Language
language.switch = Switch to {language}
language.remembered = The language is remembered in this browser.

# ── A/B variants ─────────────────────────────────────────────────────────────────────────
compare.heading = Compare plans
compare.duplicate = Duplicate as variant
compare.duplicate.help = Make a copy of this scenario to change and compare against it. Variants are simulated with the same random leads, so their difference is not buried in noise.
compare.variant = Variant {letter}
compare.baseline = {letter} (baseline)
compare.remove_variant = Remove variant {letter}
compare.rename_variant = Rename variant
compare.select_variant = Show variant
compare.differences.heading = What differs from A
compare.differences.none = Nothing differs from A yet. Change something in this variant.
compare.run_all = Run all variants
compare.side_by_side = Side by side
compare.metric = Figure
compare.difference = {b} − {a}
compare.difference.interval = 90% of runs: {low} to {high}
compare.p_beats = Probability {b} beats {a}
compare.p_beats.revenue = on revenue
compare.p_beats.customers = on customers
compare.p_beats.profit = on profit
compare.p_beats.cost_per_customer = on cost per customer (lower is better)
compare.p_beats.sentence = {b} beats {a} {metric} in {percent} of the runs.
compare.identical = The variants are identical, so they give exactly the same result in every run.
compare.coupled_note = All variants are simulated with the same random leads (common random numbers), so differences come from the changes, not from chance.
compare.max_variants = At most {count} variants can be compared at once.

# ── Sensitivity: where to improve first ─────────────────────────────────────────────────────
sensitivity.heading = Where to improve first
sensitivity.help = Each lever is changed alone, everything else kept as it is, and simulated with the same random leads as the baseline.
sensitivity.run = Find the best lever
sensitivity.running = Trying each lever…
sensitivity.mode = How to change conversions
sensitivity.mode.points = +N percentage points
sensitivity.mode.relative = +N% of the current rate
sensitivity.mode.dropoff = Cut the drop-off by N%
sensitivity.step = N
sensitivity.step.help = The size of each change. Delays and costs are cut by N%, volumes raised by N%.
sensitivity.lever = Lever
sensitivity.lever.conversion = Conversion at “{stage}”
sensitivity.lever.delay = Time to decide at “{stage}”
sensitivity.lever.reentry = Nurture re-entry at “{stage}”
sensitivity.lever.volume = Leads from “{source}”
sensitivity.lever.cost = Cost per lead of “{source}”
sensitivity.lever.repeat = Repeat purchase probability
sensitivity.change = Change
sensitivity.change.from_to = {from} → {to}
sensitivity.revenue_delta = Change in revenue
sensitivity.customers_delta = Change in customers
sensitivity.profit_delta = Change in profit
sensitivity.interval = 90% interval
sensitivity.none = No single lever changes revenue by more than the simulation's noise.
sensitivity.not_significant = The 90% interval includes zero: this effect may be noise.

# ── Goal seeking ──────────────────────────────────────────────────────────────────────────
goal.heading = Reach a revenue target
goal.help = Finds the smallest change to one lever that reaches the target with the chosen probability.
goal.target = Revenue target
goal.probability = With probability
goal.lever = By changing
goal.run = Find the change needed
goal.searching = Searching…
goal.found = {lever} at {value}: revenue reaches {target} in {probability} of the runs (now {current}).
goal.already = Revenue already reaches {target} in {probability} of the runs; no change is needed.
goal.unreachable = {lever}: no value from {low} to {high} reaches {target} with probability {probability}. The best, {best}, reaches it in {achieved} of the runs.

# ── Experiment planner ──────────────────────────────────────────────────────────────────
experiment.heading = Plan an A/B test
experiment.help = How many leads an experiment at one stage needs to detect the uplift you care about, and how long it must run with this scenario's traffic.
experiment.stage = Stage tested
experiment.baseline = Current rate
experiment.uplift = Smallest uplift worth detecting
experiment.uplift.absolute = percentage points
experiment.uplift.relative = % of the current rate
experiment.significance = Significance level
experiment.significance.help = The chance of declaring a winner when there is no real difference; 5% is usual.
experiment.power = Power
experiment.power.help = The chance of detecting the uplift when it is real; 80% is usual.
experiment.leads_per_arm = Leads needed per arm
experiment.result = {n} leads per arm, {total} in all.
experiment.duration = With about {rate} leads a day reaching “{stage}”, split evenly between the two arms, the test needs about {days}.
experiment.no_traffic = No leads reach “{stage}” in this scenario, so the test's duration cannot be estimated.
experiment.too_long = The test would need {days}, longer than the horizon. Test a larger uplift or a stage with more traffic.
experiment.invalid_uplift = The uplift must keep the rate below 100%.

# ── Units and small words ─────────────────────────────────────────────────────────────────
unit.days[one] = {n} day
unit.days[other] = {n} days
unit.runs[one] = {n} run
unit.runs[other] = {n} runs
unit.leads[one] = {n} lead
unit.leads[other] = {n} leads
unit.customers[one] = {n} customer
unit.customers[other] = {n} customers
unit.times[one] = {n} time
unit.times[other] = {n} times
unit.percentage_points[one] = {n} percentage point
unit.percentage_points[other] = {n} percentage points
unit.pp = {n} pp
unit.per_day = {n} a day
unit.seconds = {n} s
common.yes = Yes
common.no = No
common.ok = OK
common.cancel = Cancel
common.close = Close
common.remove = Remove
common.save = Save
common.none = None
common.from_to = {from} to {to}

# ── Presets: titles, descriptions, stage and source names ─────────────────────────────────
preset.six-step.name = Six-step marketing funnel
preset.six-step.description = Awareness to purchase for an online service: search ads and partners, nurture e-mails at consideration, repeat orders.
preset.six-step.stage.awareness = Awareness
preset.six-step.stage.interest = Interest
preset.six-step.stage.consideration = Consideration
preset.six-step.stage.intent = Intent
preset.six-step.stage.evaluation = Evaluation
preset.six-step.stage.purchase = Purchase
preset.six-step.source.search-ads = Search ads
preset.six-step.source.partners = Partners

preset.aida.name = AIDA
preset.aida.description = The classic attention, interest, desire, action funnel for a one-off product launch campaign over one quarter.
preset.aida.stage.attention = Attention
preset.aida.stage.interest = Interest
preset.aida.stage.desire = Desire
preset.aida.stage.action = Action
preset.aida.source.social-ads = Social ads

preset.b2b-pipeline.name = B2B deal pipeline
preset.b2b-pipeline.description = Inbound requests to paid contracts: proposals, meetings and long deal cycles, with stalled deals revived by follow-ups.
preset.b2b-pipeline.stage.request = Request
preset.b2b-pipeline.stage.proposal-sent = Proposal sent
preset.b2b-pipeline.stage.meeting = Meeting
preset.b2b-pipeline.stage.contract-signed = Contract signed
preset.b2b-pipeline.stage.payment = Payment
preset.b2b-pipeline.source.inbound-requests = Inbound requests
preset.b2b-pipeline.source.outbound-calls = Outbound calls

preset.crm-pipeline.name = CRM pipeline
preset.crm-pipeline.description = Leads worked by a sales team: contact made, interest confirmed, contract, payment.
preset.crm-pipeline.stage.lead = Lead
preset.crm-pipeline.stage.contact-made = Contact made
preset.crm-pipeline.stage.interested = Interested
preset.crm-pipeline.stage.contract = Contract
preset.crm-pipeline.stage.payment = Payment
preset.crm-pipeline.source.website-form = Website form

preset.ecommerce.name = E-commerce with abandoned-cart reminders
preset.ecommerce.description = A shop's visitors to orders, where reminder e-mails bring back a share of the carts abandoned at checkout.
preset.ecommerce.stage.visit = Visit
preset.ecommerce.stage.product-page = Product page
preset.ecommerce.stage.cart = Cart
preset.ecommerce.stage.checkout = Checkout
preset.ecommerce.source.organic-search = Organic search
preset.ecommerce.source.retargeting-ads = Retargeting ads

preset.auto-funnel.name = Auto-funnel with a tripwire
preset.auto-funnel.description = A free lead magnet, a low-price tripwire offer and the core product, with a drip campaign for those who skip the tripwire.
preset.auto-funnel.stage.lead-magnet = Lead magnet
preset.auto-funnel.stage.tripwire = Tripwire
preset.auto-funnel.stage.core-product = Core product
preset.auto-funnel.source.social-ads = Social ads

preset.subscription.name = Subscription with repeat purchases
preset.subscription.description = Trial sign-ups to paid subscriptions renewed month after month; the funnel widens at the bottom with renewals.
preset.subscription.stage.sign-up = Sign-up
preset.subscription.stage.trial = Trial
preset.subscription.stage.first-payment = First payment
preset.subscription.source.content-marketing = Content marketing

preset.classroom-cohort.name = Classroom cohort
preset.classroom-cohort.description = One cohort of 1,000 leads through six stages with fixed rates: the funnel to teach with.
preset.classroom-cohort.stage.awareness = Awareness
preset.classroom-cohort.stage.interest = Interest
preset.classroom-cohort.stage.consideration = Consideration
preset.classroom-cohort.stage.intent = Intent
preset.classroom-cohort.stage.evaluation = Evaluation
preset.classroom-cohort.stage.purchase = Purchase
preset.classroom-cohort.source.cohort = Cohort

# ── The app's own additions (results state, read-outs, unit labels) ─────────────────────────
results.stale = Stale: these figures are from the last valid scenario, not the one being edited.
results.failed = The simulation failed:
chart.revenue_over_time.readout = Day {day}: median {median}, 90% of runs {low} to {high}
unit.leads_per_day = leads a day
unit.percent = %
chart.funnel.lost_here = {count} lost here
chart.time_to_purchase.median_days = Median: {days} days
chart.time_to_purchase.mean_days = Mean: {days} days
chart.revenue_histogram.probability_at = P(revenue ≥ {target}) = {probability}
chart.revenue_histogram.target.hint = Type an amount to see the chance of reaching it.
export.json.button = Export work (JSON)
progress.cancelled.kept = Cancelled after {done} of {total} runs; the last forecast stays on screen, marked stale.
# Failures of jobs and decisions (app_model::messages), written from the error's data.
worker.error.unreadable_at = The scenario cannot be read (line {line}, column {column}): {detail}
worker.error.unreadable_field = The scenario cannot be read at {path} (line {line}, column {column}): {detail}
worker.error.invalid = The scenario cannot be simulated: {errors}
worker.error.in_scenario = Variant {variant}: {error}
worker.error.runs = {field}: the number of runs must be from 1 to {most}, not {runs}
worker.error.runs_memory = With a horizon of {days} days at most {most} runs fit in the browser's memory (each run keeps its daily series), not {runs}.
worker.error.too_many_totals = {variants} variants of {runs} runs are more than the {most} run totals the browser keeps at once: lower the runs.
worker.error.protocol = The page and its simulation worker disagree (a bug; please report it): {detail}
worker.error.crashed = The simulation worker failed: {detail}
decision.error = {field}: {problem}
decision.problem.no_variants = a comparison needs A and at least one variant
decision.problem.not_finite = must be a finite number
decision.problem.open_unit = must be strictly between 0 and 1, not {value}
decision.problem.probability = must be above 0 and at most 1, not {value}
decision.problem.positive = must be above 0, not {value}
decision.problem.step = must be above 0 and below 100, not {step}
decision.problem.uplift = the variant's rate {variant} must differ from the baseline {baseline} and lie strictly between 0 and 1
decision.problem.no_stage = there is no stage number {index} (the scenario has {stages})
decision.problem.no_source = there is no source number {index} (the scenario has {sources})
decision.problem.no_nurture = the stage "{stage}" has no nurture loop
decision.problem.no_retention = the scenario has no repeat purchases
decision.problem.goal_lever = goal seeking moves a stage's conversion or a source's volume
decision.problem.leaves_nothing = {change}% would leave no {what}: a change must stay between -100% and 100%
decision.problem.too_many_leads = {change}% would send more than {most} leads a day
decision.problem.no_runs = needs at least one run
decision.problem.mismatched_totals = holds {variants} variants where the analysis has {expected}
decision.problem.uneven_totals = every variant must cover the same runs
decision.what.delay = delay
decision.what.leads = leads
decision.what.cost = cost
decision.what.drop_off = drop-off
decision.what.conversion = conversion
edit.error.no_stage = There is no stage number {number}.
edit.error.no_source = There is no source number {number}.
edit.error.empty_name = A name needs at least one visible character.
edit.error.control_characters = A name cannot contain control characters (such as a line break or a tab).
edit.error.hidden_character = A name cannot contain the invisible character {code}: it can reorder or hide the text around it.
edit.error.duplicate_source = Another source is already called “{name}”; source names must be unique.
edit.error.first_stage = This stage is already the first one.
edit.error.last_stage = This stage is already the last one.
action.error.no_variant = There is no variant {variant}.
action.error.plan_a = Plan A cannot be removed: it is what the variants are compared with.
action.error.too_many_variants = The page keeps at most {most} variants.
rate.error.bad_number = “{number}” is not a number: use one decimal mark (12.5 or 12,5) and no thousands separators.
rate.error.above_hundred = A rate cannot be above 100% (this reads as {percent}%). A bare number of 1 or more is a percentage and one below 1 a share: 20 and 0.2 both mean 20%, 1 means 1%.
rate.error.range_order_values = The range starts above where it ends ({low}% to {high}%): put the lower end first, as in 15-25%.
rate.error.count_not_whole = Counts are whole numbers without separators (such as 42 of 180), not “{count}”.
rate.error.too_many_tries = Counts can go up to {most} tries; for more, type the rate itself (such as 23.3%).
rate.error.law_two_numbers = {form}(..) takes two numbers separated by a comma, with decimal points, such as {form}(2.5, 7).
rate.error.law_not_a_number = {form}(..): “{raw}” is not a number (write decimals with a point).
rate.error.beta_parameter = beta(..): {name} must be greater than 0 and at most 1,000,000,000, not {value}.
rate.error.uniform_end = uniform(..): {name} must be a share between 0 and 1 (0.25 means 25%), not {value}.
editor.stage.conversion.hint = 20 and 0.2 both mean 20%; 1 means 1% (type 100% for certain).
structure.unknown_key = the scenario format has no key “{key}” here; the keys are {allowed}
structure.missing_key = the key “{key}” is needed here
structure.wrong_type = expected {expected} here
structure.unknown_kind = “{key}” is not a kind the format has here; the kinds are {allowed}
structure.one_kind = an object here names exactly one kind, one of {allowed}
structure.expected.object = an object ({…})
structure.expected.list = a list ([…])
structure.expected.text = text in quotes
structure.expected.number = a number
structure.expected.whole = a whole number (no decimal point or exponent)
structure.expected.rate = a rate from 0 to 1, or {"beta": …} or {"uniform": …}
share.broken.too_large = The link holds more than any scenario needs; it was not opened.
share.broken.format = The link or file is not a Funnelcast work file (at {path}).
chart.funnel.losses.both = Most leads are lost at “{stage}”: about {count} ({share} of those entering). The weakest stage in rate is “{weakest}”, which loses {weakest_share} of those who reach it.
chart.funnel.losses.same = Most leads are lost at “{stage}”: about {count} ({share} of those entering), also the largest share any stage loses.
results.cost_per_customer.help = The average over runs of each run's cost ÷ customers. Expected: expected lead cost ÷ expected customers.
table.open_stage = Open in stage
table.open_nurture = In nurture
table.open_stage.help = Leads still deciding in the stage at the horizon: Win rate = Conversions ÷ (Entries − Open in stage).
table.open_nurture.help = Leads waiting in the stage's nurture at the horizon; they decided and failed, so they count as decided.
chart.time_to_purchase.y_mean = Customers per run who waited that many days (mean)
validation.page.probability = must be from 0% to 100%, not {percent}
field.stage = Stage {number}
field.source = Source {number}
# What a variant changes from plan A (app_model::changes, explain::change_sentence).
diff.name = Named “{b}” instead of “{a}”.
diff.horizon = Looks {b} ahead instead of {a}.
diff.order = The stages come in the order {b} instead of {a}.
diff.stage_added = New stage “{stage}”: converts {rate}, deciding in {delay}.
diff.stage_removed = No stage “{stage}” (in A it converts {rate}).
diff.stage_renamed = The stage “{a}” is called “{b}”.
diff.conversion = “{stage}” converts {b} instead of {a}.
diff.delay = “{stage}” decides in {b} instead of {a}.
diff.value = Each conversion at “{stage}” is worth {b} instead of {a}.
diff.stage_field = “{stage}”: {field} {b} instead of {a}.
diff.nurture_added = “{stage}” nurtures {share} of its losses for {delay}; {reentry} come back to “{to}”.
diff.nurture_removed = “{stage}” has no nurture loop (A has one).
diff.source_added = New source “{source}”: {volume} into “{entry}”.
diff.source_removed = No source “{source}” (in A it sends {volume}).
diff.volume = “{source}” sends {b} instead of {a}.
diff.entry = “{source}” sends its leads into “{b}” instead of “{a}”.
diff.source_field = “{source}”: {field} {b} instead of {a}.
diff.retention_added = Customers buy again: {repeat} chance after {delay}, up to {max} times.
diff.retention_removed = No repeat purchases (A has them).
diff.retention_field = Repeat purchases: {field} {b} instead of {a}.
delay.words.fixed = exactly {days}
delay.words.uniform = {min} to {days}
delay.words.mean = about {days} ({law})
delay.words.law.exponential = most decide quickly
delay.words.law.lognormal = a long tail of slow deciders
delay.words.law.gamma = a peak after some days
value.words.none = nothing
value.words.uniform = {low} to {high}
value.words.lognormal = about {mean} (varying by {sd})
arrivals.words.poisson = about {n} leads a day
arrivals.words.fixed = exactly {n} leads a day
app.title = Funnelcast: sales funnel forecasts
lever.value.volume = {n} leads a day
goal.apply.here = Apply to this variant
goal.apply.variant = Apply as a new variant
goal.applied = Applied: {lever} at {value}. Undo takes it back.
experiment.from_variant = Starting from what this variant changes: {change}.
experiment.variant_change = {points} points at the stage it changes
validation.page.no_stages = The scenario has no stage yet: add one with “Add stage” below the stages.
# Issue 11, items 15, 18, 19 (helper data): the tornado's metric and steps, the value per conversion, profit
sensitivity.metric = Rank levers by
sensitivity.metric.revenue = Revenue
sensitivity.metric.profit = Profit
sensitivity.metric.customers = Customers
sensitivity.metric.cost_per_customer = Cost per customer
sensitivity.axis.revenue = Change in mean revenue, {unit}
sensitivity.axis.profit = Change in mean profit, {unit}
sensitivity.axis.customers = Change in mean customers, customers per run
sensitivity.axis.cost_per_customer = Change in mean cost per customer, {unit}
sensitivity.unit.money = money units
sensitivity.title.profit = What each lever does to profit
sensitivity.title.customers = What each lever does to customers
sensitivity.title.cost_per_customer = What each lever does to the cost per customer
sensitivity.step.points = +{n} points
sensitivity.step.relative = +{n}% of the rate
sensitivity.step.dropoff = −{n}% drop-off
sensitivity.step.delay = −{n}%
sensitivity.step.volume = +{n}%
sensitivity.step.cost = −{n}%
sensitivity.lever.with_step = {lever} ({step})
sensitivity.action.conversion = Raising {stage} from {from} to {to}
sensitivity.action.delay = Shortening the time to decide at {stage} from {from} to {to}
sensitivity.action.reentry = Bringing back more nurtured leads at {stage} (from {from} to {to})
sensitivity.action.volume = Growing {source} from {from} to {to} leads a day
sensitivity.action.cost = Cutting the cost per lead of {source} from {from} to {to}
sensitivity.action.repeat = Raising the repeat purchase probability from {from} to {to}
sensitivity.best.revenue = {action} adds about {amount} in revenue over {period} ({percent}), more than any other single change.
sensitivity.best.profit = {action} adds about {amount} in profit over {period} ({percent}), more than any other single change.
sensitivity.best.customers[one] = {action} adds about {n} customer over {period} ({percent}), more than any other single change.
sensitivity.best.customers[other] = {action} adds about {n} customers over {period} ({percent}), more than any other single change.
sensitivity.best.cost_per_customer = {action} cuts the cost per customer by about {amount} ({percent}), more than any other single change.
editor.stage.value.fixed_shown = value {amount} per conversion
editor.stage.value.uniform_shown = value {low} to {high} per conversion
editor.stage.value.lognormal_shown = value {mean} per conversion on average
# Issue 11, items 21-22 (accessibility): the charts' text alternatives, names of unlabelled controls
chart.text.empty = The chart has no data to show.
chart.text.spread = median {median}, 90% of runs from {low} to {high}
chart.text.funnel = Leads at each stage, mean over the runs: {stages}.
chart.text.funnel.stage = {stage}: {entered} enter, {converted} convert ({conversion})
chart.text.revenue_over_time = Revenue added up day by day: {points}.
chart.text.revenue_over_time.at = after {days}, {spread}
chart.text.revenue_distribution = Total revenue over {days}: median {median}; half of the runs from {p25} to {p75}, 90% from {p5} to {p95}.
chart.text.revenue_distribution.target = {percent} of runs reach the target of {target}.
chart.text.days_to_purchase = Days from a lead's arrival to its first purchase, for about {customers} customers per run: median {median}, mean {mean}, 90% of customers between {low} and {high}.
chart.text.days_to_purchase.none = No lead becomes a customer within the horizon: there is no waiting time to show.
chart.text.tornado = Change in revenue when one lever alone is improved or worsened by the step: {levers}.
chart.text.tornado.lever = {lever}: {better} improved, {worse} worsened
chart.text.compare.plan = {plan}: {spread}
chart.text.compare.revenue = Total revenue of each plan: {plans}.
chart.text.compare.over_time = Revenue added up over {days}, for each plan: {plans}.
chart.text.difference = Revenue of {b} minus {a} in the same runs: mean {mean}, 90% of runs from {low} to {high}; {b} is ahead in {percent} of runs.
experiment.uplift.kind = How the uplift is measured

# Issue 11, items 12, 13, 14 and 20 (layout): the difference chart's legend, the overlaid
# histogram's axis, the narrow screen's way to the editor.
chart.compare.difference.ahead = Runs where {b} is ahead
chart.compare.difference.even = Runs with no difference
chart.compare.revenue_histogram.y = Share of runs per {width} of revenue
results.to_editor = Edit the scenario ↓
chart.text.tornado.metric = {what}, when one lever alone is improved or worsened by the step: {levers}.
results.se = ± {value}
results.se.help = The Monte Carlo standard error of the mean: the standard deviation over runs divided by the square root of the number of runs. More runs make it smaller.
# Time to lose (issue 12): a stage's own delay for the leads that drop out
editor.stage.lost_delay = Time to lose
editor.stage.lost_delay.same = Same as time to decide
editor.stage.lost_delay.help = How long a lead that will not convert takes to drop out, in days: a no-show is often known within days, a contract is won over weeks. By default losing takes the time to decide.
editor.stage.lost_delay.mean_shown = lost after {days} on average

# Runs: automatic (issue 12, precision)
validation.what.precision = precision
runs.mode.label = Runs
runs.mode.help = A fixed number of runs, or as many as it takes for revenue's mean, p5 and p95 to be known to within the chosen simulation error (more runs shrink it)
runs.mode.fixed = Fixed number
runs.mode.automatic = Automatic: ±{precision}
runs.precision.out_of_range = The precision must be above 0% and at most {max}.
runs.automatic.reached = Runs chosen automatically: revenue's mean, p5 and p95 known to ±{error} (±{asked} asked)
runs.automatic.not_reached = Runs chosen automatically: ±{asked} not reached within {runs} runs (±{error} now); ask for less precision
results.range.precision = Simulation error of the range: p5 lies between {p5_low} and {p5_high}, p95 between {p95_low} and {p95_high} (95% intervals from the runs; more runs narrow them)

# Figures per channel (issue 12): the per-channel table, its chart and the cheapest source.
channels.heading = By source
channels.source = Source
channels.leads = Leads
channels.cost = Lead cost
channels.customers = Customers
channels.purchases = Purchases
channels.revenue = Revenue
channels.cost_per_customer = Cost per customer
channels.return_on_spend = Return on spend
channels.no_customer = no customer
channels.no_cost = no cost
channels.sort = Sort by {column}
channels.help = Each figure is the mean over the runs, with the range holding 90% of them beneath it. A customer and all its purchases belong to the source of its lead.
chart.channels.title = Cost per customer by source
chart.channels.x = Cost per customer ({currency})
chart.channels.y = Source
chart.channels.bars = Mean over the runs
chart.channels.range = 90% of runs
chart.channels.cheapest = Cheapest per customer
chart.channels.no_customers = No customer in any run
chart.channels.hover = {source}: {mean} per customer · 90% of runs: {low} to {high} · {customers} customers
chart.text.channels = Cost per customer by source, mean over the runs: {sources}.
chart.text.channels.source = {source}: {mean} (90% of runs from {low} to {high})
chart.text.channels.cheapest = {source}, the cheapest: {mean} (90% of runs from {low} to {high})
chart.text.channels.none = {source}: no customer in any run
explain.channels.name = “{name}”
explain.channels.and = {first} and {last}
explain.channels.separator = ", "
explain.channels.cheapest = {source} brings the cheapest customers: {cost} per customer on average, against {next_cost} from {next}.
explain.channels.tie = {sources} bring the cheapest customers, at {cost} per customer on average each.
explain.channels.only = Only {source} brings customers, at {cost} per customer on average.
explain.channels.one = All customers come from {source}, at {cost} per customer on average.
explain.channels.none = No source brings a customer in these runs.
explain.channels.without = {sources} brought no customer in any run.
explain.channels.then = "{first} {second}"
channels.range = {low}–{high}
# Issue 12, the app's size: the Russian and Chinese texts are fetched when first chosen
language.unavailable = The texts in {language} could not be loaded ({error}); the page keeps its language.
# Issue 14, the teaching view: a lead's journey in words, and the lessons said as the days pass
teach.step.separator = " · "
teach.step.entered = Day {day}: entered {stage}
teach.step.advanced = Day {day}: moved on from {stage}
teach.step.purchased = Day {day}: bought
teach.step.purchased_for = Day {day}: bought for {value}
teach.step.lost = Day {day}: lost at {stage}
teach.step.nurture = Day {day}: went to nurture
teach.step.returned = Day {day}: came back to {stage}
teach.step.repeat = Day {day}: bought again
teach.step.repeat_for = Day {day}: bought again for {value}
teach.step.open = Day {day}: still open at {stage}
teach.lesson.most_lost[one] = So far {stage} has lost the most leads: {count}.
teach.lesson.most_lost[other] = So far {stage} has lost the most leads: {count}.
teach.lesson.rates_open[one] = {stage}: {closed} of the closed leads converted, {entered} of all that entered. {open} is still deciding: the closed ones are the quick decisions, so the first rate runs ahead of the truth and the second behind it.
teach.lesson.rates_open[other] = {stage}: {closed} of the closed leads converted, {entered} of all that entered. {open} are still deciding: the closed ones are the quick decisions, so the first rate runs ahead of the truth and the second behind it.
teach.lesson.rates_closed = {stage}: {rate} converted; every lead has decided, so the two rates agree.
teach.lesson.rates_none_closed[one] = {stage}: no lead has decided yet; {open} is still deciding.
teach.lesson.rates_none_closed[other] = {stage}: no lead has decided yet; {open} are still deciding.

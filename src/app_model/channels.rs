//! Figures per channel (issue 12): the order of the per-channel table. Clicking a column's
//! header sorts by it (best first for the figures where more is better, cheapest first for
//! costs, A to Z for names); clicking it again turns the order round. Sources whose figure is
//! undefined (no customer for cost per customer, no cost for return on spend) go last either
//! way; ties keep the scenario's order. Pure functions of the report's sources, tested
//! natively; the page keeps a `ChannelSort` and renders `order`'s rows with `aria_sort`.

use crate::engine::SourceReport;

/// A column of the per-channel table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChannelColumn {
    Name,
    Leads,
    Cost,
    Customers,
    Purchases,
    Revenue,
    CostPerCustomer,
    ReturnOnSpend,
}

impl ChannelColumn {
    /// Every column, in the table's order.
    pub const ALL: [ChannelColumn; 8] = [
        ChannelColumn::Name,
        ChannelColumn::Leads,
        ChannelColumn::Cost,
        ChannelColumn::Customers,
        ChannelColumn::Purchases,
        ChannelColumn::Revenue,
        ChannelColumn::CostPerCustomer,
        ChannelColumn::ReturnOnSpend,
    ];

    /// The direction a first click sorts in: names A to Z and costs cheapest first, the other
    /// figures largest first.
    pub fn first_direction(self) -> Direction {
        match self {
            ChannelColumn::Name | ChannelColumn::Cost | ChannelColumn::CostPerCustomer => {
                Direction::Ascending
            }
            _ => Direction::Descending,
        }
    }

    /// A stable name for the page's `data-column` attribute.
    pub fn id(self) -> &'static str {
        match self {
            ChannelColumn::Name => "name",
            ChannelColumn::Leads => "leads",
            ChannelColumn::Cost => "cost",
            ChannelColumn::Customers => "customers",
            ChannelColumn::Purchases => "purchases",
            ChannelColumn::Revenue => "revenue",
            ChannelColumn::CostPerCustomer => "cost-per-customer",
            ChannelColumn::ReturnOnSpend => "return-on-spend",
        }
    }

    /// The source's mean in this column, `None` where it is undefined (and for the name).
    pub fn value(self, source: &SourceReport) -> Option<f64> {
        let value = match self {
            ChannelColumn::Name => return None,
            ChannelColumn::Leads => source.leads.mean,
            ChannelColumn::Cost => source.cost.mean,
            ChannelColumn::Customers => source.customers.mean,
            ChannelColumn::Purchases => source.purchases.mean,
            ChannelColumn::Revenue => source.revenue.mean,
            ChannelColumn::CostPerCustomer if source.runs_with_customers > 0 => {
                source.cost_per_customer.mean
            }
            ChannelColumn::ReturnOnSpend if source.runs_with_cost > 0 => {
                source.return_on_spend.mean
            }
            _ => return None,
        };
        value.is_finite().then_some(value)
    }
}

/// Which way a column sorts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Ascending,
    Descending,
}

/// The table's order: `None` keeps the scenario's order of sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ChannelSort {
    pub by: Option<(ChannelColumn, Direction)>,
}

impl ChannelSort {
    /// The order after a click on `column`'s header: the same column turns round, another
    /// one sorts in its first direction.
    pub fn click(self, column: ChannelColumn) -> ChannelSort {
        let direction = match self.by {
            Some((current, Direction::Ascending)) if current == column => Direction::Descending,
            Some((current, Direction::Descending)) if current == column => Direction::Ascending,
            _ => column.first_direction(),
        };
        ChannelSort {
            by: Some((column, direction)),
        }
    }

    /// The header's `aria-sort`: "ascending" or "descending" on the sorted column, "none" on
    /// the others.
    pub fn aria_sort(self, column: ChannelColumn) -> &'static str {
        match self.by {
            Some((current, Direction::Ascending)) if current == column => "ascending",
            Some((current, Direction::Descending)) if current == column => "descending",
            _ => "none",
        }
    }
}

/// The indices of `sources` in the table's order.
pub fn order(sources: &[SourceReport], sort: ChannelSort) -> Vec<usize> {
    let mut indices: Vec<usize> = (0..sources.len()).collect();
    let Some((column, direction)) = sort.by else {
        return indices;
    };
    let flip = |ordering: std::cmp::Ordering| match direction {
        Direction::Ascending => ordering,
        Direction::Descending => ordering.reverse(),
    };
    // A stable sort: ties keep the scenario's order.
    indices.sort_by(|&a, &b| {
        let (a, b) = (&sources[a], &sources[b]);
        if column == ChannelColumn::Name {
            return flip(a.name.to_lowercase().cmp(&b.name.to_lowercase()));
        }
        match (column.value(a), column.value(b)) {
            (Some(x), Some(y)) => flip(x.total_cmp(&y)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
    });
    indices
}

/// The sources bringing customers at the lowest mean cost per customer (several on a tie),
/// in the scenario's order; empty when no source makes a customer in any run.
pub fn cheapest(sources: &[SourceReport]) -> Vec<usize> {
    crate::engine::cheapest_sources(sources)
}

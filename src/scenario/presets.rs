//! The presets: scenario files for the funnel shapes practitioners use, shipped in the binary.

use super::Scenario;

/// A named scenario to start from.
#[derive(Debug, Clone, PartialEq)]
pub struct Preset {
    /// Short identifier used on the command line (`funnelcast preset six-step`).
    pub id: &'static str,
    /// The scenario file's text.
    pub json: &'static str,
}

/// Every preset, in the order menus show them; the first is the default scenario.
pub const PRESETS: &[Preset] = &[
    Preset {
        id: "six-step",
        json: include_str!("../../presets/six-step.json"),
    },
    Preset {
        id: "aida",
        json: include_str!("../../presets/aida.json"),
    },
    Preset {
        id: "b2b-pipeline",
        json: include_str!("../../presets/b2b-pipeline.json"),
    },
    Preset {
        id: "b2b-segments",
        json: include_str!("../../presets/b2b-segments.json"),
    },
    Preset {
        id: "crm-pipeline",
        json: include_str!("../../presets/crm-pipeline.json"),
    },
    Preset {
        id: "ecommerce",
        json: include_str!("../../presets/ecommerce.json"),
    },
    Preset {
        id: "auto-funnel",
        json: include_str!("../../presets/auto-funnel.json"),
    },
    Preset {
        id: "subscription",
        json: include_str!("../../presets/subscription.json"),
    },
    Preset {
        id: "classroom-cohort",
        json: include_str!("../../presets/classroom-cohort.json"),
    },
];

impl Preset {
    /// The preset's scenario. Presets are checked by the tests, so reading one cannot fail
    /// in a released build; should it, an empty scenario comes back and validation says why.
    pub fn scenario(&self) -> Scenario {
        Scenario::from_json(self.json).unwrap_or_else(|_| Scenario {
            name: self.id.to_string(),
            description: String::new(),
            horizon_days: 0,
            sources: Vec::new(),
            stages: Vec::new(),
            retention: None,
            rate_correlation: None,
            segments: Vec::new(),
        })
    }
}

/// Finds a preset by its identifier.
pub fn find(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}

/// The scenario a new user sees first: the six-step marketing funnel.
pub fn default_scenario() -> Scenario {
    PRESETS[0].scenario()
}

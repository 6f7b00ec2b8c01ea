//! What `stakenet validate` reports for a valid network: its overview, its
//! groups and the warnings (see [`mod@crate::validate`]).

use crate::metrics::{overview, Overview};
use crate::model::Network;
use crate::validate::{warnings, Warning};

/// A valid network's overview and warnings.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidateReport {
    /// Counts, density, components, means per relationship type.
    pub overview: Overview,
    /// Group names, in [`Network::groups`] order (empty for the unnamed
    /// group).
    pub groups: Vec<String>,
    /// Things that are allowed but probably not meant.
    pub warnings: Vec<Warning>,
}

/// The validate report of a loaded network.
pub fn validate(net: &Network) -> ValidateReport {
    ValidateReport {
        overview: overview(net),
        groups: net.groups().to_vec(),
        warnings: warnings(net),
    }
}

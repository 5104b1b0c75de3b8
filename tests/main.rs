//! The integration suite: one binary, a module per concern.

mod support;

mod api;
mod attribution;
mod attribution_props;
mod audit;
mod chain;
mod decision_log;
mod desk;
mod digest;
mod disagreements;
mod examples_data;
mod gaps;
#[cfg(feature = "gen")]
mod gen;
mod interactions;
mod jsonl;
mod model;
mod pictures;
mod policy;
mod privacy;
mod properties;
mod queue_rules;
mod readme;
mod registry;
mod registry_props;
mod robustness;
#[cfg(feature = "schema")]
mod schema;
#[cfg(all(feature = "store", unix))]
mod server;
#[cfg(all(feature = "store", unix))]
mod store;
mod time;
mod wording;
mod worked_examples;

//! The integration suite: one binary, a module per concern.

mod support;

mod disagreements;
mod jsonl;
mod policy;
mod privacy;
mod properties;
mod queue_rules;
mod time;
mod worked_examples;

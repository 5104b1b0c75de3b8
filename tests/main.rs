//! The integration suite: one binary, a module per concern.

mod support;

mod disagreements;
mod queue_rules;
mod worked_examples;

//! The integration suite: one binary, a module per concern.

mod support;

mod registry;
mod worked_examples;

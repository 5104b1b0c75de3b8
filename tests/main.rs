//! The integration suite: one binary, a module per concern.

mod support;

mod properties;
mod worked_examples;

//! The integration suite: one binary, a module per concern.

mod support;

mod worked_examples;

//! The integration suite: one binary, a module per concern.

mod support;

#[cfg(feature = "serde")]
mod examples_data;
mod worked_examples;

//! The integration suite: one binary, a module per concern.

mod support;

mod attribution;
mod attribution_props;
mod registry;
mod registry_props;
mod worked_examples;

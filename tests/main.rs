//! The integration suite: one binary, a module per concern.

mod support;

mod jsonl;
mod policy;
mod privacy;
mod properties;
mod time;
mod worked_examples;

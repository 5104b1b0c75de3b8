//! A reference model of the reception rules, ownership and the split
//! (issue 7): a deliberately naive second implementation written from
//! RULES.md and the policy cells, and a property that drives it and the
//! engine with the same generated days.

mod clients;
mod day;
mod floor;

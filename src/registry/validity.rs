//! The three facts of a valid registration (P2-2.1).

use crate::decision::{Fact, Missing};
use crate::event::{Channel, Register};
use crate::person::Line;

/// The facts `e` lacks, in the order P2-2.1 lists them, and its phone
/// numbers that can be ones, normalised. A caller may give a surname only;
/// a visitor must give a full name. A phone that cannot be a phone number
/// counts as missing, with why (the first such number's problem), unless
/// another number given is one.
pub(crate) fn check(e: &Register) -> (Vec<Missing>, Vec<Line>) {
    let mut missing = Vec::new();
    let mut lack = |fact| {
        missing.push(Missing {
            fact,
            problem: None,
        })
    };
    match &e.name {
        None => lack(Fact::Name),
        Some(n) if n.is_empty() => lack(Fact::Name),
        Some(n) if e.channel != Channel::Call && !n.is_full() => lack(Fact::FullName),
        Some(_) => {}
    }
    if e.gender.is_none() {
        lack(Fact::Gender);
    }
    // At most one number a phone: room for them all, so the usual single
    // number costs one allocation and the shrink below none.
    let mut numbers = Vec::with_capacity(e.phones.len());
    let mut problem = None;
    for p in &e.phones {
        // As lines, which hold no text: a number read costs no allocation.
        match p.line() {
            Ok(n) if !numbers.contains(&n) => numbers.push(n),
            Ok(_) => {}
            Err(why) => {
                problem.get_or_insert(why);
            }
        }
    }
    let no_needs = e.needs.as_deref().is_none_or(|n| n.trim().is_empty());
    if numbers.is_empty() {
        missing.push(Missing {
            fact: Fact::Phone,
            problem,
        });
    }
    if no_needs {
        missing.push(Missing {
            fact: Fact::Needs,
            problem: None,
        });
    }
    // Kept for the client's lifetime: no spare capacity.
    numbers.shrink_to_fit();
    (missing, numbers)
}

//! Renovation workers' temporary passes (P5-0 2]): each for one unit, good
//! to a date; an unknown, withdrawn, expired or other unit's pass is refused.

use std::collections::BTreeMap;

use super::event::{CheckPass, IssuePass, RevokePass};
use super::{
    DeskErrorKind as K, DeskState, DeskWhat, Out, PassId, PassRefusal, PassValidity, Reject,
};
use crate::{Date, PersonName, Rule, Timestamp, UnitId};

/// A pass as issued.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PassRecord {
    /// The unit it is good for.
    pub unit: UnitId,
    /// Its last day (as the policy reads it).
    pub valid_to: Date,
    /// When it was issued.
    pub issued: Timestamp,
    /// Whether it was withdrawn.
    pub revoked: bool,
    /// The worker's name, if written (masked).
    pub holder: Option<PersonName>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Passes {
    all: BTreeMap<PassId, PassRecord>,
}

impl DeskState {
    /// Whether `pass` lets a worker in for `unit` (any unit when `None`) at
    /// `at`, and if not why (P5-0).
    pub fn pass_valid(
        &self,
        pass: PassId,
        unit: Option<UnitId>,
        at: Timestamp,
    ) -> Result<&PassRecord, PassRefusal> {
        let p = self.passes.all.get(&pass).ok_or(PassRefusal::Unknown)?;
        if p.revoked {
            return Err(PassRefusal::Revoked);
        }
        let expired = match self.policy.pass_validity.value {
            PassValidity::BeforeDate => at.date() >= p.valid_to,
            _ => at.date() > p.valid_to,
        };
        if expired {
            return Err(PassRefusal::Expired {
                valid_to: p.valid_to,
            });
        }
        match unit {
            Some(u) if u != p.unit => Err(PassRefusal::OtherUnit { unit: p.unit }),
            _ => Ok(p),
        }
    }

    pub(super) fn issue_pass(&mut self, e: &IssuePass, out: &mut Out) -> Result<(), Reject> {
        if self.passes.all.contains_key(&e.pass) {
            return Err(K::PassExists(e.pass).into());
        }
        let today = out.at.date();
        let dead = match self.policy.pass_validity.value {
            PassValidity::BeforeDate => e.valid_to <= today,
            _ => e.valid_to < today,
        };
        if dead {
            return Err(K::PassAlreadyExpired(e.valid_to).into());
        }
        let days = e.valid_to.days_since(today);
        if let Some(max) = self.policy.max_pass_days.value {
            if days > i32::try_from(max).unwrap_or(i32::MAX) {
                return Err(K::PassTooLong { days, max }.into());
            }
        }
        self.passes.all.insert(
            e.pass,
            PassRecord {
                unit: e.unit,
                valid_to: e.valid_to,
                issued: out.at,
                revoked: false,
                holder: e.holder.clone(),
            },
        );
        self.work.passes += 1;
        out.push(
            self.policy.pass_validity.rules.with(Rule::P5_0),
            DeskWhat::PassIssued {
                pass: e.pass,
                unit: e.unit,
                valid_to: e.valid_to,
            },
        );
        Ok(())
    }

    pub(super) fn revoke_pass(&mut self, e: &RevokePass, out: &mut Out) -> Result<(), Reject> {
        let Some(p) = self.passes.all.get_mut(&e.pass) else {
            return Err(K::UnknownPass(e.pass).into());
        };
        p.revoked = true;
        out.push(crate::rules![P5_0], DeskWhat::PassRevoked { pass: e.pass });
        Ok(())
    }

    pub(super) fn check_pass(&mut self, e: &CheckPass, out: &mut Out) -> Result<(), Reject> {
        let rules = self.policy.pass_validity.rules.with(Rule::P5_0);
        let what = match self.pass_valid(e.pass, e.unit, out.at) {
            Ok(p) => DeskWhat::PassAdmitted {
                pass: e.pass,
                unit: p.unit,
                valid_to: p.valid_to,
            },
            Err(refusal) => DeskWhat::PassRefused {
                pass: e.pass,
                refusal,
            },
        };
        out.push(rules, what);
        Ok(())
    }

    /// A pass as issued.
    pub fn pass(&self, id: PassId) -> Option<&PassRecord> {
        self.passes.all.get(&id)
    }
}

//! Mail and newspapers (P5-0 4]): logged in, collected by the unit's
//! residents (a reading after P5-2: the policy's `mail_collector`).

use std::collections::{BTreeMap, BTreeSet};

use super::event::{MailIn, MailKind, MailOut};
use super::requests::minutes;
use super::{
    DeskErrorKind as K, DeskState, DeskWhat, MailCollector, MailId, Out, Reject, ResidentId,
};
use crate::{Rule, Timestamp, UnitId};

/// An item of mail as logged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct MailRecord {
    /// The unit it is for.
    pub unit: UnitId,
    /// Its kind.
    pub kind: MailKind,
    /// When it was logged in.
    pub logged: Timestamp,
    /// When and by whom it was collected.
    pub collected: Option<(Timestamp, ResidentId)>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Mail {
    all: BTreeMap<MailId, MailRecord>,
    pub(super) waiting: BTreeSet<MailId>,
}

impl DeskState {
    pub(super) fn mail_in(&mut self, e: &MailIn, out: &mut Out) -> Result<(), Reject> {
        if self.mail.all.contains_key(&e.mail) {
            return Err(K::MailExists(e.mail).into());
        }
        self.mail.all.insert(
            e.mail,
            MailRecord {
                unit: e.unit,
                kind: e.kind,
                logged: out.at,
                collected: None,
            },
        );
        self.mail.waiting.insert(e.mail);
        self.work.mail_in += 1;
        out.push(
            crate::rules![P5_0],
            DeskWhat::MailLogged {
                mail: e.mail,
                unit: e.unit,
                kind: e.kind,
            },
        );
        Ok(())
    }

    pub(super) fn mail_out(&mut self, e: &MailOut, out: &mut Out) -> Result<(), Reject> {
        let m = *self.mail.all.get(&e.mail).ok_or(K::UnknownMail(e.mail))?;
        if m.collected.is_some() {
            return Err(K::AlreadyCollected(e.mail).into());
        }
        let who = self
            .residents
            .get(e.by)
            .ok_or_else(|| Reject::at(K::UnknownResident(e.by), "by"))?;
        let rules = self.policy.mail_collector.rules.with(Rule::P5_0);
        if self.policy.mail_collector.value == MailCollector::UnitResident && who.unit != m.unit {
            out.push(
                rules.with(Rule::P5_2),
                DeskWhat::MailRefused {
                    mail: e.mail,
                    unit: m.unit,
                    by: e.by,
                },
            );
            return Ok(());
        }
        if let Some(r) = self.mail.all.get_mut(&e.mail) {
            r.collected = Some((out.at, e.by));
        }
        self.mail.waiting.remove(&e.mail);
        self.work.mail_out += 1;
        out.push(
            rules,
            DeskWhat::MailCollected {
                mail: e.mail,
                unit: m.unit,
                by: e.by,
                minutes: minutes(m.logged, out.at),
            },
        );
        Ok(())
    }

    /// An item of mail as logged.
    pub fn mail(&self, id: MailId) -> Option<&MailRecord> {
        self.mail.all.get(&id)
    }

    /// Mail logged and not yet collected, by id.
    pub fn uncollected_mail(&self) -> impl Iterator<Item = (MailId, &MailRecord)> {
        self.mail
            .waiting
            .iter()
            .filter_map(|id| self.mail.all.get(id).map(|r| (*id, r)))
    }
}

//! Goods carried out and move-outs (P5-0 3]): released only after the
//! unit's owner confirmed, the confirmation recorded with who gave it.

use std::collections::{BTreeMap, BTreeSet};

use super::event::{ConfirmVia, OwnerConfirm, Release, ReleaseKind, ReleaseRequest, ResidentRole};
use super::{
    DeskErrorKind as K, DeskState, DeskWhat, Out, PassId, Reject, ReleaseId, ReleaseRefusal,
    ResidentId,
};
use crate::{rules, Timestamp, UnitId};

/// An owner's answer, as recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct OwnerWord {
    /// The owner who gave it.
    pub by: ResidentId,
    /// When.
    pub at: Timestamp,
    /// How.
    pub via: ConfirmVia,
    /// Yes or no.
    pub agrees: bool,
}

/// A release as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReleaseRecord {
    /// The unit the goods come from.
    pub unit: UnitId,
    /// Goods or move-out.
    pub kind: ReleaseKind,
    /// The carrying worker's pass.
    pub pass: Option<PassId>,
    /// When it was brought to the desk.
    pub brought: Timestamp,
    /// The owner's latest answer.
    pub word: Option<OwnerWord>,
    /// When it was released.
    pub released: Option<Timestamp>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Releases {
    all: BTreeMap<ReleaseId, ReleaseRecord>,
    pub(super) pending: BTreeSet<ReleaseId>,
}

impl DeskState {
    pub(super) fn release_request(
        &mut self,
        e: &ReleaseRequest,
        out: &mut Out,
    ) -> Result<(), Reject> {
        if self.releases.all.contains_key(&e.release) {
            return Err(K::ReleaseExists(e.release).into());
        }
        self.releases.all.insert(
            e.release,
            ReleaseRecord {
                unit: e.unit,
                kind: e.kind,
                pass: e.pass,
                brought: out.at,
                word: None,
                released: None,
            },
        );
        self.releases.pending.insert(e.release);
        out.push(
            rules![P5_0],
            DeskWhat::ReleaseAwaiting {
                release: e.release,
                unit: e.unit,
                kind: e.kind,
            },
        );
        Ok(())
    }

    fn pending_release(&self, id: ReleaseId) -> Result<&ReleaseRecord, Reject> {
        let r = self.releases.all.get(&id).ok_or(K::UnknownRelease(id))?;
        if r.released.is_some() {
            return Err(K::AlreadyReleased(id).into());
        }
        Ok(r)
    }

    pub(super) fn owner_confirm(&mut self, e: &OwnerConfirm, out: &mut Out) -> Result<(), Reject> {
        let r = self.pending_release(e.release)?;
        let unit = r.unit;
        let who = self
            .residents
            .get(e.by)
            .ok_or_else(|| Reject::at(K::UnknownResident(e.by), "by"))?;
        if who.unit != unit || who.role != ResidentRole::Owner {
            out.push(
                rules![P5_0],
                DeskWhat::NotOwner {
                    release: e.release,
                    unit,
                    by: e.by,
                },
            );
            return Ok(());
        }
        if let Some(r) = self.releases.all.get_mut(&e.release) {
            r.word = Some(OwnerWord {
                by: e.by,
                at: out.at,
                via: e.via,
                agrees: e.agrees,
            });
        }
        out.push(
            rules![P5_0],
            DeskWhat::OwnerAnswered {
                release: e.release,
                unit,
                by: e.by,
                via: e.via,
                agrees: e.agrees,
            },
        );
        Ok(())
    }

    pub(super) fn release(&mut self, e: &Release, out: &mut Out) -> Result<(), Reject> {
        let r = self.pending_release(e.release)?;
        let (unit, kind) = (r.unit, r.kind);
        let pass = r.pass.and_then(|p| {
            self.pass_valid(p, Some(unit), out.at)
                .err()
                .map(|why| (p, why))
        });
        let refusal = match (pass, r.word) {
            (Some((pass, refusal)), _) => Some(ReleaseRefusal::Pass { pass, refusal }),
            (None, None) => Some(ReleaseRefusal::NoConfirmation),
            (None, Some(w)) if !w.agrees => Some(ReleaseRefusal::OwnerDeclined { by: w.by }),
            (None, Some(_)) => None,
        };
        if let Some(refusal) = refusal {
            out.push(
                rules![P5_0],
                DeskWhat::ReleaseRefused {
                    release: e.release,
                    unit,
                    refusal,
                },
            );
            return Ok(());
        }
        let Some(word) = r.word else {
            return Ok(());
        };
        if let Some(r) = self.releases.all.get_mut(&e.release) {
            r.released = Some(out.at);
        }
        self.releases.pending.remove(&e.release);
        self.work.releases += 1;
        out.push(
            rules![P5_0],
            DeskWhat::ReleaseGranted {
                release: e.release,
                unit,
                kind,
                confirmed_by: word.by,
                confirmed_at: word.at,
            },
        );
        Ok(())
    }

    /// A release as recorded.
    pub fn release_record(&self, id: ReleaseId) -> Option<&ReleaseRecord> {
        self.releases.all.get(&id)
    }

    /// The releases brought to the desk and not yet released, by id.
    pub fn pending_releases(&self) -> impl Iterator<Item = (ReleaseId, &ReleaseRecord)> {
        self.releases
            .pending
            .iter()
            .filter_map(|id| self.releases.all.get(id).map(|r| (*id, r)))
    }
}

//! The shift handover (P5-1): the outgoing's record with the open items,
//! read by the incoming, the items checked together; the incoming may
//! refuse while an item is unexplained (recorded, escalated to the
//! supervisor); the handover completes only with every item clear; the
//! record signed by the outgoing and reviewed daily by the manager.

use std::collections::BTreeMap;

use super::event::{
    Handover, HandoverAnswer, HandoverCheck, HandoverComplete, HandoverItem, HandoverQuestion,
    HandoverRead, HandoverRefuse, HandoverResolve, HandoverSign, Review,
};
use super::{DeskErrorKind as K, DeskState, DeskWhat, HandoverId, Out, Reject, ShiftWork, StaffId};
use crate::{rules, Date, Timestamp};

/// Where one item of a handover stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ItemState {
    /// Not yet checked together.
    Open,
    /// The incoming asked; the outgoing has not answered.
    Questioned,
    /// The incoming refused over it; with the supervisor.
    Refused,
    /// Checked together, answered, or settled: clear.
    Clear,
}

/// A handover record.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct HandoverRecord {
    /// 交班人.
    pub outgoing: StaffId,
    /// 接班人.
    pub incoming: StaffId,
    /// When it was written.
    pub written: Timestamp,
    /// What the outgoing shift did.
    pub work: ShiftWork,
    /// The items, in the record's order.
    pub items: Vec<(HandoverItem, ItemState)>,
    /// Whether the incoming has read it.
    pub read: bool,
    /// Refusals recorded over it (each escalated).
    pub refusals: u32,
    /// When it completed.
    pub completed: Option<Timestamp>,
    /// When the outgoing signed it.
    pub signed: Option<Timestamp>,
    /// Who reviewed it, and when.
    pub reviewed: Option<(StaffId, Timestamp)>,
}

impl HandoverRecord {
    /// The items not yet clear.
    pub fn open_items(&self) -> Vec<HandoverItem> {
        self.items
            .iter()
            .filter(|(_, s)| *s != ItemState::Clear)
            .map(|(i, _)| *i)
            .collect()
    }

    fn state_of(&self, item: HandoverItem) -> Option<ItemState> {
        self.items.iter().find(|(i, _)| *i == item).map(|(_, s)| *s)
    }

    fn set(&mut self, item: HandoverItem, state: ItemState) {
        match self.items.iter_mut().find(|(i, _)| *i == item) {
            Some(slot) => slot.1 = state,
            None => self.items.push((item, state)),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Handovers {
    pub(super) all: BTreeMap<HandoverId, HandoverRecord>,
    /// The handover under way, if any.
    current: Option<HandoverId>,
    /// Records by the day they were written.
    pub(super) by_date: BTreeMap<Date, Vec<HandoverId>>,
}

impl DeskState {
    pub(super) fn handover(&mut self, e: &Handover, out: &mut Out) -> Result<(), Reject> {
        if self.handovers.all.contains_key(&e.handover) {
            return Err(K::HandoverExists(e.handover).into());
        }
        if let Some(current) = self.handovers.current {
            return Err(K::HandoverUnderWay(current).into());
        }
        if e.outgoing == e.incoming {
            return Err(K::SameClerk(e.incoming).into());
        }
        for (i, n) in e.notes.iter().enumerate() {
            if e.notes[..i].contains(n) {
                return Err(K::DuplicateItem(HandoverItem::Note(*n)).into());
            }
        }
        // The record carries the desk's open business by itself: what the
        // incoming inherits must be checked, not remembered (P5-1 2]).
        let items: Vec<HandoverItem> = self
            .requests
            .open
            .iter()
            .map(|r| HandoverItem::Request(*r))
            .chain(
                self.releases
                    .pending
                    .iter()
                    .map(|r| HandoverItem::Release(*r)),
            )
            .chain(e.notes.iter().map(|n| HandoverItem::Note(*n)))
            .collect();
        let work = std::mem::take(&mut self.work);
        self.handovers.all.insert(
            e.handover,
            HandoverRecord {
                outgoing: e.outgoing,
                incoming: e.incoming,
                written: out.at,
                work,
                items: items.iter().map(|i| (*i, ItemState::Open)).collect(),
                read: false,
                refusals: 0,
                completed: None,
                signed: None,
                reviewed: None,
            },
        );
        self.handovers.current = Some(e.handover);
        self.handovers
            .by_date
            .entry(out.at.date())
            .or_default()
            .push(e.handover);
        out.push(
            rules![P5_1],
            DeskWhat::HandoverRecorded {
                handover: e.handover,
                outgoing: e.outgoing,
                incoming: e.incoming,
                work,
                items,
            },
        );
        Ok(())
    }

    fn under_way(&self, id: HandoverId) -> Result<&HandoverRecord, Reject> {
        let h = self.handovers.all.get(&id).ok_or(K::UnknownHandover(id))?;
        if h.completed.is_some() {
            return Err(K::HandoverComplete(id).into());
        }
        Ok(h)
    }

    fn set_item(&mut self, id: HandoverId, item: HandoverItem, state: ItemState) {
        if let Some(h) = self.handovers.all.get_mut(&id) {
            h.set(item, state);
        }
    }

    pub(super) fn handover_read(&mut self, e: &HandoverRead, out: &mut Out) -> Result<(), Reject> {
        let incoming = self.under_way(e.handover)?.incoming;
        if let Some(h) = self.handovers.all.get_mut(&e.handover) {
            h.read = true;
        }
        out.push(
            rules![P5_1],
            DeskWhat::HandoverRead {
                handover: e.handover,
                incoming,
            },
        );
        Ok(())
    }

    pub(super) fn handover_check(
        &mut self,
        e: &HandoverCheck,
        out: &mut Out,
    ) -> Result<(), Reject> {
        let h = self.under_way(e.handover)?;
        match h.state_of(e.item) {
            None => return Err(K::UnknownItem(e.item).into()),
            Some(ItemState::Questioned | ItemState::Refused) => {
                return Err(K::ItemUnsettled(e.item).into())
            }
            Some(_) => {}
        }
        self.set_item(e.handover, e.item, ItemState::Clear);
        out.push(
            rules![P5_1],
            DeskWhat::ItemChecked {
                handover: e.handover,
                item: e.item,
            },
        );
        Ok(())
    }

    pub(super) fn handover_question(
        &mut self,
        e: &HandoverQuestion,
        out: &mut Out,
    ) -> Result<(), Reject> {
        let h = self.under_way(e.handover)?;
        let added = match h.state_of(e.item) {
            // A problem the incoming found in its own check (P5-1 5]): a
            // note the record lacks. A request or release the record does
            // not carry is not the desk's open business.
            None if matches!(e.item, HandoverItem::Note(_)) => true,
            None => return Err(K::UnknownItem(e.item).into()),
            Some(ItemState::Refused) => return Err(K::ItemUnsettled(e.item).into()),
            Some(_) => false,
        };
        self.set_item(e.handover, e.item, ItemState::Questioned);
        out.push(
            rules![P5_1],
            DeskWhat::ItemQuestioned {
                handover: e.handover,
                item: e.item,
                added,
            },
        );
        Ok(())
    }

    pub(super) fn handover_answer(
        &mut self,
        e: &HandoverAnswer,
        out: &mut Out,
    ) -> Result<(), Reject> {
        let h = self.under_way(e.handover)?;
        match h.state_of(e.item) {
            None => return Err(K::UnknownItem(e.item).into()),
            Some(ItemState::Questioned) => {}
            Some(_) => return Err(K::NoQuestion(e.item).into()),
        }
        self.set_item(e.handover, e.item, ItemState::Clear);
        out.push(
            rules![P5_1],
            DeskWhat::ItemAnswered {
                handover: e.handover,
                item: e.item,
            },
        );
        Ok(())
    }

    pub(super) fn handover_refuse(
        &mut self,
        e: &HandoverRefuse,
        out: &mut Out,
    ) -> Result<(), Reject> {
        let h = self.under_way(e.handover)?;
        match h.state_of(e.item) {
            None => return Err(K::UnknownItem(e.item).into()),
            Some(ItemState::Clear) => return Err(K::ItemClear(e.item).into()),
            Some(ItemState::Refused) => return Err(K::ItemUnsettled(e.item).into()),
            Some(_) => {}
        }
        let incoming = h.incoming;
        if let Some(h) = self.handovers.all.get_mut(&e.handover) {
            h.set(e.item, ItemState::Refused);
            h.refusals += 1;
        }
        out.push(
            rules![P5_1],
            DeskWhat::HandoverRefused {
                handover: e.handover,
                item: e.item,
                incoming,
            },
        );
        Ok(())
    }

    pub(super) fn handover_resolve(
        &mut self,
        e: &HandoverResolve,
        out: &mut Out,
    ) -> Result<(), Reject> {
        let h = self.under_way(e.handover)?;
        match h.state_of(e.item) {
            None => return Err(K::UnknownItem(e.item).into()),
            Some(ItemState::Refused) => {}
            Some(_) => return Err(K::NotRefused(e.item).into()),
        }
        self.set_item(e.handover, e.item, ItemState::Clear);
        out.push(
            rules![P5_1],
            DeskWhat::ItemResolved {
                handover: e.handover,
                item: e.item,
                by: e.by,
            },
        );
        Ok(())
    }

    pub(super) fn handover_complete(
        &mut self,
        e: &HandoverComplete,
        out: &mut Out,
    ) -> Result<(), Reject> {
        let h = self.under_way(e.handover)?;
        let open = h.open_items();
        if !h.read || !open.is_empty() {
            out.push(
                rules![P5_1],
                DeskWhat::HandoverBlocked {
                    handover: e.handover,
                    unread: !h.read,
                    open,
                },
            );
            return Ok(());
        }
        let incoming = h.incoming;
        if let Some(h) = self.handovers.all.get_mut(&e.handover) {
            h.completed = Some(out.at);
        }
        self.handovers.current = None;
        out.push(
            rules![P5_1],
            DeskWhat::HandoverCompleted {
                handover: e.handover,
                incoming,
            },
        );
        Ok(())
    }

    pub(super) fn handover_sign(&mut self, e: &HandoverSign, out: &mut Out) -> Result<(), Reject> {
        let h = self
            .handovers
            .all
            .get(&e.handover)
            .ok_or(K::UnknownHandover(e.handover))?;
        if h.outgoing != e.by {
            return Err(K::NotOutgoing(e.by).into());
        }
        if h.signed.is_some() {
            return Err(K::AlreadySigned(e.handover).into());
        }
        if let Some(h) = self.handovers.all.get_mut(&e.handover) {
            h.signed = Some(out.at);
        }
        out.push(
            rules![P5_1],
            DeskWhat::HandoverSigned {
                handover: e.handover,
                by: e.by,
            },
        );
        Ok(())
    }

    pub(super) fn review(&mut self, e: &Review, out: &mut Out) -> Result<(), Reject> {
        let ids = self
            .handovers
            .by_date
            .get(&e.date)
            .ok_or(K::NoRecords(e.date))?;
        let todo: Vec<HandoverId> = ids
            .iter()
            .copied()
            .filter(|id| {
                self.handovers
                    .all
                    .get(id)
                    .is_some_and(|h| h.reviewed.is_none())
            })
            .collect();
        if todo.is_empty() {
            return Err(K::AlreadyReviewed(e.date).into());
        }
        let mut unsigned = 0;
        for id in &todo {
            if let Some(h) = self.handovers.all.get_mut(id) {
                h.reviewed = Some((e.by, out.at));
                unsigned += u32::from(h.signed.is_none());
            }
        }
        out.push(
            rules![P5_1],
            DeskWhat::RecordsReviewed {
                date: e.date,
                by: e.by,
                records: u32::try_from(todo.len()).unwrap_or(u32::MAX),
                unsigned,
            },
        );
        Ok(())
    }

    /// A handover record.
    pub fn handover_record(&self, id: HandoverId) -> Option<&HandoverRecord> {
        self.handovers.all.get(&id)
    }

    /// The handover under way, if any.
    pub fn current_handover(&self) -> Option<(HandoverId, &HandoverRecord)> {
        let id = self.handovers.current?;
        self.handovers.all.get(&id).map(|h| (id, h))
    }
}

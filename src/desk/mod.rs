//! # The property front desk (P5: 物业客户服务部前台接待管理制度)
//!
//! The front desk of the property company that takes over the buildings
//! the sales office sold, as a fold of its own: [`DeskState`] applies
//! [`DeskEvent`]s under a [`DeskPolicy`] and answers with
//! [`DeskDecision`]s, each citing P5-0, P5-1 or P5-2 with a Chinese and an
//! English sentence. No clock is read: reports take their moment as an
//! argument.
//!
//! - **Requests (P5-0)**: a complaint, repair or call for help is recorded
//!   and routed at once to the department the policy names; forwarding
//!   later than the policy's minutes is reported late; a request closes
//!   when its department reports it done.
//! - **Passes (P5-0)**: a worker's pass is tied to a unit and good to a
//!   date; an unknown, withdrawn or expired pass is refused.
//! - **Releases (P5-0)**: goods carried out and move-outs leave only after
//!   the unit's owner confirmed, recorded with who gave it.
//! - **Mail (P5-0)**: logged in and collected.
//! - **Handover (P5-1)**: the outgoing's record with the open items, read
//!   and checked together; the incoming may refuse while an item is
//!   unexplained (escalated); completion only with every item clear;
//!   signed by the outgoing and reviewed daily.
//! - **Privacy (P5-2)**: [`DeskState::answer_outsider`] can return a unit
//!   number and nothing else; names and phones are masked in `Debug`,
//!   `Display`, errors and sentences.
//!
//! ```
//! use anchang::desk::*;
//! use anchang::{Lang, PersonName};
//!
//! let t = |s: &str| s.parse().unwrap();
//! let id = |s: &str| s.parse().unwrap();
//! let unit: anchang::UnitId = "3-1502".parse().unwrap();
//! let log = vec![
//!     DeskEvent::new(1, t("2026-03-02T08:00:00"), Resident {
//!         resident: id("O1"), unit, role: ResidentRole::Owner,
//!         name: PersonName::new("王建国"), phone: None,
//!     }),
//!     DeskEvent::new(2, t("2026-03-02T09:00:00"), ReleaseRequest {
//!         release: "G1".parse().unwrap(), unit, kind: ReleaseKind::WorkerGoods, pass: None,
//!     }),
//!     DeskEvent::new(3, t("2026-03-02T09:01:00"), Release { release: "G1".parse().unwrap() }),
//! ];
//! let day = replay(&DeskPolicy::standard(), &log).unwrap();
//! assert_eq!(
//!     day.decisions.last().unwrap().explain(Lang::Zh),
//!     "[P5-0] G1 未经 3-1502 业主确认同意,不予放行"
//! );
//! ```

mod decision;
mod error;
mod event;
mod handover;
mod id;
mod mail;
mod passes;
mod policy;
mod releases;
mod render;
mod report;
mod requests;
mod residents;

#[cfg(feature = "serde")]
pub mod jsonl;

pub use decision::{DeskDecision, DeskWhat, PassRefusal, ReleaseRefusal, ShiftWork};
pub use error::{DeskError, DeskErrorKind};
pub use event::*;
pub use handover::{HandoverRecord, ItemState};
pub use id::{
    DepartmentId, HandoverId, MailId, NoteId, PassId, ReleaseId, RequestId, ResidentId, StaffId,
    TopicId,
};
pub use mail::MailRecord;
pub use passes::PassRecord;
pub use policy::{
    Closing, Department, DeskPolicy, DeskPolicyError, MailCollector, OutsiderAnswer, PassValidity,
    RequestKind, Route,
};
pub use releases::{OwnerWord, ReleaseRecord};
pub use report::{DeskReport, LateForward, OpenRequest, PendingRelease, RecordGap, WaitingMail};
pub use requests::RequestRecord;
pub use residents::{OutsiderReply, ResidentRecord};

use std::borrow::Borrow;

use crate::{EventId, Rules, Timestamp};

/// Everything the desk knows after a prefix of its log, under its policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeskState {
    policy: DeskPolicy,
    /// The last event applied, whole: a retry of its id is told apart from
    /// a conflicting one by content.
    last: Option<DeskEvent>,
    residents: residents::Residents,
    requests: requests::Requests,
    passes: passes::Passes,
    releases: releases::Releases,
    mail: mail::Mail,
    handovers: handover::Handovers,
    /// The current shift's work, for its handover record.
    work: ShiftWork,
}

/// Where decisions of one event go.
pub(crate) struct Out<'a> {
    event: EventId,
    at: Timestamp,
    list: &'a mut Vec<DeskDecision>,
}

impl Out<'_> {
    fn push(&mut self, rules: Rules, what: DeskWhat) {
        self.list.push(DeskDecision {
            event: self.event,
            at: self.at,
            rules,
            what,
        });
    }
}

/// A handler's rejection: what and which field.
pub(crate) struct Reject {
    kind: DeskErrorKind,
    field: &'static str,
}

impl Reject {
    fn at(kind: DeskErrorKind, field: &'static str) -> Reject {
        Reject { kind, field }
    }
}

impl From<DeskErrorKind> for Reject {
    fn from(kind: DeskErrorKind) -> Reject {
        Reject {
            field: kind.field(),
            kind,
        }
    }
}

impl DeskState {
    /// The desk before any event, under `policy`. Check the policy first
    /// with [`DeskPolicy::validate`]: a request the policy cannot route
    /// (no route for its kind, or a route to a department it does not
    /// list) is rejected with [`DeskErrorKind::Unrouted`].
    pub fn new(policy: DeskPolicy) -> DeskState {
        DeskState {
            policy,
            last: None,
            residents: Default::default(),
            requests: Default::default(),
            passes: Default::default(),
            releases: Default::default(),
            mail: Default::default(),
            handovers: Default::default(),
            work: ShiftWork::default(),
        }
    }

    /// The policy in force.
    pub fn policy(&self) -> &DeskPolicy {
        &self.policy
    }

    /// The id of the last event applied.
    pub fn last_event(&self) -> Option<EventId> {
        self.last.as_ref().map(|e| e.id)
    }

    /// What the current shift has done since the last handover record.
    pub fn shift_work(&self) -> ShiftWork {
        self.work
    }

    /// Applies one event and returns the decisions it triggered.
    ///
    /// The last event again, identical, is a no-op: no decision, nothing
    /// changed. A refusal (an expired pass, goods without the owner's
    /// word, a handover not yet clear) is a decision, not an error: it
    /// happened at the desk and is recorded.
    ///
    /// # Errors
    /// A [`DeskError`] naming the event and the field at fault, with the
    /// state exactly as before: the last id again with other content, an
    /// id below it, a time before the previous event's, an id already used
    /// (`RequestExists`, `PassExists` ...), a reference to something never
    /// recorded (`UnknownRequest`, `UnknownRelease`, `UnknownResident`), a
    /// step out of order (done before forwarded, answering a question never
    /// asked, refusing over an item already clear, signing by someone other
    /// than the outgoing, a second handover while one is under way).
    pub fn apply(&mut self, event: &DeskEvent) -> Result<Vec<DeskDecision>, DeskError> {
        let mut out = Vec::new();
        self.apply_into(event, &mut out)?;
        Ok(out)
    }

    /// [`DeskState::apply`], appending to `decisions` (left as it was on
    /// error).
    ///
    /// # Errors
    /// As [`DeskState::apply`].
    pub fn apply_into(
        &mut self,
        event: &DeskEvent,
        decisions: &mut Vec<DeskDecision>,
    ) -> Result<(), DeskError> {
        let tag = event.kind.tag();
        let fail = |r: Reject| DeskError {
            event: event.id,
            tag,
            field: r.field,
            kind: r.kind,
        };
        if let Some(last) = &self.last {
            if event.id == last.id {
                return if event == last {
                    Ok(())
                } else {
                    Err(fail(DeskErrorKind::ConflictingRetry.into()))
                };
            }
            if event.id < last.id {
                return Err(fail(
                    DeskErrorKind::IdNotIncreasing { last: last.id }.into(),
                ));
            }
            if event.at < last.at {
                return Err(fail(
                    DeskErrorKind::TimeBackwards { previous: last.at }.into(),
                ));
            }
        }
        let mark = decisions.len();
        let mut out = Out {
            event: event.id,
            at: event.at,
            list: decisions,
        };
        // Every handler checks the event whole before it changes anything,
        // so an error leaves the state as it was.
        let result = self.dispatch(&event.kind, &mut out);
        match result {
            Ok(()) => {
                self.last = Some(event.clone());
                Ok(())
            }
            Err(r) => {
                decisions.truncate(mark);
                Err(fail(r))
            }
        }
    }

    fn dispatch(&mut self, kind: &DeskEventKind, out: &mut Out) -> Result<(), Reject> {
        use DeskEventKind as E;
        match kind {
            E::Resident(e) => self.resident_in(e, out),
            E::ResidentLeft(e) => self.resident_left(e, out),
            E::Request(e) => self.take_request(e, out),
            E::Forward(e) => self.forward(e, out),
            E::Done(e) => self.report_done(e, out),
            E::Satisfied(e) => self.satisfied(e, out),
            E::IssuePass(e) => self.issue_pass(e, out),
            E::RevokePass(e) => self.revoke_pass(e, out),
            E::CheckPass(e) => self.check_pass(e, out),
            E::ReleaseRequest(e) => self.release_request(e, out),
            E::OwnerConfirm(e) => self.owner_confirm(e, out),
            E::Release(e) => self.release(e, out),
            E::MailIn(e) => self.mail_in(e, out),
            E::MailOut(e) => self.mail_out(e, out),
            E::Handover(e) => self.handover(e, out),
            E::HandoverRead(e) => self.handover_read(e, out),
            E::HandoverCheck(e) => self.handover_check(e, out),
            E::HandoverQuestion(e) => self.handover_question(e, out),
            E::HandoverAnswer(e) => self.handover_answer(e, out),
            E::HandoverRefuse(e) => self.handover_refuse(e, out),
            E::HandoverResolve(e) => self.handover_resolve(e, out),
            E::HandoverComplete(e) => self.handover_complete(e, out),
            E::HandoverSign(e) => self.handover_sign(e, out),
            E::Review(e) => self.review(e, out),
        }
    }

    /// Applies `events` in order after this state.
    ///
    /// # Errors
    /// A [`DeskReplayError`] at the first event that cannot be applied,
    /// holding the state and decisions just before it.
    pub fn resume<I>(mut self, events: I) -> Result<DeskReplay, Box<DeskReplayError>>
    where
        I: IntoIterator,
        I::Item: Borrow<DeskEvent>,
    {
        let mut decisions = Vec::new();
        for e in events {
            if let Err(error) = self.apply_into(e.borrow(), &mut decisions) {
                return Err(Box::new(DeskReplayError {
                    state: self,
                    decisions,
                    error,
                }));
            }
        }
        Ok(DeskReplay {
            state: self,
            decisions,
        })
    }
}

/// The outcome of a desk replay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeskReplay {
    /// The state after the last event.
    pub state: DeskState,
    /// The decisions, in order.
    pub decisions: Vec<DeskDecision>,
}

/// A desk replay stopped at an event it could not apply; nothing before it
/// is lost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeskReplayError {
    /// The state just before the failing event.
    pub state: DeskState,
    /// The decisions up to it.
    pub decisions: Vec<DeskDecision>,
    /// Why it failed.
    pub error: DeskError,
}

impl std::fmt::Display for DeskReplayError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.error.fmt(f)
    }
}

impl std::error::Error for DeskReplayError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

/// Replays a desk log from the start under `policy`. Equal to applying
/// each event with [`DeskState::apply`] in turn.
///
/// # Errors
/// A [`DeskReplayError`] at the first event that cannot be applied (see
/// [`DeskState::apply`]), holding the state and decisions just before it.
pub fn replay<I>(policy: &DeskPolicy, events: I) -> Result<DeskReplay, Box<DeskReplayError>>
where
    I: IntoIterator,
    I::Item: Borrow<DeskEvent>,
{
    DeskState::new(policy.clone()).resume(events)
}

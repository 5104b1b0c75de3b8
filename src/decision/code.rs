//! A stable code per kind of decision (`"queue.received"`), for programs
//! that react to decisions without parsing sentences, and `Display`: the
//! English explanation. Codes never change once published; a new kind of
//! decision gets a new code. A code is the part of the engine that decides
//! (`queue`, `client`, `deal`, `engine`), then the kind as the decision's
//! serialised form tags it (`received`; a roster change adds its own tag,
//! `queue.roster.signed_in`).

use std::fmt;

use super::{ClientDecision, DealDecision, Decision, Lang, RosterChange, What};

/// One `match` from variant to code, and the list of every code, from one
/// table, so the two cannot drift apart. `Variant { .. }` matches unit,
/// tuple and struct variants alike.
macro_rules! codes {
    ($ty:ident { $($v:ident => $code:literal,)* }) => {
        impl $ty {
            /// Every code of this kind, in declaration order.
            pub const CODES: &'static [&'static str] = &[$($code),*];

            /// The stable code of this kind of decision.
            pub const fn code(&self) -> &'static str {
                match self { $($ty::$v { .. } => $code,)* }
            }
        }
    };
}

codes!(ClientDecision {
    Owned => "client.owned",
    Registered => "client.registered",
    Invalid => "client.invalid",
    DuplicateFlagged => "client.duplicate_flagged",
    DuplicateResolved => "client.duplicate_resolved",
    OwnerChanged => "client.owner_changed",
    Pooled => "client.pooled",
    Unowned => "client.unowned",
    FollowedUp => "client.followed_up",
    HouseholdLinked => "client.household_linked",
    ConsentGiven => "client.consent_given",
    ReceivedWithoutConsent => "client.received_without_consent",
    CallAwaitsConfirmation => "client.call_awaits_confirmation",
    CallConfirmed => "client.call_confirmed",
    ReregistrationApproved => "client.reregistration_approved",
    IdentityConfirmed => "client.identity_confirmed",
    Identified => "client.identified",
    NameCandidates => "client.name_candidates",
    TreatedAsNew => "client.treated_as_new",
});

codes!(DealDecision {
    Opened => "deal.opened",
    Credited => "deal.credited",
    ClaimFlagged => "deal.claim_flagged",
    ObjectionAccepted => "deal.objection_accepted",
    ObjectionRejected => "deal.objection_rejected",
    Confiscated => "deal.confiscated",
    Signed => "deal.signed",
    Earned => "deal.earned",
    Cancelled => "deal.cancelled",
    ClawedBack => "deal.clawed_back",
    RegisterTaken => "deal.register_taken",
    RulingDepartsFromRegister => "deal.ruling_departs_from_register",
});

codes!(RosterChange {
    SignedIn => "queue.roster.signed_in",
    SignedOut => "queue.roster.signed_out",
    ShiftOn => "queue.roster.shift_on",
    ShiftOff => "queue.roster.shift_off",
    Suspended => "queue.roster.suspended",
    Reinstated => "queue.roster.reinstated",
    Away => "queue.roster.away",
    Back => "queue.roster.back",
});

/// [`What::code`] and the list of [`What`]'s own codes from one table; a
/// roster change, a client decision and a deal decision take the code of
/// what they hold. A new kind of decision is one line here.
macro_rules! what_codes {
    ($($v:ident => $code:literal,)*) => {
        const WHAT_CODES: &[&str] = &[$($code),*];

        impl What {
            /// The stable code of this kind of decision: `"queue.received"`,
            /// `"queue.roster.signed_in"`, `"client.owned"`, `"deal.opened"`.
            /// The part before the first dot says which part of the engine made it;
            /// the last part is the kind's tag in the serialised decision.
            ///
            /// ```
            /// use anchang::{replay, Event, Policy, Timestamp, What};
            /// use anchang::event::{Arrive, SignIn};
            ///
            /// let at: Timestamp = "2026-03-02T09:00:00".parse().unwrap();
            /// let log = [
            ///     Event::new(1, at, SignIn { agent: "Li".parse().unwrap() }),
            ///     Event::new(2, at, Arrive::walk_in("v1".parse().unwrap())),
            /// ];
            /// let day = replay(&Policy::p1(), &log).unwrap();
            /// let codes: Vec<&str> = day.decisions.iter().map(|d| d.what.code()).collect();
            /// assert_eq!(codes, ["queue.roster.signed_in", "queue.received"]);
            /// assert!(What::all_codes().any(|c| c == "client.owned"));
            /// ```
            pub const fn code(&self) -> &'static str {
                match self {
                    $(What::$v { .. } => $code,)*
                    What::Roster { change, .. } => change.code(),
                    What::Client(c) => c.code(),
                    What::Deal(d) => d.code(),
                }
            }
        }
    };
}

what_codes! {
    Received => "queue.received",
    PassedOver => "queue.passed_over",
    MakeUpGranted => "queue.make_up_granted",
    MakeUpUsed => "queue.make_up_used",
    MakeUpWaits => "queue.make_up_waits",
    MakeUpLapsed => "queue.make_up_lapsed",
    Greeted => "queue.greeted",
    Waits => "queue.waits",
    LeftUnserved => "queue.left_unserved",
    Ended => "queue.ended",
    Declined => "queue.declined",
    TakenOver => "queue.taken_over",
    Recorded => "queue.recorded",
    Paused => "queue.paused",
    Reordered => "queue.reordered",
    RotationCarried => "queue.rotation_carried",
    NewDay => "engine.new_day",
    PolicyChanged => "engine.policy_changed",
    ActedWhileSuspended => "engine.acted_while_suspended",
    Ignored => "engine.ignored",
}

impl What {
    /// Every code a decision can have, each once.
    pub fn all_codes() -> impl Iterator<Item = &'static str> {
        WHAT_CODES
            .iter()
            .chain(RosterChange::CODES)
            .chain(ClientDecision::CODES)
            .chain(DealDecision::CODES)
            .copied()
    }
}

impl Decision {
    /// The stable code of its kind ([`What::code`]).
    pub const fn code(&self) -> &'static str {
        self.what.code()
    }
}

impl fmt::Display for Decision {
    /// The English explanation, rules first ([`Decision::explain`] with
    /// [`Lang::En`]); `explain(Lang::Zh)` gives the Chinese.
    ///
    /// ```
    /// use anchang::{replay, Event, Lang, Policy, Timestamp};
    /// use anchang::event::SignIn;
    ///
    /// let at: Timestamp = "2026-03-02T09:00:00".parse().unwrap();
    /// let day = replay(&Policy::p1(), [Event::new(1, at, SignIn { agent: "Li".parse().unwrap() })]).unwrap();
    /// let d = &day.decisions[0];
    /// assert_eq!(d.to_string(), d.explain(Lang::En));
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.explain(Lang::En))
    }
}

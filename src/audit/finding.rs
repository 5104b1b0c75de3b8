//! What an audit finds: a typed kind, its rules, and a sentence in Chinese
//! and English. A finding names agents and visitors by their log ids and
//! clients by registration id only: never a name or a phone (P1-20, P3-18).

use crate::decision::render::day;
use crate::event::Channel;
use crate::policy::Placement;
use crate::{rules, AgentId, Date, EventId, Lang, Rules, Timestamp, VisitorId};

/// One finding: what, when, on which event, under which rules.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Finding {
    /// When it happened (`None` for a line refused before any event
    /// gave the log a time).
    pub at: Option<Timestamp>,
    /// The event that shows it.
    pub event: EventId,
    /// The rules it breaks, most decisive first.
    pub rules: Rules,
    /// What was found.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub kind: FindingKind,
}

/// What an audit can find.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(tag = "finding", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum FindingKind {
    /// `agent` received a visitor the rotation gave `prescribed`: not
    /// received by the rules (P1-6, P2-3.7). The turn is forfeited only
    /// when the reception used one (`forfeited`): taking a visitor left
    /// waiting, or one the agent was owed, costs no turn.
    OutOfTurn {
        /// Who received it.
        agent: AgentId,
        /// Whose turn it was.
        prescribed: AgentId,
        /// The visitor.
        visitor: VisitorId,
        /// Whether `agent`'s turn was forfeited for it, with no make-up.
        forfeited: bool,
    },
    /// `agent` received `owner`'s registered client without its consent (P1-10).
    OthersClient {
        /// Who received it.
        agent: AgentId,
        /// The client's own agent.
        owner: AgentId,
        /// The visitor.
        visitor: VisitorId,
    },
    /// A reception with no registration record: void (P2-1.1; where the
    /// policy says so, a call's details also need the manager's
    /// confirmation, P2-3.5).
    Unrecorded {
        /// Who received it.
        agent: AgentId,
        /// The visitor.
        visitor: VisitorId,
        /// Visit or call.
        channel: Channel,
        /// Whether the policy wants a call confirmed by the manager
        /// (`Policy::call_needs_confirmation`); always false for a visit.
        needs_confirmation: bool,
    },
    /// An off-shift agent received a new client without the manager's
    /// assignment (P3-1).
    OffShift {
        /// Who received it.
        agent: AgentId,
        /// The visitor.
        visitor: VisitorId,
    },
    /// `agent` received `visitor` while already receiving `with` (P1-7).
    WhileBusy {
        /// Who received it.
        agent: AgentId,
        /// The new visitor.
        visitor: VisitorId,
        /// The visitor it was already with.
        with: VisitorId,
    },
    /// A make-up owed to `agent` was never given (P2-3.10, P2-3.11, P3-1):
    /// it lapsed (sign-out or a new day), or, `still_owed`, the record
    /// ends with it still owed.
    MakeUpNeverGiven {
        /// The agent owed it.
        agent: AgentId,
        /// Where it would have been taken.
        placement: Placement,
        /// Still owed when the record ends (not lapsed).
        still_owed: bool,
    },
    /// `agent` received as its own a client whose protection had lapsed:
    /// it was a new client for the rotation (the policy's lapse rules:
    /// P2-2.13, or P3-16, P3-19).
    LapsedAsOwned {
        /// Who received it.
        agent: AgentId,
        /// Whose turn it was, if anyone's.
        prescribed: Option<AgentId>,
        /// The visitor.
        visitor: VisitorId,
    },
    /// `agent` signs in with `clients` of its clients lapsing within the
    /// audit's warning days, the first on `first_lapse` (the policy's
    /// lapse rules). Where a contact restarts the count (P2-2.13) the
    /// advice is to follow them up; where the term runs from registration
    /// (P3-16, P3-19) it is re-registration with the manager's approval.
    FollowUpsOverdue {
        /// The agent.
        agent: AgentId,
        /// How many clients lapse soon.
        clients: u32,
        /// The first day one of them is no longer protected.
        first_lapse: Date,
        /// Whether a follow-up restarts the protection
        /// (`Policy::contact_restarts`).
        renewable: bool,
    },
    /// The sand-table talk ran `minutes` minutes and `seconds` seconds,
    /// over 5 minutes (P4-3).
    SandTableOverrun {
        /// The agent.
        agent: AgentId,
        /// The visitor.
        visitor: VisitorId,
        /// How long it ran, the whole minutes.
        minutes: u32,
        /// The seconds beyond `minutes` (0 to 59).
        seconds: u32,
    },
    /// No lead source was recorded at welcome (P4-2).
    NoLeadSource {
        /// The agent.
        agent: AgentId,
        /// The visitor.
        visitor: VisitorId,
    },
    /// The visit reached first talk and the client was never registered (P4-4).
    NotRegisteredAtFirstTalk {
        /// The agent.
        agent: AgentId,
        /// The visitor.
        visitor: VisitorId,
    },
    /// A visit ended without a deposit and without a reason or a next
    /// appointment, or both (P4-6).
    NoReasonOrAppointment {
        /// The agent.
        agent: AgentId,
        /// The visitor.
        visitor: VisitorId,
        /// No reason for leaving without a deposit was recorded.
        no_reason: bool,
        /// No next appointment was agreed.
        no_appointment: bool,
    },
    /// The engine refused an event of the log: the audit goes on without
    /// it. `code` is the error's stable code.
    Refused {
        /// The error's code, e.g. `queue.signed_out`.
        code: &'static str,
        /// The 1-based line, when read from JSON Lines.
        line: Option<usize>,
    },
}

impl FindingKind {
    /// The rules the finding cites.
    pub fn rules(&self) -> Rules {
        match self {
            FindingKind::OutOfTurn { .. } => rules![P1_6, P2_3_7],
            FindingKind::OthersClient { .. } => rules![P1_10],
            FindingKind::Unrecorded {
                channel: Channel::Call,
                needs_confirmation: true,
                ..
            } => rules![P2_3_5, P2_1_1],
            FindingKind::Unrecorded { .. } => rules![P2_1_1],
            FindingKind::OffShift { .. } => rules![P3_1],
            FindingKind::WhileBusy { .. } => rules![P1_7],
            FindingKind::MakeUpNeverGiven { .. } => rules![P2_3_10, P3_1],
            FindingKind::LapsedAsOwned { .. } => rules![P2_2_13],
            FindingKind::FollowUpsOverdue { .. } => rules![P2_2_13],
            FindingKind::SandTableOverrun { .. } => rules![P4_3],
            FindingKind::NoLeadSource { .. } => rules![P4_2],
            FindingKind::NotRegisteredAtFirstTalk { .. } => rules![P4_4],
            FindingKind::NoReasonOrAppointment { .. } => rules![P4_6],
            FindingKind::Refused { .. } => Rules::NONE,
        }
    }

    /// A stable code, e.g. `"audit.out_of_turn"`.
    ///
    /// ```
    /// use anchang::audit::FindingKind;
    /// let k = FindingKind::Refused { code: "queue.signed_out", line: Some(3) };
    /// assert_eq!(k.code(), "audit.refused");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            FindingKind::OutOfTurn { .. } => "audit.out_of_turn",
            FindingKind::OthersClient { .. } => "audit.others_client",
            FindingKind::Unrecorded { .. } => "audit.unrecorded",
            FindingKind::OffShift { .. } => "audit.off_shift",
            FindingKind::WhileBusy { .. } => "audit.while_busy",
            FindingKind::MakeUpNeverGiven { .. } => "audit.make_up_never_given",
            FindingKind::LapsedAsOwned { .. } => "audit.lapsed_as_owned",
            FindingKind::FollowUpsOverdue { .. } => "audit.follow_ups_overdue",
            FindingKind::SandTableOverrun { .. } => "audit.sand_table_overrun",
            FindingKind::NoLeadSource { .. } => "audit.no_lead_source",
            FindingKind::NotRegisteredAtFirstTalk { .. } => "audit.not_registered_at_first_talk",
            FindingKind::NoReasonOrAppointment { .. } => "audit.no_reason_or_appointment",
            FindingKind::Refused { .. } => "audit.refused",
        }
    }

    /// Whether it is about who received a visitor (out of turn, another's
    /// client, off shift, while busy, a lapsed client as owned): a log
    /// whose receptions follow the engine's own has none. `Unrecorded` is
    /// not one: it is about the records kept after a reception.
    pub fn is_reception(&self) -> bool {
        matches!(
            self,
            FindingKind::OutOfTurn { .. }
                | FindingKind::OthersClient { .. }
                | FindingKind::OffShift { .. }
                | FindingKind::WhileBusy { .. }
                | FindingKind::LapsedAsOwned { .. }
        )
    }

    /// The agent concerned, if any.
    pub fn agent(&self) -> Option<AgentId> {
        match self {
            FindingKind::OutOfTurn { agent, .. }
            | FindingKind::OthersClient { agent, .. }
            | FindingKind::Unrecorded { agent, .. }
            | FindingKind::OffShift { agent, .. }
            | FindingKind::WhileBusy { agent, .. }
            | FindingKind::MakeUpNeverGiven { agent, .. }
            | FindingKind::LapsedAsOwned { agent, .. }
            | FindingKind::FollowUpsOverdue { agent, .. }
            | FindingKind::SandTableOverrun { agent, .. }
            | FindingKind::NoLeadSource { agent, .. }
            | FindingKind::NotRegisteredAtFirstTalk { agent, .. }
            | FindingKind::NoReasonOrAppointment { agent, .. } => Some(*agent),
            FindingKind::Refused { .. } => None,
        }
    }
}

impl Finding {
    /// The stable code of its kind.
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    /// What was found and why it matters, in `lang`, the rules cited.
    pub fn message(&self, lang: Lang) -> String {
        let text = sentence(&self.kind, lang);
        if self.rules.as_slice().is_empty() {
            return text;
        }
        match lang {
            Lang::Zh => format!("{text}（{}）", self.rules),
            _ => format!("{text} ({})", self.rules),
        }
    }
}

fn sentence(kind: &FindingKind, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match kind {
        FindingKind::OutOfTurn {
            agent,
            prescribed,
            visitor,
            forfeited,
        } => match (zh, forfeited) {
            (true, true) => format!("{agent} 接待了本应由 {prescribed} 接待的 {visitor}，属不按规则接待，{agent} 视作轮空一次，不再补接"),
            (true, false) => format!("{agent} 接待了本应由 {prescribed} 接待的 {visitor}，属不按规则接待"),
            (false, true) => format!("{agent} received {visitor}, whom the rotation gave {prescribed}, against the rules: {agent} forfeits a turn, with no make-up"),
            (false, false) => format!("{agent} received {visitor}, whom the rotation gave {prescribed}, against the rules"),
        },
        FindingKind::OthersClient { agent, owner, visitor } => if zh {
            format!("{agent} 未先联络 {owner} 并征得同意即接待其已登记客户 {visitor}")
        } else {
            format!("{agent} received {owner}'s registered client {visitor} without first contacting {owner} for consent")
        },
        FindingKind::Unrecorded { agent, visitor, channel: Channel::Call, needs_confirmation: true } => if zh {
            format!("{agent} 接听的来电 {visitor} 未记录客户基本信息或未经专案经理确认，视同无效接待")
        } else {
            format!("{agent}'s call {visitor} has no recorded client details confirmed by the manager: a void reception")
        },
        FindingKind::Unrecorded { agent, visitor, channel: Channel::Call, .. } => if zh {
            format!("{agent} 接听的来电 {visitor} 未记录客户基本信息，视同无效接待")
        } else {
            format!("{agent}'s call {visitor} has no recorded client details: a void reception")
        },
        FindingKind::Unrecorded { agent, visitor, .. } => if zh {
            format!("{agent} 接待 {visitor} 没有来人登记记录，属无效接待")
        } else {
            format!("{agent} received {visitor} with no visitor-log record: a void reception")
        },
        FindingKind::OffShift { agent, visitor } => if zh {
            format!("{agent} 不当班，未经项目经理指派接待了新客户 {visitor}")
        } else {
            format!("{agent}, off shift, received the new client {visitor} without the project manager's assignment")
        },
        FindingKind::WhileBusy { agent, visitor, with } => if zh {
            format!("{agent} 中断接待 {with}，转接 {visitor}")
        } else {
            format!("{agent} broke off receiving {with} to receive {visitor}")
        },
        FindingKind::MakeUpNeverGiven { agent, still_owed: false, .. } => if zh {
            format!("{agent} 应得的补接未兑现，已因签退或换日作废")
        } else {
            format!("the make-up owed to {agent} was never given: it lapsed at a sign-out or a new day")
        },
        FindingKind::MakeUpNeverGiven { agent, .. } => if zh {
            format!("{agent} 应得的补接截至记录结束仍未补接")
        } else {
            format!("the make-up owed to {agent} was still not given when the record ends")
        },
        FindingKind::LapsedAsOwned { agent, prescribed, visitor } => match (prescribed, zh) {
            (Some(p), true) => format!("{visitor} 的客户保护期已过，应作新客户由 {p} 按轮序接待，{agent} 却当作自己的老客户接待"),
            (None, true) => format!("{visitor} 的客户保护期已过，应作新客户接待，{agent} 却当作自己的老客户接待"),
            (Some(p), false) => format!("{visitor}'s protection had lapsed, so it was a new client for {p} in turn; {agent} received it as its own"),
            (None, false) => format!("{visitor}'s protection had lapsed, so it was a new client; {agent} received it as its own"),
        },
        FindingKind::FollowUpsOverdue { agent, clients, first_lapse, renewable } => {
            let d = day(*first_lapse, lang);
            match (zh, renewable) {
                (true, true) => format!("{agent} 签到上岗时有 {clients} 位客户即将失去保护，最早 {d} 起视为新客户，请尽快跟进"),
                (true, false) => format!("{agent} 签到上岗时有 {clients} 位客户登记即将到期，最早 {d} 起视为新客户，到期后须经项目经理认可重新登记"),
                (false, true) => format!("{agent} signed in with {clients} client(s) about to lose protection, the first a new client from {d}: follow them up soon"),
                (false, false) => format!("{agent} signed in with {clients} client(s) whose registration is about to expire, the first a new client from {d}: after it they must be registered again with the project manager's approval"),
            }
        }
        FindingKind::SandTableOverrun { agent, visitor, minutes, seconds } => if zh {
            format!("{agent} 为 {visitor} 讲解沙盘用时 {minutes}分{seconds}秒，超过 5 分钟（沙盘讲解应控制在5分钟以内）")
        } else {
            format!("{agent}'s sand-table talk with {visitor} took {minutes} min {seconds} s, over 5 minutes (a sand-table talk should stay within 5 minutes)")
        },
        FindingKind::NoLeadSource { agent, visitor } => if zh {
            format!("{agent} 迎接 {visitor} 时没有询问并记录来访渠道")
        } else {
            format!("{agent} recorded no lead source when welcoming {visitor}")
        },
        FindingKind::NotRegisteredAtFirstTalk { agent, visitor } => if zh {
            format!("{agent} 与 {visitor} 已初步洽谈，却没有登记客户")
        } else {
            format!("{agent} held a first talk with {visitor} but never registered the client")
        },
        FindingKind::NoReasonOrAppointment { agent, visitor, no_reason, no_appointment } => {
            let (zh_what, en_what) = match (no_reason, no_appointment) {
                (true, true) => ("未记录未下定原因，也未约定下次看房时间", "no reason and no next appointment"),
                (true, false) => ("未记录未下定原因", "no reason"),
                _ => ("未约定下次看房时间", "no next appointment"),
            };
            if zh {
                format!("{visitor} 未下定离开，{agent} {zh_what}")
            } else {
                format!("{visitor} left without a deposit and {agent} recorded {en_what}")
            }
        }
        FindingKind::Refused { code, line } => match (line, zh) {
            (Some(l), true) => format!("第 {l} 行无法处理（{code}），已跳过，审计继续"),
            (None, true) => format!("有一条事件无法处理（{code}），已跳过，审计继续"),
            (Some(l), false) => format!("line {l} could not be applied ({code}); the audit went on without it"),
            (None, false) => format!("an event could not be applied ({code}); the audit went on without it"),
        },
    }
}

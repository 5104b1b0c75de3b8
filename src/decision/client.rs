//! Decisions of the client registry. They name clients, agents and
//! visitors by id only, never by name or phone (P1-20, P3-18).

use crate::event::SwitchReason;
use crate::person::PhoneProblem;
use crate::{AgentId, ClientId, Date, EventId, Lang, VisitorId};

/// The most clients [`ClientDecision::NameCandidates`] lists: the latest
/// registrations of the name; the rest are counted, not copied.
pub const NAME_CANDIDATES_LISTED: usize = 8;

/// One of the three facts a registration needs to be valid (P2-2.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Fact {
    /// The client's name.
    Name,
    /// A full name: only a caller may give a surname alone.
    FullName,
    /// The client's gender.
    Gender,
    /// At least one phone number that can be one.
    Phone,
    /// Basic needs.
    Needs,
}

/// A fact a registration lacks, and for a phone, why the numbers given do
/// not count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Missing {
    /// The fact.
    pub fact: Fact,
    /// For [`Fact::Phone`] when numbers were given: why the first cannot be one.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub problem: Option<PhoneProblem>,
}

/// Why a client waits in the manager's pool instead of having an owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "pool", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum PoolReason {
    /// Its agent left the site or the company (P2-2.11).
    Departed {
        /// The agent who left.
        agent: AgentId,
    },
    /// The company designated it a relation client (P2-2.6).
    Designated,
    /// A lead from a housing expo, assigned afterwards (P2-2.12).
    Expo,
}

/// Why an agent holds a client: the reason of each entry of the ownership
/// trail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "why", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum OwnReason {
    /// It received the new client first (首问负责制, P2-2.2).
    FirstContact,
    /// The client named it at first contact (relation client, P2-2.5).
    NamedAtFirstContact,
    /// An old client brought the new client and named it (P2-2.8).
    BroughtByOldClient,
    /// It pre-registered the client with the manager's knowledge (P2-2.8).
    PreRegistered,
    /// An expo lead who named it (P2-2.12).
    ExpoNamed,
    /// A correction made the registration valid (P2-1.1).
    Corrected,
    /// Registered again after its registration lapsed (P2-2.13, P3-19).
    Reregistered,
    /// The manager switched the client's agent (P1-17, P2-2.5, P2-2.9).
    Switched {
        /// Why.
        reason: SwitchReason,
    },
    /// The manager gave a pooled client to it (P2-2.6, P2-2.11, P2-2.12).
    Reassigned {
        /// Why the client was pooled.
        pool: PoolReason,
        /// The agent the engine's round-robin proposed, if any.
        proposed: Option<AgentId>,
    },
    /// A family member was registered first by it (P2-2.10).
    Household {
        /// The member registered first.
        first: ClientId,
    },
    /// It signed the contract of a client who bought (P2-2.7).
    ContractSigner,
    /// The manager found a flagged duplicate to be another person (P3-15).
    NotADuplicate,
}

/// How the registry recognised an arriving visitor (P2-3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum IdentifiedBy {
    /// The host named the client on the arrival.
    Host,
    /// A `confirm_identity` event named it beforehand.
    Confirmed,
    /// The phone number it gave (normalised).
    Phone,
}

/// A decision about a client's registration or ownership.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(tag = "client_decision", rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum ClientDecision {
    /// A client now belongs to an agent (its first owner; the trail says why).
    Owned {
        /// The client.
        client: ClientId,
        /// Its agent.
        agent: AgentId,
    },
    /// An entry of the register (P2-1.2): numbered in registration order.
    Registered {
        /// The client.
        client: ClientId,
        /// The agent who registers.
        agent: AgentId,
        /// The client's registration number.
        number: u32,
        /// The registration this one corrects (P2-1.1), if any.
        corrects: Option<EventId>,
    },
    /// The registration lacks facts (P2-2.1): kept, but owns nothing.
    Invalid {
        /// The client.
        client: ClientId,
        /// What is missing.
        missing: Vec<Missing>,
    },
    /// The registration crosses an earlier one (the same phone): the earlier
    /// wins and this one is flagged for the manager, not merged (P3-15).
    DuplicateFlagged {
        /// The later registration.
        client: ClientId,
        /// The earlier one.
        of: ClientId,
    },
    /// The manager resolved a flagged or found duplicate (P3-15, P2-2.10).
    DuplicateResolved {
        /// The registration that stands.
        client: ClientId,
        /// The other registration.
        duplicate: ClientId,
        /// Whether they are one person (else two, each its own client).
        same_person: bool,
    },
    /// A client changed owner.
    OwnerChanged {
        /// The client.
        client: ClientId,
        /// Its agent before, if it had one (not in the pool).
        from: Option<AgentId>,
        /// Its agent now.
        to: AgentId,
        /// Why.
        reason: OwnReason,
    },
    /// A client went to the manager's pool, awaiting a `reassign`.
    Pooled {
        /// The client.
        client: ClientId,
        /// Its agent before, if any.
        from: Option<AgentId>,
        /// Why.
        reason: PoolReason,
        /// The next agent of the round-robin, if the rule assigns in
        /// round-robin (P2-2.6, P2-2.11).
        proposed: Option<AgentId>,
    },
    /// A correction made an owned registration invalid: it owns nothing.
    Unowned {
        /// The client.
        client: ClientId,
        /// Its agent before.
        from: AgentId,
    },
    /// A follow-up contact was recorded (P2-2.13).
    FollowedUp {
        /// The client.
        client: ClientId,
        /// The agent.
        agent: AgentId,
        /// The last day of protection after it, if the registration lapses.
        until: Option<Date>,
    },
    /// Two clients are one household (P2-2.10, P3-3).
    HouseholdLinked {
        /// One member.
        client: ClientId,
        /// The other.
        other: ClientId,
        /// Whether they are spouses (P3-3).
        spouse: bool,
    },
    /// The owner consented to another agent receiving its client (P1-10).
    ConsentGiven {
        /// The client.
        client: ClientId,
        /// The owner who consents, if the client has one.
        owner: Option<AgentId>,
        /// The agent allowed to receive.
        receiver: AgentId,
    },
    /// An agent received another agent's client without its consent (P1-10).
    ReceivedWithoutConsent {
        /// The client.
        client: ClientId,
        /// Its owner.
        owner: AgentId,
        /// The agent who received.
        agent: AgentId,
    },
    /// A client registered by call owns nothing until the manager confirms
    /// its recorded details (P2-3.5: until then a void reception): no owner,
    /// no claim, and a visit of it is a new visitor.
    CallAwaitsConfirmation {
        /// The client.
        client: ClientId,
        /// The agent who took the call.
        agent: AgentId,
    },
    /// The manager confirmed a call's recorded details (P2-3.5).
    CallConfirmed {
        /// The client.
        client: ClientId,
    },
    /// The manager approved registering a lapsed client again (P3-19).
    ReregistrationApproved {
        /// The client.
        client: ClientId,
    },
    /// The host confirmed that a visitor is a registered client (P2-3.1).
    IdentityConfirmed {
        /// The visitor.
        visitor: VisitorId,
        /// The client.
        client: ClientId,
    },
    /// An arriving visitor is a registered client, routed to its owner.
    Identified {
        /// The visitor.
        visitor: VisitorId,
        /// The client.
        client: ClientId,
        /// Its owner.
        owner: AgentId,
        /// How it was recognised.
        by: IdentifiedBy,
    },
    /// An arriving visitor's name matches registered clients: only
    /// candidates, never routed by name alone; a `confirm_identity` decides.
    /// This is the crate's reading of P2-3.1: a client may identify itself
    /// by name or by mobile number, but a name is not unique, so only the
    /// number (or the host's confirmation) routes the visitor.
    NameCandidates {
        /// The visitor.
        visitor: VisitorId,
        /// The latest clients of that name (at most
        /// [`NAME_CANDIDATES_LISTED`]), in registration order.
        clients: Vec<ClientId>,
        /// How many earlier clients of that name are not listed: a common
        /// full name may be registered hundreds of times in an office, and
        /// the host confirms by asking, not by reading them all
        /// ([`Registry::candidates_by_name`](crate::registry::Registry::candidates_by_name)
        /// lists every one).
        #[cfg_attr(feature = "serde", serde(default))]
        more: u32,
    },
    /// An arriving registered client whose protection lapsed (or whose
    /// registration is invalid or pooled): received as a new client.
    TreatedAsNew {
        /// The visitor.
        visitor: VisitorId,
        /// The client.
        client: ClientId,
        /// Its last agent, if any.
        last_agent: Option<AgentId>,
    },
}

impl ClientDecision {
    /// The agent chiefly concerned.
    pub fn agent(&self) -> Option<AgentId> {
        match self {
            ClientDecision::Owned { agent, .. }
            | ClientDecision::Registered { agent, .. }
            | ClientDecision::FollowedUp { agent, .. }
            | ClientDecision::CallAwaitsConfirmation { agent, .. }
            | ClientDecision::ReceivedWithoutConsent { agent, .. } => Some(*agent),
            ClientDecision::OwnerChanged { to, .. } => Some(*to),
            ClientDecision::Pooled { proposed, .. } => *proposed,
            ClientDecision::Unowned { from, .. } => Some(*from),
            ClientDecision::ConsentGiven { receiver, .. } => Some(*receiver),
            ClientDecision::Identified { owner, .. } => Some(*owner),
            ClientDecision::TreatedAsNew { last_agent, .. } => *last_agent,
            _ => None,
        }
    }

    /// The client chiefly concerned, if one.
    pub fn client(&self) -> Option<ClientId> {
        match self {
            ClientDecision::Owned { client, .. }
            | ClientDecision::Registered { client, .. }
            | ClientDecision::Invalid { client, .. }
            | ClientDecision::DuplicateFlagged { client, .. }
            | ClientDecision::DuplicateResolved { client, .. }
            | ClientDecision::OwnerChanged { client, .. }
            | ClientDecision::Pooled { client, .. }
            | ClientDecision::Unowned { client, .. }
            | ClientDecision::FollowedUp { client, .. }
            | ClientDecision::HouseholdLinked { client, .. }
            | ClientDecision::ConsentGiven { client, .. }
            | ClientDecision::ReceivedWithoutConsent { client, .. }
            | ClientDecision::CallAwaitsConfirmation { client, .. }
            | ClientDecision::CallConfirmed { client }
            | ClientDecision::ReregistrationApproved { client }
            | ClientDecision::IdentityConfirmed { client, .. }
            | ClientDecision::Identified { client, .. }
            | ClientDecision::TreatedAsNew { client, .. } => Some(*client),
            ClientDecision::NameCandidates { .. } => None,
        }
    }
}

impl Fact {
    /// The fact in words.
    pub fn describe(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Fact::Name, Lang::Zh) => "姓名",
            (Fact::FullName, Lang::Zh) => "全名(来访客户不可只留姓氏)",
            (Fact::Gender, Lang::Zh) => "性别",
            (Fact::Phone, Lang::Zh) => "联系电话",
            (Fact::Needs, Lang::Zh) => "需求基本信息",
            (Fact::Name, Lang::En) => "name",
            (Fact::FullName, Lang::En) => "full name (only a caller may give a surname)",
            (Fact::Gender, Lang::En) => "gender",
            (Fact::Phone, Lang::En) => "phone",
            (Fact::Needs, Lang::En) => "needs",
        }
    }
}

fn phone_problem(p: PhoneProblem, lang: Lang) -> String {
    match (p, lang) {
        (PhoneProblem::Empty, Lang::Zh) => "没有数字".into(),
        (PhoneProblem::BadCharacter, Lang::Zh) => "含非数字字符".into(),
        (PhoneProblem::MobileLength { digits }, Lang::Zh) => {
            format!("手机号应为11位,此号{digits}位")
        }
        (PhoneProblem::LandlineLength { digits }, Lang::Zh) => {
            format!("座机区号后应为7或8位,此号{digits}位")
        }
        (PhoneProblem::InternationalLength { digits }, Lang::Zh) => {
            format!("国际号码应为6至15位,此号{digits}位")
        }
        (PhoneProblem::BadLocal, Lang::Zh) => "座机号不能以0或1开头".into(),
        (p, _) => p.to_string(),
    }
}

impl Missing {
    /// The missing fact in words, with why for a phone.
    pub fn describe(&self, lang: Lang) -> String {
        let fact = self.fact.describe(lang);
        match (self.problem, lang) {
            (Some(p), Lang::Zh) => format!("{fact}({})", phone_problem(p, lang)),
            (Some(p), Lang::En) => format!("{fact} ({})", phone_problem(p, lang)),
            (None, _) => fact.to_owned(),
        }
    }
}

impl PoolReason {
    /// The reason in words.
    pub fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            // 离职 / 调离案场: leaving the site, not 离岗 (stepping away).
            (PoolReason::Departed { agent }, Lang::Zh) => {
                format!("{agent} 调离案场或离职,客户资料移交经理")
            }
            (PoolReason::Departed { agent }, Lang::En) => {
                format!("{agent} left the site or the company and handed its clients over")
            }
            (PoolReason::Designated, Lang::Zh) => "公司指定关系客户".into(),
            (PoolReason::Designated, Lang::En) => "a company-designated relation client".into(),
            (PoolReason::Expo, Lang::Zh) => "房交会意向客户".into(),
            (PoolReason::Expo, Lang::En) => "an expo lead".into(),
        }
    }
}

fn switch_reason(r: SwitchReason, lang: Lang) -> &'static str {
    match (r, lang) {
        (SwitchReason::PoorService, Lang::Zh) => "服务质量问题,原接待人不再分配提成",
        (SwitchReason::Relation, Lang::Zh) => "客户坚持更换为相识的销售人员",
        (SwitchReason::Other, Lang::Zh) => "其它原因,经理决定",
        (SwitchReason::PoorService, Lang::En) => "poor service; the first agent gets no share",
        (SwitchReason::Relation, Lang::En) => "the client insists on an acquaintance",
        (SwitchReason::Other, Lang::En) => "another reason; the manager decides",
    }
}

impl OwnReason {
    /// The reason in words.
    pub fn describe(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            OwnReason::FirstContact if zh => "首问负责制".into(),
            OwnReason::FirstContact => "first contact".into(),
            OwnReason::NamedAtFirstContact if zh => "关系客户首次来访指定".into(),
            OwnReason::NamedAtFirstContact => "named at first contact".into(),
            OwnReason::BroughtByOldClient if zh => "老客户带来并指定".into(),
            OwnReason::BroughtByOldClient => "brought by an old client who named it".into(),
            OwnReason::PreRegistered if zh => "经理知晓的预先登记".into(),
            OwnReason::PreRegistered => "pre-registered with the manager's knowledge".into(),
            OwnReason::ExpoNamed if zh => "房交会客户指定".into(),
            OwnReason::ExpoNamed => "an expo lead who named it".into(),
            OwnReason::Corrected if zh => "重新登记更正后有效".into(),
            OwnReason::Corrected => "valid once corrected".into(),
            OwnReason::Reregistered if zh => "过期后重新登记".into(),
            OwnReason::Reregistered => "registered again after lapsing".into(),
            OwnReason::Switched { reason } => switch_reason(*reason, lang).into(),
            OwnReason::Reassigned { pool, proposed } => match (proposed, zh) {
                (Some(p), true) => format!("经理分配({};按轮流分配建议 {p})", pool.describe(lang)),
                (None, true) => format!("经理分配({})", pool.describe(lang)),
                (Some(p), false) => format!(
                    "assigned by the manager ({}; round-robin proposed {p})",
                    pool.describe(lang)
                ),
                (None, false) => format!("assigned by the manager ({})", pool.describe(lang)),
            },
            OwnReason::Household { first } if zh => format!("家庭成员,以最先登记的 {first} 为准"),
            OwnReason::Household { first } => {
                format!("a household member; {first} was registered first")
            }
            OwnReason::ContractSigner if zh => "已成交客户归合同签订者".into(),
            OwnReason::ContractSigner => "a buyer belongs to the contract signer".into(),
            OwnReason::NotADuplicate if zh => "经理确认非重复登记".into(),
            OwnReason::NotADuplicate => "the manager found it is not a duplicate".into(),
        }
    }
}

fn list(missing: &[Missing], lang: Lang) -> String {
    let sep = if lang == Lang::Zh { "、" } else { ", " };
    missing
        .iter()
        .map(|m| m.describe(lang))
        .collect::<Vec<_>>()
        .join(sep)
}

impl ClientDecision {
    /// The decision in words (ids only, never names or phones).
    pub fn describe(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            ClientDecision::Owned { client, agent } if zh => format!("{client} 归属 {agent}"),
            ClientDecision::Owned { client, agent } => format!("{client} belongs to {agent}"),
            ClientDecision::Registered {
                client,
                agent,
                number,
                corrects,
            } => match (corrects, zh) {
                (None, true) => format!("{agent} 登记 {client},登记序号 {number}"),
                (None, false) => format!("{agent} registers {client}, number {number}"),
                (Some(e), true) => format!("{agent} 重新登记 {client} 更正 {e}"),
                (Some(e), false) => format!("{agent} registers {client} again, correcting {e}"),
            },
            ClientDecision::Invalid { client, missing } if zh => {
                format!("{client} 为无效客户,缺:{}", list(missing, lang))
            }
            ClientDecision::Invalid { client, missing } => {
                format!("{client} is invalid, missing: {}", list(missing, lang))
            }
            ClientDecision::DuplicateFlagged { client, of } if zh => {
                format!("{client} 与先登记的 {of} 交叉,以先登记者为准,报经理处理")
            }
            ClientDecision::DuplicateFlagged { client, of } => format!(
                "{client} crosses the earlier {of}: the earlier wins; flagged for the manager"
            ),
            ClientDecision::DuplicateResolved {
                client,
                duplicate,
                same_person,
            } => match (same_person, zh) {
                (true, true) => format!("经理确认 {duplicate} 与 {client} 为同一客户"),
                (true, false) => {
                    format!("the manager finds {duplicate} is the same client as {client}")
                }
                (false, true) => format!("经理确认 {duplicate} 与 {client} 非同一客户"),
                (false, false) => {
                    format!("the manager finds {duplicate} is not the same client as {client}")
                }
            },
            ClientDecision::OwnerChanged {
                client,
                from,
                to,
                reason,
            } => {
                let why = reason.describe(lang);
                match (from, zh) {
                    (Some(f), true) => format!("{client} 由 {f} 改归 {to}:{why}"),
                    (None, true) => format!("{client} 改归 {to}:{why}"),
                    (Some(f), false) => format!("{client} passes from {f} to {to}: {why}"),
                    (None, false) => format!("{client} goes to {to}: {why}"),
                }
            }
            ClientDecision::Pooled {
                client,
                from,
                reason,
                proposed,
            } => {
                let why = reason.describe(lang);
                let whose = match (from, zh) {
                    (Some(f), true) => format!("{client}({f} 的客户)"),
                    (Some(f), false) => format!("{client} (of {f})"),
                    (None, _) => client.to_string(),
                };
                match (proposed, zh) {
                    (Some(p), true) => {
                        format!("{whose}交经理分配:{why};按轮流分配建议由 {p} 负责")
                    }
                    (None, true) => format!("{whose}交经理分配:{why};暂无可轮流分配的人员"),
                    (Some(p), false) => format!(
                        "{whose} goes to the manager's pool: {why}; round-robin proposes {p}"
                    ),
                    (None, false) => format!(
                        "{whose} goes to the manager's pool: {why}; nobody to propose in turn"
                    ),
                }
            }
            ClientDecision::Unowned { client, from } if zh => {
                format!("{client} 更正后无效,不再归属 {from}")
            }
            ClientDecision::Unowned { client, from } => {
                format!("{client} is invalid once corrected: no longer {from}'s")
            }
            ClientDecision::FollowedUp {
                client,
                agent,
                until,
            } => match (until, zh) {
                (Some(d), true) => format!(
                    "{agent} 跟进 {client},保护至{}",
                    super::render::day(*d, lang)
                ),
                (Some(d), false) => format!(
                    "{agent} follows up {client}, protected until {}",
                    super::render::day(*d, lang)
                ),
                (None, true) => format!("{agent} 跟进 {client}"),
                (None, false) => format!("{agent} follows up {client}"),
            },
            ClientDecision::HouseholdLinked {
                client,
                other,
                spouse,
            } => match (spouse, zh) {
                (true, true) => format!("{client} 与 {other} 为夫妇"),
                (false, true) => format!("{client} 与 {other} 为家庭成员"),
                (true, false) => format!("{client} and {other} are spouses"),
                (false, false) => format!("{client} and {other} are one household"),
            },
            ClientDecision::ConsentGiven {
                client,
                owner,
                receiver,
            } => match (owner, zh) {
                (Some(o), true) => format!("{o} 同意 {receiver} 接待其客户 {client}"),
                (None, true) => format!("{receiver} 经同意接待客户 {client}"),
                (Some(o), false) => format!("{o} consents to {receiver} receiving {client}"),
                (None, false) => format!("{receiver} may receive {client}, with consent"),
            },
            ClientDecision::ReceivedWithoutConsent {
                client,
                owner,
                agent,
            } => {
                if zh {
                    format!("{agent} 未经 {owner} 同意接待其客户 {client}")
                } else {
                    format!("{agent} received {owner}'s client {client} without consent")
                }
            }
            ClientDecision::CallAwaitsConfirmation { client, agent } if zh => {
                format!("{agent} 登记的来电客户 {client} 待经理确认信息,确认前不归属任何人")
            }
            ClientDecision::CallAwaitsConfirmation { client, agent } => {
                format!("{client}, registered by {agent} from a call, belongs to nobody until the manager confirms its details")
            }
            ClientDecision::CallConfirmed { client } if zh => {
                format!("经理确认 {client} 的来电登记信息")
            }
            ClientDecision::CallConfirmed { client } => {
                format!("the manager confirms {client}'s call details")
            }
            ClientDecision::ReregistrationApproved { client } if zh => {
                format!("经理认可 {client} 重新登记")
            }
            ClientDecision::ReregistrationApproved { client } => {
                format!("the manager approves registering {client} again")
            }
            ClientDecision::IdentityConfirmed { visitor, client } if zh => {
                format!("确认来访者 {visitor} 为已登记客户 {client}")
            }
            ClientDecision::IdentityConfirmed { visitor, client } => {
                format!("{visitor} is confirmed as registered client {client}")
            }
            ClientDecision::Identified {
                visitor,
                client,
                owner,
                by,
            } => {
                let how = match (by, zh) {
                    (IdentifiedBy::Host, true) => "接待台确认",
                    (IdentifiedBy::Confirmed, true) => "事先确认",
                    (IdentifiedBy::Phone, true) => "手机号",
                    (IdentifiedBy::Host, false) => "named by the host",
                    (IdentifiedBy::Confirmed, false) => "confirmed beforehand",
                    (IdentifiedBy::Phone, false) => "by phone number",
                };
                if zh {
                    format!("{visitor} 为已登记客户 {client}({how}),原接待人 {owner}")
                } else {
                    format!("{visitor} is registered client {client} ({how}), its agent {owner}")
                }
            }
            ClientDecision::NameCandidates {
                visitor,
                clients,
                more,
            } => {
                let ids: Vec<&str> = clients.iter().map(|c| c.as_str()).collect();
                match (zh, more) {
                    (true, 0) => format!(
                        "{visitor} 所报姓名与已登记客户 {} 同名,仅凭姓名无法确认是哪一位,请核对手机号后确认身份",
                        ids.join("、")
                    ),
                    (true, n) => format!(
                        "{visitor} 所报姓名与已登记客户 {} 同名(另有 {n} 位更早登记的同名客户未列出),仅凭姓名无法确认是哪一位,请核对手机号后确认身份",
                        ids.join("、")
                    ),
                    (false, 0) => format!(
                        "{visitor} gave the same name as registered clients {}: a name alone cannot tell which one, so check the mobile number and confirm the identity",
                        ids.join(", ")
                    ),
                    (false, n) => format!(
                        "{visitor} gave the same name as registered clients {} (and {n} earlier clients of that name, not listed): a name alone cannot tell which one, so check the mobile number and confirm the identity",
                        ids.join(", ")
                    ),
                }
            }
            ClientDecision::TreatedAsNew {
                visitor,
                client,
                last_agent,
            } => match (last_agent, zh) {
                (Some(a), true) => {
                    format!("{visitor} 为客户 {client}(原属 {a}),已过保护期,视为新客户")
                }
                (None, true) => {
                    format!("{visitor} 为客户 {client},已过保护期,视为新客户")
                }
                (Some(a), false) => format!(
                    "{visitor} is client {client} (was {a}'s), no longer protected: a new client"
                ),
                (None, false) => {
                    format!("{visitor} is client {client}, no longer protected: a new client")
                }
            },
        }
    }
}

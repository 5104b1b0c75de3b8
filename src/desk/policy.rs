//! The desk's policy: the office's departments and where each request goes,
//! and every point P5 leaves open, each cell saying whether it is a reading.

use super::{DepartmentId, TopicId};
use crate::policy::Ruled;
use crate::{rules, Lang};

/// What a resident asks the desk for (P5-0 1]: 投诉/报修/求助).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum RequestKind {
    /// 投诉.
    Complaint,
    /// 报修.
    Repair,
    /// 求助.
    Help,
}

impl RequestKind {
    /// Every kind, in order.
    pub const ALL: [RequestKind; 3] = [
        RequestKind::Complaint,
        RequestKind::Repair,
        RequestKind::Help,
    ];

    /// The kind's name: `投诉`, `a complaint`.
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (RequestKind::Complaint, Lang::Zh) => "投诉",
            (RequestKind::Repair, Lang::Zh) => "报修",
            (RequestKind::Help, Lang::Zh) => "求助",
            (RequestKind::Complaint, Lang::En) => "a complaint",
            (RequestKind::Repair, Lang::En) => "a repair request",
            (RequestKind::Help, Lang::En) => "a request for help",
        }
    }
}

/// A department the desk forwards to, with its names for sentences.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Department {
    /// Its id, as events and routes name it.
    pub id: DepartmentId,
    /// Its Chinese name (`工程部`).
    pub zh: String,
    /// Its English name (`engineering`).
    pub en: String,
}

impl Department {
    /// A department `id` named `zh` and `en`.
    pub fn new(id: DepartmentId, zh: &str, en: &str) -> Department {
        Department {
            id,
            zh: zh.to_owned(),
            en: en.to_owned(),
        }
    }

    /// Its name in `lang`.
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// Where a request of one kind (and, optionally, one topic) goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Route {
    /// The kind of request.
    pub kind: RequestKind,
    /// The topic; `None` routes every topic of the kind no other route names.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub topic: Option<TopicId>,
    /// The department concerned (相关部门).
    pub department: DepartmentId,
}

/// When a forwarded request counts as closed (P5 does not say).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Closing {
    /// When the department reports it done (`desk_done`).
    DepartmentDone,
    /// When, after the department reported it done, the resident confirms
    /// it (a return call, 回访: `desk_resident_satisfied`).
    ResidentConfirms,
}

/// How a pass's `valid_to` date reads (P5 gives passes no term).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum PassValidity {
    /// Valid through the whole of `valid_to` (有效期至当日 24 时).
    ThroughDate,
    /// Valid until `valid_to` begins: the date is the first day it is not.
    BeforeDate,
}

/// Who may collect a unit's mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum MailCollector {
    /// A resident the desk knows at that unit: handing a unit's mail to
    /// anyone else tells them about its residents (P5-2).
    UnitResident,
    /// Any resident the desk knows (a neighbour collecting for one).
    AnyResident,
}

/// What the desk tells an outside inquirer asking after a resident (P5-2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum OutsiderAnswer {
    /// The unit number and nothing else (只能提供房间号码).
    UnitNumber,
    /// Nothing at all: stricter than P5-2 asks.
    Nothing,
}

/// Every choice of the front desk, as data. The fold never branches on
/// which office a policy came from; it reads these cells.
///
/// ```
/// use anchang::desk::{DeskPolicy, RequestKind};
///
/// let p = DeskPolicy::standard();
/// assert!(p.validate().is_ok());
/// let d = p.route(RequestKind::Repair, None).unwrap();
/// assert_eq!(d.zh, "工程部");
/// assert!(p.forward_within_minutes.reading);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DeskPolicy {
    /// A name for the policy, for reports.
    pub name: String,
    /// The departments requests go to (工程部, 安保部, 保洁部 ...). The
    /// office configures them: P5-0 says only 相关部门.
    pub departments: Vec<Department>,
    /// Which request goes where: a route naming the topic first, else the
    /// kind's route with no topic. Every kind needs one with no topic.
    /// P5-0 states that each goes to the department concerned; the table
    /// is the office's.
    pub routes: Ruled<Vec<Route>>,
    /// A request forwarded later than this many minutes after it was taken
    /// is reported late. P5-0 says 立即 (at once); the minutes are a reading.
    pub forward_within_minutes: Ruled<u32>,
    /// When a request closes (a reading: P5 does not say).
    pub closing: Ruled<Closing>,
    /// How a pass's `valid_to` reads (a reading: P5 gives no term).
    pub pass_validity: Ruled<PassValidity>,
    /// The longest a pass may run from its issue date, in days, if any
    /// (a reading: P5 sets no limit).
    pub max_pass_days: Ruled<Option<u32>>,
    /// Who may collect a unit's mail (a reading after P5-2).
    pub mail_collector: Ruled<MailCollector>,
    /// What an outside inquirer is told (P5-2).
    pub outsider: Ruled<OutsiderAnswer>,
}

/// Why a desk policy cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DeskPolicyError {
    /// A route names a department the policy does not list.
    #[error(
        "a route names department {0}, which the policy does not list / 路由指向未配置的部门 {0}"
    )]
    UnknownDepartment(DepartmentId),
    /// Two departments share an id.
    #[error("department {0} is listed twice / 部门 {0} 重复配置")]
    DuplicateDepartment(DepartmentId),
    /// A kind of request has no route without a topic, so some requests of
    /// it would go nowhere.
    #[error(
        "requests of kind {0:?} have no route for every topic / {0:?} 类请求没有兜底的转达部门"
    )]
    Unrouted(RequestKind),
    /// Two routes for the same kind and topic.
    #[error("two routes for kind {0:?} and the same topic / {0:?} 类同一事项配置了两个部门")]
    DuplicateRoute(RequestKind),
}

fn dept(id: &str) -> DepartmentId {
    // Literal ids of the preset: valid by construction.
    DepartmentId::new(id).unwrap_or_else(|_| unreachable!("preset id {id}"))
}

fn topic(id: &str) -> Option<TopicId> {
    TopicId::new(id).ok()
}

impl DeskPolicy {
    /// A typical property front desk: 工程部 (engineering) takes repairs,
    /// 安保部 (security) calls for help and noise complaints, 保洁部
    /// (cleaning) cleaning complaints and help, 客服主管 (the customer
    /// service supervisor) every other complaint (P5 2 7]: 上报领班).
    /// Forwarding within 10 minutes; a request closes when its department
    /// reports it done; a pass is valid through its date, at most 90 days;
    /// mail goes to the unit's residents; an outsider gets the unit number.
    pub fn standard() -> DeskPolicy {
        let route = |kind, t: Option<&str>, d: &str| Route {
            kind,
            topic: t.and_then(topic),
            department: dept(d),
        };
        DeskPolicy {
            name: "standard".into(),
            departments: vec![
                Department::new(dept("engineering"), "工程部", "engineering"),
                Department::new(dept("security"), "安保部", "security"),
                Department::new(dept("cleaning"), "保洁部", "cleaning"),
                Department::new(
                    dept("supervisor"),
                    "客服主管",
                    "the customer service supervisor",
                ),
            ],
            routes: Ruled::stated(
                vec![
                    route(RequestKind::Repair, None, "engineering"),
                    route(RequestKind::Complaint, None, "supervisor"),
                    route(RequestKind::Complaint, Some("noise"), "security"),
                    route(RequestKind::Complaint, Some("cleaning"), "cleaning"),
                    route(RequestKind::Help, None, "security"),
                    route(RequestKind::Help, Some("cleaning"), "cleaning"),
                ],
                rules![P5_0],
            ),
            forward_within_minutes: Ruled::reading(10, rules![P5_0]),
            closing: Ruled::reading(Closing::DepartmentDone, rules![P5_0]),
            pass_validity: Ruled::reading(PassValidity::ThroughDate, rules![P5_0]),
            max_pass_days: Ruled::reading(Some(90), rules![P5_0]),
            mail_collector: Ruled::reading(MailCollector::UnitResident, rules![P5_0, P5_2]),
            outsider: Ruled::stated(OutsiderAnswer::UnitNumber, rules![P5_2]),
        }
    }

    /// Checks the policy: routes name listed departments, every kind has a
    /// route for any topic, no route is given twice.
    ///
    /// # Errors
    /// [`DeskPolicyError::UnknownDepartment`] for a route to an unlisted
    /// department, [`DeskPolicyError::Unrouted`] when complaints (say) have
    /// only topic routes, [`DeskPolicyError::DuplicateRoute`],
    /// [`DeskPolicyError::DuplicateDepartment`].
    pub fn validate(&self) -> Result<(), DeskPolicyError> {
        for (i, d) in self.departments.iter().enumerate() {
            if self.departments[..i].iter().any(|e| e.id == d.id) {
                return Err(DeskPolicyError::DuplicateDepartment(d.id));
            }
        }
        let routes = &self.routes.value;
        for (i, r) in routes.iter().enumerate() {
            if self.department(r.department).is_none() {
                return Err(DeskPolicyError::UnknownDepartment(r.department));
            }
            if routes[..i]
                .iter()
                .any(|s| s.kind == r.kind && s.topic == r.topic)
            {
                return Err(DeskPolicyError::DuplicateRoute(r.kind));
            }
        }
        for kind in RequestKind::ALL {
            if !routes.iter().any(|r| r.kind == kind && r.topic.is_none()) {
                return Err(DeskPolicyError::Unrouted(kind));
            }
        }
        Ok(())
    }

    /// The department listed under `id`.
    pub fn department(&self, id: DepartmentId) -> Option<&Department> {
        self.departments.iter().find(|d| d.id == id)
    }

    /// The department a request of `kind` about `topic` goes to: the route
    /// naming the topic, else the kind's route for any topic. `None` only
    /// for a policy that does not [validate](DeskPolicy::validate).
    pub fn route(&self, kind: RequestKind, topic: Option<TopicId>) -> Option<&Department> {
        let routes = &self.routes.value;
        let named =
            topic.and_then(|t| routes.iter().find(|r| r.kind == kind && r.topic == Some(t)));
        let route =
            named.or_else(|| routes.iter().find(|r| r.kind == kind && r.topic.is_none()))?;
        self.department(route.department)
    }
}

impl Default for DeskPolicy {
    fn default() -> Self {
        DeskPolicy::standard()
    }
}

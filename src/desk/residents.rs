//! The desk's register of residents. Names and phones stay in here: the
//! only way out to an outsider is [`OutsiderReply`], which can hold a unit
//! number and nothing else (P5-2).

use std::collections::BTreeMap;

use super::event::{Resident, ResidentLeft, ResidentRole};
use super::{DeskState, DeskWhat, Out, Reject, ResidentId};
use crate::{PersonName, Phone, Rules, UnitId};

/// A resident as the desk knows it. `Debug` masks its name and phone.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ResidentRecord {
    /// Its unit.
    pub unit: UnitId,
    /// Owner, tenant or household.
    pub role: ResidentRole,
    /// Its name (masked in Debug and Display).
    pub name: PersonName,
    /// Its phone (masked in Debug and Display).
    pub phone: Option<Phone>,
}

/// What the desk tells an outside inquirer asking after a resident by name
/// (P5-2: 只能提供房间号码): at most a unit number. The type has no other
/// field, so no name, phone, role or anything else about a resident can
/// leave through it.
///
/// ```
/// use anchang::desk::{DeskEvent, DeskPolicy, DeskState, Resident, ResidentRole};
/// use anchang::PersonName;
///
/// let mut desk = DeskState::new(DeskPolicy::standard());
/// let r = Resident {
///     resident: "O1".parse().unwrap(),
///     unit: "3-1502".parse().unwrap(),
///     role: ResidentRole::Owner,
///     name: PersonName::new("王建国"),
///     phone: None,
/// };
/// desk.apply(&DeskEvent::new(1, "2026-03-02T08:00:00".parse().unwrap(), r)).unwrap();
/// assert_eq!(desk.answer_outsider("王建国").unit().unwrap().as_str(), "3-1502");
/// assert_eq!(desk.answer_outsider("李四").unit(), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OutsiderReply(Option<UnitId>);

impl OutsiderReply {
    /// The unit number, if the desk may give one.
    pub fn unit(&self) -> Option<UnitId> {
        self.0
    }
}

#[derive(Clone, Default, PartialEq, Eq)]
pub(super) struct Residents {
    by_id: BTreeMap<ResidentId, ResidentRecord>,
    /// Name (trimmed, inner spaces dropped) to the units of residents of
    /// that name, with how many there.
    by_name: BTreeMap<String, BTreeMap<UnitId, u32>>,
}

impl std::fmt::Debug for Residents {
    /// The register, masked as its records are; the name index is only
    /// counted, since its keys are names in full (P5-2).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Residents")
            .field("by_id", &self.by_id)
            .field("names_indexed", &self.by_name.len())
            .finish()
    }
}

fn name_key(name: &str) -> String {
    name.chars().filter(|c| !c.is_whitespace()).collect()
}

impl Residents {
    pub(super) fn get(&self, id: ResidentId) -> Option<&ResidentRecord> {
        self.by_id.get(&id)
    }

    /// The one unit where residents of this name live, if exactly one.
    pub(super) fn unit_of_name(&self, name: &str) -> Option<UnitId> {
        let units = self.by_name.get(&name_key(name))?;
        let mut it = units.keys();
        match (it.next(), it.next()) {
            (Some(u), None) => Some(*u),
            _ => None,
        }
    }

    pub(super) fn residents_of(
        &self,
        unit: UnitId,
    ) -> impl Iterator<Item = (ResidentId, &ResidentRecord)> {
        self.by_id
            .iter()
            .filter(move |(_, r)| r.unit == unit)
            .map(|(id, r)| (*id, r))
    }
}

impl DeskState {
    pub(super) fn resident_in(&mut self, e: &Resident, out: &mut Out) -> Result<(), Reject> {
        let r = &mut self.residents;
        if r.by_id.contains_key(&e.resident) {
            return Err(super::DeskErrorKind::ResidentExists(e.resident).into());
        }
        let key = name_key(e.name.expose());
        *r.by_name.entry(key).or_default().entry(e.unit).or_default() += 1;
        r.by_id.insert(
            e.resident,
            ResidentRecord {
                unit: e.unit,
                role: e.role,
                name: e.name.clone(),
                phone: e.phone.clone(),
            },
        );
        out.push(
            Rules::NONE,
            DeskWhat::ResidentKnown {
                resident: e.resident,
                unit: e.unit,
                role: e.role,
            },
        );
        Ok(())
    }

    pub(super) fn resident_left(&mut self, e: &ResidentLeft, out: &mut Out) -> Result<(), Reject> {
        let r = &mut self.residents;
        let Some(rec) = r.by_id.remove(&e.resident) else {
            return Err(Reject::at(
                super::DeskErrorKind::UnknownResident(e.resident),
                "resident",
            ));
        };
        let key = name_key(rec.name.expose());
        if let Some(units) = r.by_name.get_mut(&key) {
            if let Some(n) = units.get_mut(&rec.unit) {
                *n -= 1;
                if *n == 0 {
                    units.remove(&rec.unit);
                }
            }
            if units.is_empty() {
                r.by_name.remove(&key);
            }
        }
        out.push(
            Rules::NONE,
            DeskWhat::ResidentGone {
                resident: e.resident,
            },
        );
        Ok(())
    }

    /// What the desk tells an outside inquirer asking after a resident by
    /// name (P5-2): the unit number when exactly one unit has a resident of
    /// that name and the policy gives unit numbers; nothing otherwise (two
    /// units would need more said to choose between them).
    pub fn answer_outsider(&self, name: &str) -> OutsiderReply {
        match self.policy.outsider.value {
            super::OutsiderAnswer::UnitNumber => OutsiderReply(self.residents.unit_of_name(name)),
            _ => OutsiderReply(None),
        }
    }

    /// A resident as the desk knows it, for the desk's own staff: name and
    /// phone masked in `Debug` and `Display`; [`PersonName::expose`] is
    /// there for the desk's own call to the owner.
    pub fn resident(&self, id: ResidentId) -> Option<&ResidentRecord> {
        self.residents.get(id)
    }

    /// The residents of `unit`, by id.
    pub fn residents_of(
        &self,
        unit: UnitId,
    ) -> impl Iterator<Item = (ResidentId, &ResidentRecord)> {
        self.residents.residents_of(unit)
    }
}

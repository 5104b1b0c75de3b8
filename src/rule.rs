//! Rule ids of `RULES.md`, the catalogue every decision cites.

use std::fmt;

macro_rules! rules {
    ($($v:ident => $s:literal $k:literal,)*) => {
        /// A rule of the catalogue (`../shared/spec/RULES.md`), by its stable id.
        ///
        /// `Rule::P2_3_10` displays as `P2-3.10`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[allow(non_camel_case_types)]
        #[non_exhaustive]
        pub enum Rule {
            $(
                #[doc = $s]
                $v,
            )*
        }

        impl Rule {
            /// Every rule, in catalogue order.
            pub const ALL: &'static [Rule] = &[$(Rule::$v),*];

            /// The id as the catalogue writes it, e.g. `"P2-3.10"`.
            pub const fn id(self) -> &'static str {
                match self { $(Rule::$v => $s,)* }
            }

            /// The rule's kinds as the catalogue letters them, e.g. `"QR"`
            /// for P1-15: Q queue, R registry, A attribution, M manager's
            /// act, L record keeping, S privacy, X conduct, V visit stages,
            /// F front desk.
            pub const fn kinds(self) -> &'static str {
                match self { $(Rule::$v => $k,)* }
            }

            /// The rule with catalogue id `id`, if there is one.
            pub fn from_id(id: &str) -> Option<Rule> {
                match id { $($s => Some(Rule::$v),)* _ => None }
            }
        }
    };
}

rules! {
    P1_1 => "P1-1" "Q",
    P1_2 => "P1-2" "M",
    P1_3 => "P1-3" "Q",
    P1_4 => "P1-4" "X",
    P1_5 => "P1-5" "Q",
    P1_6 => "P1-6" "Q",
    P1_7 => "P1-7" "Q",
    P1_8 => "P1-8" "X",
    P1_9 => "P1-9" "X",
    P1_10 => "P1-10" "R",
    P1_11 => "P1-11" "X",
    P1_12 => "P1-12" "X",
    P1_13 => "P1-13" "L",
    P1_14 => "P1-14" "X",
    P1_15 => "P1-15" "QR",
    P1_16 => "P1-16" "Q",
    P1_17 => "P1-17" "RM",
    P1_18 => "P1-18" "M",
    P1_19 => "P1-19" "Q",
    P1_20 => "P1-20" "S",
    P1_21 => "P1-21" "ML",
    P2_1_1 => "P2-1.1" "LA",
    P2_1_2 => "P2-1.2" "L",
    P2_1_3 => "P2-1.3" "L",
    P2_1_4 => "P2-1.4" "L",
    P2_1_5 => "P2-1.5" "A",
    P2_1_6 => "P2-1.6" "AM",
    P2_1_7 => "P2-1.7" "R",
    P2_1_8 => "P2-1.8" "A",
    P2_2_1 => "P2-2.1" "R",
    P2_2_2 => "P2-2.2" "R",
    P2_2_3 => "P2-2.3" "QM",
    P2_2_4 => "P2-2.4" "AM",
    P2_2_5 => "P2-2.5" "RM",
    P2_2_6 => "P2-2.6" "RM",
    P2_2_7 => "P2-2.7" "R",
    P2_2_8 => "P2-2.8" "R",
    P2_2_9 => "P2-2.9" "RAM",
    P2_2_10 => "P2-2.10" "RAM",
    P2_2_11 => "P2-2.11" "RM",
    P2_2_12 => "P2-2.12" "QR",
    P2_2_13 => "P2-2.13" "R",
    P2_2_14 => "P2-2.14" "AM",
    P2_3_1 => "P2-3.1" "R",
    P2_3_2 => "P2-3.2" "Q",
    P2_3_3 => "P2-3.3" "QM",
    P2_3_4 => "P2-3.4" "Q",
    P2_3_5 => "P2-3.5" "R",
    P2_3_6 => "P2-3.6" "Q",
    P2_3_7 => "P2-3.7" "Q",
    P2_3_8 => "P2-3.8" "Q",
    P2_3_9 => "P2-3.9" "Q",
    P2_3_10 => "P2-3.10" "Q",
    P2_3_11 => "P2-3.11" "QM",
    P3_1 => "P3-1" "Q",
    P3_2 => "P3-2" "QA",
    P3_3 => "P3-3" "A",
    P3_4 => "P3-4" "QA",
    P3_5 => "P3-5" "X",
    P3_6 => "P3-6" "M",
    P3_7 => "P3-7" "X",
    P3_8 => "P3-8" "Q",
    P3_9 => "P3-9" "X",
    P3_10 => "P3-10" "Q",
    P3_11 => "P3-11" "Q",
    P3_12 => "P3-12" "X",
    P3_13 => "P3-13" "Q",
    P3_14 => "P3-14" "X",
    P3_15 => "P3-15" "R",
    P3_16 => "P3-16" "R",
    P3_17 => "P3-17" "L",
    P3_18 => "P3-18" "S",
    P3_19 => "P3-19" "R",
    P3_20 => "P3-20" "Q",
    P4_1 => "P4-1" "V",
    P4_2 => "P4-2" "VR",
    P4_3 => "P4-3" "V",
    P4_4 => "P4-4" "VR",
    P4_5 => "P4-5" "V",
    P4_6 => "P4-6" "VR",
    P4_7 => "P4-7" "X",
    P5_0 => "P5-0" "F",
    P5_1 => "P5-1" "FL",
    P5_2 => "P5-2" "S",
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The rules behind one decision: at most six, kept inline (`Copy`).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rules {
    ids: [Rule; 6],
    len: u8,
}

impl Rules {
    /// No rule: for bookkeeping that no rule of the catalogue governs.
    pub const NONE: Rules = Rules {
        ids: [Rule::P1_1; 6],
        len: 0,
    };

    /// The rules in `ids`; past the sixth they are dropped.
    pub const fn of(ids: &[Rule]) -> Rules {
        let mut out = Rules::NONE;
        let mut i = 0;
        while i < ids.len() && i < 6 {
            out.ids[i] = ids[i];
            i += 1;
        }
        out.len = i as u8;
        out
    }

    /// This set with `rule` added at the end (if there is room and it is new).
    pub fn with(mut self, rule: Rule) -> Rules {
        if !self.contains(rule) && usize::from(self.len) < 6 {
            self.ids[usize::from(self.len)] = rule;
            self.len += 1;
        }
        self
    }

    /// The rules, most decisive first.
    pub fn as_slice(&self) -> &[Rule] {
        &self.ids[..usize::from(self.len)]
    }

    /// Whether `rule` is among them.
    pub fn contains(&self, rule: Rule) -> bool {
        self.as_slice().contains(&rule)
    }

    /// The first (most decisive) rule.
    pub fn first(&self) -> Option<Rule> {
        self.as_slice().first().copied()
    }
}

impl fmt::Debug for Rules {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.as_slice()).finish()
    }
}

impl fmt::Display for Rules {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, r) in self.as_slice().iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(r.id())?;
        }
        Ok(())
    }
}

/// `rules![P2_3_10, P1_1]` is the [`Rules`] of those ids.
#[macro_export]
macro_rules! rules {
    ($($r:ident),* $(,)?) => {
        $crate::Rules::of(&[$($crate::Rule::$r),*])
    };
}

#[cfg(feature = "serde")]
mod serde_impl {
    use super::{Rule, Rules};
    use serde::{de::Error, Deserialize, Deserializer, Serialize, Serializer};

    impl Serialize for Rule {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_str(self.id())
        }
    }
    impl<'de> Deserialize<'de> for Rule {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let id = <std::borrow::Cow<'de, str>>::deserialize(d)?;
            Rule::from_id(&id).ok_or_else(|| D::Error::custom(format!("unknown rule id `{id}`")))
        }
    }
    impl Serialize for Rules {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq(self.as_slice())
        }
    }
    impl<'de> Deserialize<'de> for Rules {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let v = Vec::<Rule>::deserialize(d)?;
            if v.len() > 6 {
                return Err(D::Error::custom("a decision cites at most six rules"));
            }
            Ok(Rules::of(&v))
        }
    }
}

//! Rule ids of `RULES.md`, the catalogue every decision cites.

use std::fmt;

macro_rules! rules {
    ($($v:ident => $s:literal,)*) => {
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

            /// The rule with catalogue id `id`, if there is one.
            pub fn from_id(id: &str) -> Option<Rule> {
                match id { $($s => Some(Rule::$v),)* _ => None }
            }
        }
    };
}

rules! {
    P1_1 => "P1-1",
    P1_2 => "P1-2",
    P1_3 => "P1-3",
    P1_4 => "P1-4",
    P1_5 => "P1-5",
    P1_6 => "P1-6",
    P1_7 => "P1-7",
    P1_8 => "P1-8",
    P1_9 => "P1-9",
    P1_10 => "P1-10",
    P1_11 => "P1-11",
    P1_12 => "P1-12",
    P1_13 => "P1-13",
    P1_14 => "P1-14",
    P1_15 => "P1-15",
    P1_16 => "P1-16",
    P1_17 => "P1-17",
    P1_18 => "P1-18",
    P1_19 => "P1-19",
    P1_20 => "P1-20",
    P1_21 => "P1-21",
    P2_1_1 => "P2-1.1",
    P2_1_2 => "P2-1.2",
    P2_1_3 => "P2-1.3",
    P2_1_4 => "P2-1.4",
    P2_1_5 => "P2-1.5",
    P2_1_6 => "P2-1.6",
    P2_1_7 => "P2-1.7",
    P2_1_8 => "P2-1.8",
    P2_2_1 => "P2-2.1",
    P2_2_2 => "P2-2.2",
    P2_2_3 => "P2-2.3",
    P2_2_4 => "P2-2.4",
    P2_2_5 => "P2-2.5",
    P2_2_6 => "P2-2.6",
    P2_2_7 => "P2-2.7",
    P2_2_8 => "P2-2.8",
    P2_2_9 => "P2-2.9",
    P2_2_10 => "P2-2.10",
    P2_2_11 => "P2-2.11",
    P2_2_12 => "P2-2.12",
    P2_2_13 => "P2-2.13",
    P2_2_14 => "P2-2.14",
    P2_3_1 => "P2-3.1",
    P2_3_2 => "P2-3.2",
    P2_3_3 => "P2-3.3",
    P2_3_4 => "P2-3.4",
    P2_3_5 => "P2-3.5",
    P2_3_6 => "P2-3.6",
    P2_3_7 => "P2-3.7",
    P2_3_8 => "P2-3.8",
    P2_3_9 => "P2-3.9",
    P2_3_10 => "P2-3.10",
    P2_3_11 => "P2-3.11",
    P3_1 => "P3-1",
    P3_2 => "P3-2",
    P3_3 => "P3-3",
    P3_4 => "P3-4",
    P3_5 => "P3-5",
    P3_6 => "P3-6",
    P3_7 => "P3-7",
    P3_8 => "P3-8",
    P3_9 => "P3-9",
    P3_10 => "P3-10",
    P3_11 => "P3-11",
    P3_12 => "P3-12",
    P3_13 => "P3-13",
    P3_14 => "P3-14",
    P3_15 => "P3-15",
    P3_16 => "P3-16",
    P3_17 => "P3-17",
    P3_18 => "P3-18",
    P3_19 => "P3-19",
    P3_20 => "P3-20",
    P4_1 => "P4-1",
    P4_2 => "P4-2",
    P4_3 => "P4-3",
    P4_4 => "P4-4",
    P4_5 => "P4-5",
    P4_6 => "P4-6",
    P4_7 => "P4-7",
    P5_0 => "P5-0",
    P5_1 => "P5-1",
    P5_2 => "P5-2",
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The rules behind one decision: at most four, kept inline (`Copy`).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rules {
    ids: [Rule; 4],
    len: u8,
}

impl Rules {
    /// No rule: for bookkeeping that no rule of the catalogue governs.
    pub const NONE: Rules = Rules {
        ids: [Rule::P1_1; 4],
        len: 0,
    };

    /// The rules in `ids`; past the fourth they are dropped.
    pub const fn of(ids: &[Rule]) -> Rules {
        let mut out = Rules::NONE;
        let mut i = 0;
        while i < ids.len() && i < 4 {
            out.ids[i] = ids[i];
            i += 1;
        }
        out.len = i as u8;
        out
    }

    /// This set with `rule` added at the end (if there is room and it is new).
    pub fn with(mut self, rule: Rule) -> Rules {
        if !self.contains(rule) && usize::from(self.len) < 4 {
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
            if v.len() > 4 {
                return Err(D::Error::custom("a decision cites at most four rules"));
            }
            Ok(Rules::of(&v))
        }
    }
}

//! A partial policy laid over a preset (feature `serde`): an office writes
//! only the cells it changes, as JSON.
//!
//! The overlay is generic: the base policy is serialised to a JSON value,
//! the partial one merged into it cell by cell, and the result read back,
//! so a cell added to [`Policy`] later can be overlaid with no change here.
//! A key the base does not have is an unknown cell; a value the policy
//! cannot read is a bad one; either error names the cell by its path.

use serde_json::{Map, Value};

use super::Policy;
use crate::ParseNameError;

/// Why a partial policy could not be laid over its base. Names the cell
/// at fault by its path, e.g. `pass_over.meal.value`; echoes no value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OverlayError {
    /// The text is not JSON.
    #[error("the policy file is not JSON (line {line}, column {column}) / 策略文件不是有效的 JSON(第 {line} 行第 {column} 列)")]
    NotJson {
        /// The line of the error, from 1.
        line: usize,
        /// The column of the error, from 1.
        column: usize,
    },
    /// The partial policy is not a JSON object.
    #[error("a partial policy is a JSON object of cells / 部分策略须为由策略项组成的 JSON 对象")]
    NotObject,
    /// The base named by `"preset"` is not a preset.
    #[error("cell `preset`: {0}")]
    Preset(ParseNameError),
    /// A key the policy does not have.
    #[error("unknown policy cell `{cell}` / 未知的策略项 `{cell}`")]
    UnknownCell {
        /// The cell's path, e.g. `pass_over.lunch`.
        cell: String,
    },
    /// A value the cell cannot take.
    #[error("policy cell `{cell}` cannot take that value ({reason}) / 策略项 `{cell}` 的值无效({reason})")]
    BadCell {
        /// The cell's path, e.g. `lapse.value`.
        cell: String,
        /// What the cell expects, as serde says it.
        reason: String,
    },
}

/// The keys of a [`Ruled`](super::Ruled) cell.
const RULED: [&str; 3] = ["value", "rules", "reading"];

fn is_ruled(m: &Map<String, Value>) -> bool {
    m.len() == RULED.len() && RULED.iter().all(|k| m.contains_key(*k))
}

/// One value replaced by the overlay: where, and with what.
struct Change {
    path: Vec<String>,
    value: Value,
}

fn dotted(path: &[String]) -> String {
    // Cell names are the crate's own field names; a long unknown key is
    // cut so an error stays one line.
    let mut s = path.join(".");
    if s.len() > 80 {
        let cut = (0..=80).rev().find(|i| s.is_char_boundary(*i)).unwrap_or(0);
        s.truncate(cut);
        s.push('…');
    }
    s
}

/// Merges `over` into `base` at `path`, noting each value replaced.
fn merge(
    base: &mut Value,
    over: &Value,
    path: &mut Vec<String>,
    changes: &mut Vec<Change>,
) -> Result<(), OverlayError> {
    match (base, over) {
        (Value::Object(b), o) if is_ruled(b) => {
            // A ruled cell takes its own keys, or its value alone
            // (`"hotlines": 2` for `"hotlines": {"value": 2}`).
            match o {
                Value::Object(o) if o.keys().all(|k| RULED.contains(&k.as_str())) => {
                    merge_keys(b, o, path, changes)
                }
                _ => {
                    path.push("value".into());
                    let value = b.get_mut("value").expect("a ruled cell has a value");
                    let r = merge(value, over, path, changes);
                    path.pop();
                    r
                }
            }
        }
        // An enum variant with fields is an object of one key; another
        // variant replaces it whole (`{"inactivity": {"days": 20}}` by
        // `{"from_registration": {"days": 30}}`).
        (Value::Object(b), Value::Object(o))
            if b.len() == 1 && o.len() == 1 && o.keys().ne(b.keys()) =>
        {
            replace(b, over, path, changes);
            Ok(())
        }
        (Value::Object(b), Value::Object(o)) => merge_keys(b, o, path, changes),
        (b, _) => {
            *b = over.clone();
            changes.push(Change {
                path: path.clone(),
                value: over.clone(),
            });
            Ok(())
        }
    }
}

fn replace(b: &mut Map<String, Value>, over: &Value, path: &[String], changes: &mut Vec<Change>) {
    if let Value::Object(o) = over {
        *b = o.clone();
    }
    changes.push(Change {
        path: path.to_vec(),
        value: over.clone(),
    });
}

fn merge_keys(
    b: &mut Map<String, Value>,
    o: &Map<String, Value>,
    path: &mut Vec<String>,
    changes: &mut Vec<Change>,
) -> Result<(), OverlayError> {
    for (k, v) in o {
        path.push(k.clone());
        let Some(slot) = b.get_mut(k) else {
            return Err(OverlayError::UnknownCell { cell: dotted(path) });
        };
        merge(slot, v, path, changes)?;
        path.pop();
    }
    Ok(())
}

fn set(root: &mut Value, path: &[String], value: Value) {
    let mut at = root;
    for k in path {
        match at.get_mut(k) {
            Some(next) => at = next,
            None => return,
        }
    }
    *at = value;
}

fn reason(e: &serde_json::Error) -> String {
    let mut s = e.to_string();
    s.truncate(s.find(" at line ").unwrap_or(s.len()));
    s
}

impl Policy {
    /// This policy with the cells of `partial`, a JSON object, changed:
    /// an office writes only the cells it changes. A cell is written as
    /// [`Policy`] serialises it (`{"value": …, "rules": […], "reading": …}`,
    /// any of the three), or as its value alone. An optional `"preset"`
    /// (`"p1"`, `"p2"`, `"p3"`) names the base instead of `self`; without a
    /// `"name"`, the result is named after its base with `+` (`"P2+"`).
    ///
    /// ```
    /// use anchang::Policy;
    /// use anchang::policy::Lapse;
    ///
    /// let office = Policy::p2()
    ///     .overlay_json(r#"{
    ///         "name": "P2, 30 days from registration",
    ///         "lapse": {"value": {"from_registration": {"days": 30}}, "rules": ["P3-16"]},
    ///         "hotlines": 2
    ///     }"#)
    ///     .unwrap();
    /// assert_eq!(office.lapse.value, Lapse::FromRegistration { days: 30 });
    /// assert_eq!(office.hotlines.value, 2);
    /// assert_eq!(office.rotation, Policy::p2().rotation); // untouched
    ///
    /// let err = Policy::p2().overlay_json(r#"{"hotline": 2}"#).unwrap_err();
    /// assert_eq!(err.to_string(), "unknown policy cell `hotline` / 未知的策略项 `hotline`");
    /// ```
    ///
    /// # Errors
    /// An [`OverlayError`] naming the cell: [`OverlayError::UnknownCell`]
    /// for `{"hotline": 2}` (no such cell) or `{"pass_over": {"lunch": …}}`;
    /// [`OverlayError::BadCell`] for `{"hotlines": -1}` or
    /// `{"rotation": "zigzag"}`; [`OverlayError::Preset`] for
    /// `{"preset": "p9"}`; [`OverlayError::NotObject`] for `[1]`;
    /// [`OverlayError::NotJson`] for text that is not JSON.
    pub fn overlay_json(&self, text: &str) -> Result<Policy, OverlayError> {
        let partial: Value = serde_json::from_str(text).map_err(|e| OverlayError::NotJson {
            line: e.line(),
            column: e.column(),
        })?;
        self.overlay(&partial)
    }

    /// [`Policy::overlay_json`] of a JSON value already parsed.
    ///
    /// # Errors
    /// As [`Policy::overlay_json`], but for [`OverlayError::NotJson`].
    pub fn overlay(&self, partial: &Value) -> Result<Policy, OverlayError> {
        let Value::Object(cells) = partial else {
            return Err(OverlayError::NotObject);
        };
        let mut cells = cells.clone();
        let base = match cells.remove("preset") {
            None => self.clone(),
            Some(Value::String(name)) => name.parse().map_err(OverlayError::Preset)?,
            Some(_) => {
                return Err(OverlayError::BadCell {
                    cell: "preset".into(),
                    reason: "expected p1, p2 or p3".into(),
                })
            }
        };
        let named = cells.contains_key("name");
        let base_value = serde_json::to_value(&base).expect("a policy serialises");
        let mut merged = base_value.clone();
        let mut changes = Vec::new();
        merge(
            &mut merged,
            &Value::Object(cells),
            &mut Vec::new(),
            &mut changes,
        )?;
        let mut policy: Policy = match serde_json::from_value(merged) {
            Ok(p) => p,
            Err(e) => return Err(culprit(&base_value, &changes, &e)),
        };
        if !named {
            policy.name = format!("{}+", base.name);
        }
        Ok(policy)
    }
}

/// The first change the base cannot take alone, named by its path; the
/// first change when only their combination fails.
fn culprit(base: &Value, changes: &[Change], all: &serde_json::Error) -> OverlayError {
    for c in changes {
        let mut one = base.clone();
        set(&mut one, &c.path, c.value.clone());
        if let Err(e) = serde_json::from_value::<Policy>(one) {
            return OverlayError::BadCell {
                cell: dotted(&c.path),
                reason: reason(&e),
            };
        }
    }
    OverlayError::BadCell {
        cell: changes.first().map(|c| dotted(&c.path)).unwrap_or_default(),
        reason: reason(all),
    }
}

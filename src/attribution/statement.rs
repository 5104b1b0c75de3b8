//! Commission statements: per payee, per period, each deal's share, amount
//! and reason.
//!
//! A deal posts lines when its commission is earned (at the deposit or the
//! contract, per the policy), and again when its attribution changes after
//! that (the old lines reversed, the new ones posted) or it is cancelled
//! (each payee's amount clawed back). Shares are never negative: a
//! reversal or clawback line carries the share it takes back and a
//! negative amount.

use super::deal::{Payee, ShareReason};
use super::DealError;
use crate::money::{BasisPoints, Fen};
use crate::{DealId, EventId, Rules, Timestamp};

/// What a statement line records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum LineKind {
    /// Commission earned on a share.
    Earned,
    /// An earned share taken back because the attribution changed (a
    /// ruling or a confiscation after the commission was earned).
    Reversed,
    /// An earned share taken back because the deal was cancelled.
    Clawback,
}

impl LineKind {
    /// The kind in words.
    pub fn describe(self, lang: crate::Lang) -> &'static str {
        match (self, lang) {
            (LineKind::Earned, crate::Lang::Zh) => "提成",
            (LineKind::Reversed, crate::Lang::Zh) => "冲回(归属变更)",
            (LineKind::Clawback, crate::Lang::Zh) => "追回(退定)",
            (LineKind::Earned, crate::Lang::En) => "earned",
            (LineKind::Reversed, crate::Lang::En) => "reversed (attribution changed)",
            (LineKind::Clawback, crate::Lang::En) => "clawback (cancelled)",
        }
    }
}

/// One line of a payee's statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct StatementLine {
    /// When it was posted.
    pub at: Timestamp,
    /// The event that posted it.
    pub event: EventId,
    /// The deal.
    pub deal: DealId,
    /// The payee.
    pub payee: Payee,
    /// The share concerned (never negative).
    pub share: BasisPoints,
    /// The amount: positive when earned, negative when taken back.
    pub amount: Fen,
    /// What the line records.
    pub kind: LineKind,
    /// Why the payee held the share.
    pub reason: ShareReason,
    /// The rules behind the share (or behind taking it back).
    pub rules: Rules,
}

/// A payee's statement for the period `[from, to)`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Statement {
    /// The payee.
    pub payee: Payee,
    /// The period's first moment.
    pub from: Timestamp,
    /// The moment after the period.
    pub to: Timestamp,
    /// Its lines, in the order they were posted.
    pub lines: Vec<StatementLine>,
    /// The sum of the lines' amounts.
    pub total: Fen,
}

/// The statement of `payee` from `lines` (in posting order) for `[from, to)`.
pub(crate) fn build<'a>(
    payee: Payee,
    from: Timestamp,
    to: Timestamp,
    lines: impl Iterator<Item = &'a StatementLine>,
) -> Result<Statement, DealError> {
    let mut mine: Vec<StatementLine> = lines
        .filter(|l| l.payee == payee && from <= l.at && l.at < to)
        .copied()
        .collect();
    // Posting order across deals: by event, then as each deal posted them
    // (the sort is stable).
    mine.sort_by_key(|l| l.event);
    let total = mine
        .iter()
        .try_fold(Fen::ZERO, |s, l| s.checked_add(l.amount))
        .ok_or(DealError::Overflow)?;
    Ok(Statement {
        payee,
        from,
        to,
        lines: mine,
        total,
    })
}

impl Statement {
    /// The statement as text, one line per entry and a total.
    pub fn render(&self, lang: crate::Lang) -> String {
        use std::fmt::Write;
        let zh = lang == crate::Lang::Zh;
        let mut out = String::new();
        let who = self.payee.describe(lang);
        let period = period(self.from, self.to, lang);
        let _ = if zh {
            writeln!(out, "{who} 提成结算单({period})")
        } else {
            writeln!(out, "{who}: commission statement, {period}")
        };
        for l in &self.lines {
            let (kind, reason) = (l.kind.describe(lang), l.reason.describe(lang));
            // One bracket in Chinese: 冲回(归属变更;经理裁定), not two.
            let what = match kind.strip_suffix(')') {
                Some(open) if zh => format!("{open};{reason})"),
                _ if zh => format!("{kind}({reason})"),
                _ => format!("{kind} ({reason})"),
            };
            // The moment as people write it (3月16日 11:00; the header
            // gives the year), padded to its longest (12月16日 11:00,
            // 16 September 11:00) so the columns line up.
            let when = crate::decision::render::moment(l.at, lang);
            let w = if zh { 12 } else { 18 };
            let _ = writeln!(
                out,
                "  {when:<w$} {} {:>8} {:>14}  {what} [{}]",
                l.deal,
                l.share.to_string(),
                l.amount.to_string(),
                l.rules
            );
        }
        let _ = if zh {
            writeln!(out, "  合计 {}", self.total)
        } else {
            writeln!(out, "  total {}", self.total)
        };
        out
    }
}

/// The period `[from, to)` as people write it: whole days as their first
/// and last day (3月1日至3月31日, `to` at midnight being the day after the
/// last), other bounds as moments (3月2日 09:00至3月2日 18:00, the end
/// excluded).
fn period(from: Timestamp, to: Timestamp, lang: crate::Lang) -> String {
    use crate::decision::render::{day, moment};
    let midnight = |t: Timestamp| t.hms() == (0, 0, 0);
    let zh = lang == crate::Lang::Zh;
    // The year once, at the start (2026年3月1日至3月31日), and again only
    // where the period crosses into another.
    let (y, _, _) = from.date().ymd();
    let (y2, _, _) = to.date().ymd();
    let later = if y2 != y && zh {
        format!("{y2}年")
    } else {
        String::new()
    };
    if midnight(from) && midnight(to) && to.date() > from.date() {
        let last = to.date().add_days(-1);
        let (y2, _, _) = last.ymd();
        let later = if y2 != y && zh {
            format!("{y2}年")
        } else {
            String::new()
        };
        let (a, b) = (day(from.date(), lang), day(last, lang));
        match (zh, from.date() == last) {
            (true, true) => format!("{y}年{a}"),
            (true, false) => format!("{y}年{a}至{later}{b}"),
            (false, true) => format!("{a} {y}"),
            (false, false) if y2 != y => format!("{a} {y} to {b} {y2}"),
            (false, false) => format!("{a} to {b} {y}"),
        }
    } else if zh {
        format!(
            "{y}年{}起,至{later}{}前",
            moment(from, lang),
            moment(to, lang)
        )
    } else {
        format!(
            "from {} to before {}, {y}",
            moment(from, lang),
            moment(to, lang)
        )
    }
}

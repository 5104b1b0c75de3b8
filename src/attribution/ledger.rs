//! Posting a deal's shares to the payees' statements: credit decisions,
//! earned lines, reversals after a new attribution, clawbacks after a
//! cancellation.

use super::deal::{Basis, Deal, Share};
use super::statement::{LineKind, StatementLine};
use crate::decision::{DealDecision, Out, What};
use crate::money::Fen;
use crate::{DealId, Rules};

/// One decision per share.
pub(super) fn credit(deal: DealId, shares: &[Share], out: &mut Out) {
    for s in shares {
        out.push(
            s.rules,
            What::Deal(DealDecision::Credited {
                deal,
                payee: s.payee,
                share: s.share,
                amount: s.amount,
                reason: s.reason,
            }),
        );
    }
}

/// The commission is earned: each share with a part of it is posted.
pub(super) fn earn(deal: &mut Deal, rules: Rules, out: &mut Out) {
    deal.earned = true;
    out.push(
        rules,
        What::Deal(DealDecision::Earned {
            deal: deal.id,
            commission: deal.commission,
        }),
    );
    post(deal, out);
}

/// Posts the current shares as earned lines.
fn post(deal: &mut Deal, out: &Out) {
    for s in deal.shares.iter().filter(|s| counts(s)) {
        deal.lines
            .push(line(deal.id, s, s.amount, LineKind::Earned, s.rules, out));
    }
}

/// Whether a share puts anything on a statement.
fn counts(s: &Share) -> bool {
    s.share.0 != 0 || s.amount != Fen::ZERO
}

/// The statement line of share `s` of deal `deal`, for `amount`.
fn line(
    deal: DealId,
    s: &Share,
    amount: Fen,
    kind: LineKind,
    rules: Rules,
    out: &Out,
) -> StatementLine {
    StatementLine {
        at: out.at,
        event: out.event,
        deal,
        payee: s.payee,
        share: s.share,
        amount,
        kind,
        reason: s.reason,
        rules,
    }
}

/// Takes back every earned share (a reversal or a clawback), each amount
/// negated; the shares themselves stay as they were.
fn take_back(deal: &mut Deal, kind: LineKind, rules: Rules, out: &mut Out) {
    for s in deal.shares.iter().filter(|s| counts(s)) {
        // A share's amount is at most the commission, never i64::MIN.
        let amount = Fen(-s.amount.0);
        deal.lines.push(line(deal.id, s, amount, kind, rules, out));
        if kind == LineKind::Clawback {
            out.push(
                rules,
                What::Deal(DealDecision::ClawedBack {
                    deal: deal.id,
                    payee: s.payee,
                    amount,
                }),
            );
        }
    }
}

/// The deal is cancelled after its commission was earned: each earned
/// share is clawed back (P4-5: the unit is free, the sale undone).
pub(super) fn clawback(deal: &mut Deal, out: &mut Out) {
    take_back(deal, LineKind::Clawback, crate::rules![P4_5], out);
}

/// Replaces the shares; if the commission was earned, the old lines are
/// reversed and the new ones posted.
pub(super) fn reattribute(
    deal: &mut Deal,
    shares: Vec<Share>,
    basis: Basis,
    rules: Rules,
    out: &mut Out,
) {
    if deal.earned {
        take_back(deal, LineKind::Reversed, rules, out);
    }
    deal.shares = shares;
    deal.basis = basis;
    if deal.earned {
        post(deal, out);
    }
}

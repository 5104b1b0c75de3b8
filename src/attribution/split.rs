//! Exact splits: weights into basis points that sum to exactly 10,000, and
//! a commission into amounts that sum to exactly the commission.
//!
//! **Rounding and tie-break.** Each part is first the floor of its exact
//! ratio (`weight × total / Σ weights`); the few units left over (fewer than
//! the number of parts) go one each to the parts with the largest
//! remainders (largest remainder method). Parts with equal remainders are
//! ordered by their position in the input, and callers list payees in the
//! order their contribution to the deal came in the log (see
//! `Deal::contributors`), never by id or name. Amounts are computed from
//! the weights themselves, not from the rounded basis points.

use super::DealError;
use crate::money::{BasisPoints, Fen};

/// One payee's part of a split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Part {
    /// Its share of the whole; the shares of a split sum to 10,000.
    pub share: BasisPoints,
    /// Its amount; the amounts of a split sum to the total.
    pub amount: Fen,
}

/// Splits `total` by `weights`, in the order given (earliest contributor
/// first: the order breaks ties of the largest remainder).
///
/// # Errors
/// [`DealError::NoShares`] for no weights, [`DealError::ZeroWeights`] when
/// they are all zero, [`DealError::NegativeAmount`] for a negative total.
///
/// ```
/// use anchang::attribution::split;
/// use anchang::Fen;
/// // W20: three equal weights, 1,000 fen.
/// let parts = split(&[1, 1, 1], Fen(1_000)).unwrap();
/// let shares: Vec<u32> = parts.iter().map(|p| p.share.0).collect();
/// let amounts: Vec<i64> = parts.iter().map(|p| p.amount.0).collect();
/// assert_eq!(shares, [3_334, 3_333, 3_333]);
/// assert_eq!(amounts, [334, 333, 333]);
/// ```
pub fn split(weights: &[u64], total: Fen) -> Result<Vec<Part>, DealError> {
    if weights.is_empty() {
        return Err(DealError::NoShares);
    }
    let whole = u64::try_from(total.0).map_err(|_| DealError::NegativeAmount(total))?;
    let shares = apportion(weights, u64::from(BasisPoints::WHOLE.0))?;
    let amounts = apportion(weights, whole)?;
    shares
        .into_iter()
        .zip(amounts)
        .map(|(s, a)| {
            Ok(Part {
                share: BasisPoints(u32::try_from(s).map_err(|_| DealError::Overflow)?),
                amount: Fen(i64::try_from(a).map_err(|_| DealError::Overflow)?),
            })
        })
        .collect()
}

/// `total` apportioned by `weights`: exact floors, then the leftover by
/// largest remainder, ties to the earlier position.
fn apportion(weights: &[u64], total: u64) -> Result<Vec<u64>, DealError> {
    let sum = weights
        .iter()
        .try_fold(0u128, |s, w| s.checked_add(u128::from(*w)))
        .ok_or(DealError::Overflow)?;
    if sum == 0 {
        return Err(DealError::ZeroWeights);
    }
    let mut parts = Vec::with_capacity(weights.len());
    let mut remainders = Vec::with_capacity(weights.len());
    for w in weights {
        // A u64 times a u64 fits in a u128.
        let exact = u128::from(*w) * u128::from(total);
        parts.push(exact / sum);
        remainders.push(exact % sum);
    }
    let given: u128 = parts.iter().sum();
    // Each remainder is below `sum`, so fewer than `weights.len()` are left,
    // and only parts with a positive remainder (never a zero weight) get one.
    let left = u128::from(total) - given;
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|a, b| remainders[*b].cmp(&remainders[*a]).then(a.cmp(b)));
    for i in order
        .into_iter()
        .take(usize::try_from(left).map_err(|_| DealError::Overflow)?)
    {
        parts[i] += 1;
    }
    parts
        .into_iter()
        .map(|p| u64::try_from(p).map_err(|_| DealError::Overflow))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shares(p: &[Part]) -> Vec<u32> {
        p.iter().map(|p| p.share.0).collect()
    }
    fn amounts(p: &[Part]) -> Vec<i64> {
        p.iter().map(|p| p.amount.0).collect()
    }

    #[test]
    fn w20_equal_thirds_odd_unit_to_the_earliest() {
        let p = split(&[1, 1, 1], Fen(1_000)).unwrap();
        assert_eq!(shares(&p), [3_334, 3_333, 3_333]);
        assert_eq!(amounts(&p), [334, 333, 333]);
    }

    #[test]
    fn amounts_come_from_the_weights_not_the_rounded_shares() {
        // 1:2 of 30,000 fen: the shares round to 3,333 / 6,667, but the
        // amounts are exactly 10,000 / 20,000 (3,333 bp of 30,000 would be 9,999).
        let p = split(&[1, 2], Fen(30_000)).unwrap();
        assert_eq!(shares(&p), [3_333, 6_667]);
        assert_eq!(amounts(&p), [10_000, 20_000]);
    }

    #[test]
    fn largest_remainder_beats_position() {
        // 1:1:2 of 1 fen → exact 0.25 / 0.25 / 0.5: the largest remainder wins.
        let p = split(&[1, 1, 2], Fen(1)).unwrap();
        assert_eq!(amounts(&p), [0, 0, 1]);
        assert_eq!(shares(&p), [2_500, 2_500, 5_000]);
    }

    #[test]
    fn zero_weights_get_nothing() {
        let p = split(&[0, 1, 1, 1], Fen(1_000)).unwrap();
        assert_eq!(shares(&p), [0, 3_334, 3_333, 3_333]);
        assert_eq!(amounts(&p), [0, 334, 333, 333]);
    }

    #[test]
    fn rejects_degenerate_input() {
        assert_eq!(split(&[], Fen(1)), Err(DealError::NoShares));
        assert_eq!(split(&[0, 0], Fen(1)), Err(DealError::ZeroWeights));
        assert_eq!(
            split(&[1], Fen(-1)),
            Err(DealError::NegativeAmount(Fen(-1)))
        );
    }

    #[test]
    fn extreme_weights_and_totals_fit() {
        let p = split(&[u64::MAX, u64::MAX, 1], Fen(i64::MAX)).unwrap();
        let sum: i128 = p.iter().map(|p| i128::from(p.amount.0)).sum();
        assert_eq!(sum, i128::from(i64::MAX));
        assert_eq!(p.iter().map(|p| p.share.0).sum::<u32>(), 10_000);
    }
}

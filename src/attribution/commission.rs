//! The commission of a deal, exactly, in integer fen (P2-1.8).

use super::DealError;
use crate::money::{BasisPoints, Fen};

/// The commission on `price` at `rate`, scaled by `factor` (10,000 basis
/// points pays the whole; P2-1.8 pays 5,000 for a developer's client, read
/// as halving the commission base).
///
/// **Rounding**: the exact product `price × rate × factor / 10⁸` is computed
/// in 128-bit integers and rounded down to the whole fen, once. Nothing is
/// rounded on the way (the developer's half is not rounded before the rate
/// applies), so the result is the largest whole fen not above the exact
/// commission: the office never pays a fraction of a fen it does not owe.
/// The result never exceeds the price, so it always fits in [`Fen`].
///
/// # Errors
/// [`DealError::BadPrice`] for a price of zero or less;
/// [`DealError::BadRate`] for a rate or factor above 10,000 basis points.
///
/// ```
/// use anchang::attribution::commission;
/// use anchang::{BasisPoints, Fen};
/// // W22: 3,000,000.00 yuan at 100 bp; half for the developer's client.
/// let price = Fen(300_000_000);
/// assert_eq!(commission(price, BasisPoints(100), BasisPoints::WHOLE), Ok(Fen(3_000_000)));
/// assert_eq!(commission(price, BasisPoints(100), BasisPoints(5_000)), Ok(Fen(1_500_000)));
/// ```
pub fn commission(price: Fen, rate: BasisPoints, factor: BasisPoints) -> Result<Fen, DealError> {
    if price.0 <= 0 {
        return Err(DealError::BadPrice(price));
    }
    for r in [rate, factor] {
        if r > BasisPoints::WHOLE {
            return Err(DealError::BadRate(r));
        }
    }
    let whole = i128::from(BasisPoints::WHOLE.0);
    let exact = i128::from(price.0)
        .checked_mul(i128::from(rate.0))
        .and_then(|x| x.checked_mul(i128::from(factor.0)))
        .ok_or(DealError::Overflow)?;
    // Non-negative, so integer division rounds down.
    let fen = exact / (whole * whole);
    i64::try_from(fen).map(Fen).map_err(|_| DealError::Overflow)
}

#[cfg(test)]
mod tests {
    use super::*;

    const WHOLE: BasisPoints = BasisPoints::WHOLE;

    #[test]
    fn rounds_the_exact_product_down_once() {
        // 999 fen at 1 bp is 0.0999 fen: nothing.
        assert_eq!(commission(Fen(999), BasisPoints(1), WHOLE), Ok(Fen(0)));
        // 19,999 fen at 5,000 bp is 9,999.5 fen: rounded down.
        assert_eq!(
            commission(Fen(19_999), BasisPoints(5_000), WHOLE),
            Ok(Fen(9_999))
        );
        // 3 fen, the whole rate, half for the developer: exactly 1.5 → 1.
        assert_eq!(commission(Fen(3), WHOLE, BasisPoints(5_000)), Ok(Fen(1)));
        // 101 fen at 50%, then half: exactly 25.25 → 25. Rounding the
        // 50.5 fen of the first step up would have paid 26 (25.5 → 26).
        assert_eq!(
            commission(Fen(101), BasisPoints(5_000), BasisPoints(5_000)),
            Ok(Fen(25))
        );
    }

    #[test]
    fn the_largest_price_does_not_overflow() {
        assert_eq!(commission(Fen(i64::MAX), WHOLE, WHOLE), Ok(Fen(i64::MAX)));
        assert_eq!(
            commission(Fen(i64::MAX), BasisPoints(100), WHOLE),
            Ok(Fen(i64::MAX / 100))
        );
    }

    #[test]
    fn rejects_bad_input() {
        assert_eq!(
            commission(Fen(0), WHOLE, WHOLE),
            Err(DealError::BadPrice(Fen(0)))
        );
        assert_eq!(
            commission(Fen(-5), WHOLE, WHOLE),
            Err(DealError::BadPrice(Fen(-5)))
        );
        let over = BasisPoints(10_001);
        assert_eq!(
            commission(Fen(5), over, WHOLE),
            Err(DealError::BadRate(over))
        );
        assert_eq!(
            commission(Fen(5), WHOLE, over),
            Err(DealError::BadRate(over))
        );
    }
}

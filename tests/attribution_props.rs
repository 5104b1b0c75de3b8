//! Properties of deal attribution, each named after the invariant it
//! guards. Case counts come from `ANCHANG_PROPTEST_CASES` (default 64).

use anchang::attribution::{commission, split};
use anchang::{BasisPoints, Fen};
use proptest::prelude::*;

pub fn cases() -> u32 {
    std::env::var("ANCHANG_PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(64)
}

fn price() -> impl Strategy<Value = i64> {
    prop_oneof![1i64..=1_000_000_000_000, 1i64..=i64::MAX]
}

fn weights() -> impl Strategy<Value = Vec<u64>> {
    prop_oneof![
        prop::collection::vec(0u64..=10, 1..12),
        prop::collection::vec(0u64..=u64::MAX, 1..6),
    ]
    .prop_filter("some weight is positive", |w| w.iter().any(|x| *x > 0))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    /// For any price, rate, developer factor and number of agents, shares
    /// sum to exactly 10,000 and amounts to exactly the commission.
    #[test]
    fn shares_sum_to_10000_and_amounts_to_the_commission(
        price in price(),
        rate in 0u32..=10_000,
        factor in prop_oneof![Just(10_000u32), Just(5_000u32), 0u32..=10_000],
        weights in weights(),
    ) {
        let total = commission(Fen(price), BasisPoints(rate), BasisPoints(factor)).unwrap();
        prop_assert!(total.0 <= price);
        let parts = split(&weights, total).unwrap();
        prop_assert_eq!(parts.len(), weights.len());
        prop_assert_eq!(parts.iter().map(|p| u64::from(p.share.0)).sum::<u64>(), 10_000);
        prop_assert_eq!(parts.iter().map(|p| i128::from(p.amount.0)).sum::<i128>(), i128::from(total.0));
    }

    /// No share or amount is negative, and each is within one unit of its
    /// exact ratio (computed from the weights, not the rounded shares); a
    /// zero weight gets nothing.
    #[test]
    fn no_share_is_negative_and_each_is_within_one_unit_of_exact(
        total in 0i64..=i64::MAX,
        weights in weights(),
    ) {
        let parts = split(&weights, Fen(total)).unwrap();
        let sum: u128 = weights.iter().map(|w| u128::from(*w)).sum();
        for (w, p) in weights.iter().zip(&parts) {
            prop_assert!(p.amount.0 >= 0);
            let exact = u128::from(*w) * total as u128; // the amount × sum, exactly
            let got = p.amount.0 as u128 * sum;
            prop_assert!(got <= exact + sum && exact < got + sum, "{} fen for weight {}", p.amount.0, w);
            let exact_bp = u128::from(*w) * 10_000;
            let got_bp = u128::from(p.share.0) * sum;
            prop_assert!(got_bp <= exact_bp + sum && exact_bp < got_bp + sum);
            if *w == 0 {
                prop_assert_eq!((p.share.0, p.amount.0), (0, 0));
            }
        }
    }

    /// Reordering equal weights moves the odd units with the position, not
    /// with anything else: the split depends only on weights and order.
    #[test]
    fn equal_weights_give_the_odd_units_to_the_earliest(
        n in 1usize..12,
        total in 0i64..1_000_000,
    ) {
        let parts = split(&vec![1; n], Fen(total)).unwrap();
        let amounts: Vec<i64> = parts.iter().map(|p| p.amount.0).collect();
        let mut sorted = amounts.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        prop_assert_eq!(&amounts, &sorted, "earlier positions never get less");
        prop_assert!(amounts[0] - amounts[n - 1] <= 1);
    }
}

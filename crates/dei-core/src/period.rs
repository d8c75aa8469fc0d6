//! When an answers file is about: the order of periods (SPEC section 12).
//!
//! Two periods compare as numbers when both are numbers (`2024` < `2025`, `7` < `12`). Otherwise
//! they compare as dates when both have one of the forms `YYYY`, `YYYY-MM`, `YYYY-MM-DD`,
//! `YYYY-Qn` or `YYYY-Hn`: by the day they start, and where two start on the same day the
//! longer first, so a year sorts before its halves, quarters, months and days
//! (`2025` < `2025-H1` < `2025-Q1` < `2025-01` < `2025-01-01` < `2025-Q2` < `2025-H2`).
//! Any other pair (`2025-H1` and `spring`, `2025.5` and `2025-H2`) has no known order, and
//! whoever needs the order says so with an error rather than guessing.

use std::cmp::Ordering;

/// The order of two periods, or `None` when it is unknown. Periods in the same order are the
/// same period (`2025` and `2025.0`).
pub fn period_cmp(a: &str, b: &str) -> Option<Ordering> {
    if let (Some(x), Some(y)) = (as_number(a), as_number(b)) {
        return x.partial_cmp(&y);
    }
    Some(as_date(a)?.cmp(&as_date(b)?))
}

/// A pair of `periods` whose order is unknown, if there is one; when there is none, all of
/// them can be sorted with [`period_cmp`].
pub fn first_unordered<'a>(periods: &[&'a str]) -> Option<(&'a str, &'a str)> {
    // Numbers order among themselves and dates among themselves; a pair has no known order
    // exactly when one of them is of neither kind, or one is only a number and the other only
    // a date (`2025` is both). So one pass finds a witness pair.
    if periods.len() < 2 {
        return None;
    }
    let kinds: Vec<(bool, bool)> = periods
        .iter()
        .map(|p| (as_number(p).is_some(), as_date(p).is_some()))
        .collect();
    if let Some(odd) = kinds.iter().position(|kind| *kind == (false, false)) {
        let other = usize::from(odd == 0);
        return Some((periods[odd], periods[other]));
    }
    let number = kinds.iter().position(|kind| *kind == (true, false));
    let date = kinds.iter().position(|kind| *kind == (false, true));
    match (number, date) {
        (Some(number), Some(date)) => Some((periods[number], periods[date])),
        _ => None,
    }
}

/// The (year, month) of the last month of a period with a date form (`2025` → December,
/// `2025-H1` → June, `2025-Q3` → September, `2025-03` and `2025-03-12` → March), or `None`.
/// Evidence ages are counted back from it (see `evidence`).
pub fn last_month(period: &str) -> Option<(u32, u8)> {
    let (year, month, _, span) = as_date(period)?;
    let months_more = match span {
        0 => 11,
        1 => 5,
        2 => 2,
        _ => 0,
    };
    Some((year, month + months_more))
}

fn as_number(period: &str) -> Option<f64> {
    let trimmed = period.trim();
    // Only plain decimal numbers: `inf`, `NaN` and `1e3` are words or codes, not periods.
    if trimmed.is_empty()
        || !trimmed
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+'))
    {
        return None;
    }
    trimmed
        .parse::<f64>()
        .ok()
        .filter(|value| value.is_finite())
}

/// (year, month the period starts in, day it starts on, span: 0 year … 4 day).
type DateKey = (u32, u8, u8, u8);

fn as_date(period: &str) -> Option<DateKey> {
    let period = period.trim();
    let digits = |text: &str, len: usize| -> Option<u32> {
        (text.len() == len && text.bytes().all(|b| b.is_ascii_digit()))
            .then(|| text.parse().ok())
            .flatten()
    };
    let mut parts = period.split('-');
    let year = digits(parts.next()?, 4)?;
    let Some(second) = parts.next() else {
        return Some((year, 1, 1, 0));
    };
    let third = parts.next();
    if parts.next().is_some() {
        return None;
    }
    let part = |prefix: char, count: u32, months: u32| -> Option<DateKey> {
        let number = digits(second.strip_prefix(prefix)?, 1)?;
        if third.is_some() || !(1..=count).contains(&number) {
            return None;
        }
        let month = u8::try_from((number - 1) * months + 1).ok()?;
        Some((year, month, 1, if prefix == 'H' { 1 } else { 2 }))
    };
    if second.starts_with('H') {
        return part('H', 2, 6);
    }
    if second.starts_with('Q') {
        return part('Q', 4, 3);
    }
    let month = u8::try_from(digits(second, 2)?).ok()?;
    if !(1..=12).contains(&month) {
        return None;
    }
    let Some(third) = third else {
        return Some((year, month, 1, 3));
    };
    let day = u8::try_from(digits(third, 2)?).ok()?;
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (1..=days).contains(&day).then_some((year, month, day, 4))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Ordering::{Equal, Greater, Less};
    use proptest::prelude::*;

    #[test]
    fn numbers_compare_as_numbers() {
        assert_eq!(period_cmp("2024", "2025"), Some(Less));
        assert_eq!(period_cmp("7", "12"), Some(Less));
        assert_eq!(period_cmp("2025", "2025.0"), Some(Equal));
        assert_eq!(period_cmp("2025.5", "2025"), Some(Greater));
    }

    #[test]
    fn dates_compare_as_dates_and_a_year_comes_before_its_parts() {
        let ordered = [
            "2024-12-31",
            "2025",
            "2025-H1",
            "2025-Q1",
            "2025-01",
            "2025-01-01",
            "2025-01-31",
            "2025-02",
            "2025-02-28",
            "2025-Q2",
            "2025-06-30",
            "2025-H2",
            "2025-Q3",
            "2025-07",
            "2025-Q4",
            "2025-12-31",
            "2026",
        ];
        for pair in ordered.windows(2) {
            assert_eq!(period_cmp(pair[0], pair[1]), Some(Less), "{pair:?}");
            assert_eq!(period_cmp(pair[1], pair[0]), Some(Greater), "{pair:?}");
        }
        assert_eq!(period_cmp("2025-H2", "2025-H2"), Some(Equal));
        assert_eq!(period_cmp("2024-02-29", "2024-03"), Some(Less));
    }

    #[test]
    fn other_pairs_have_no_known_order() {
        for (a, b) in [
            ("2025-H1", "spring"),
            ("2025.5", "2025-H2"),
            ("2025-13", "2025-12"),
            ("2025-H3", "2025"),
            ("2025-02-30", "2025"),
            ("2023-02-29", "2023"),
            ("2025-1", "2025"),
            ("25", "2025-H1"),
            ("inf", "2025"),
            ("", "2025"),
        ] {
            assert_eq!(period_cmp(a, b), None, "{a} {b}");
        }
        assert_eq!(first_unordered(&["2024", "2025-H1", "2025"]), None);
        assert_eq!(
            first_unordered(&["2024", "2025.5", "2025-H1"]),
            Some(("2025.5", "2025-H1"))
        );
        assert_eq!(
            first_unordered(&["2024", "spring"]),
            Some(("spring", "2024"))
        );
    }

    fn date() -> impl Strategy<Value = String> {
        (1990u32..2040, 0u8..5, 1u32..13, 1u32..29).prop_map(|(year, form, n, day)| match form {
            0 => format!("{year}"),
            1 => format!("{year}-H{}", (n - 1) / 6 + 1),
            2 => format!("{year}-Q{}", (n - 1) / 3 + 1),
            3 => format!("{year}-{n:02}"),
            _ => format!("{year}-{n:02}-{day:02}"),
        })
    }

    proptest! {
        /// On dates the order is a total order: antisymmetric and transitive, and equal only
        /// for the same text.
        #[test]
        fn dates_are_totally_ordered(a in date(), b in date(), c in date()) {
            let ab = period_cmp(&a, &b).expect("dates compare");
            prop_assert_eq!(period_cmp(&b, &a), Some(ab.reverse()));
            prop_assert_eq!(ab == Equal, a == b);
            let bc = period_cmp(&b, &c).expect("dates compare");
            if ab != Greater && bc != Greater {
                prop_assert_ne!(period_cmp(&a, &c), Some(Greater));
            }
            prop_assert_eq!(first_unordered(&[&a, &b, &c]), None);
        }

        /// A year sorts before every part of it and after every part of the year before.
        #[test]
        fn a_year_precedes_its_parts(part in date()) {
            let year = &part[..4];
            let next: u32 = year.parse::<u32>().unwrap() + 1;
            if part.len() > 4 {
                prop_assert_eq!(period_cmp(year, &part), Some(Less));
            }
            prop_assert_eq!(period_cmp(&part, &next.to_string()), Some(Less));
        }

        /// Numbers compare like the numbers they are.
        #[test]
        fn numbers(a in 0u32..100_000, b in 0u32..100_000) {
            prop_assert_eq!(period_cmp(&a.to_string(), &b.to_string()), Some(a.cmp(&b)));
        }
    }
}

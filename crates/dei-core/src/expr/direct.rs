//! Direct evaluation of a condition's tree ([`Expr`]), with minijinja's semantics and
//! minijinja as the fallback.
//!
//! Why: minijinja sets up a machine for every evaluation (a few thousand instructions) and
//! reads its context through maps, while a batch evaluates every condition of a checklist for
//! every answers file. The conditions people write are comparisons of answers and scores joined
//! by `and`, `or` and `not`, with `in`, `is none`, `is defined` and `| length`: the shapes of
//! the one tree (`tree.rs`, built from minijinja's own parse, so there is still one parser),
//! which is walked here, reading values straight from the scorecard by their resolved
//! positions.
//!
//! Invariant: `Expr::eval` returns exactly the value minijinja's machine would, or `None`, and
//! then the caller asks minijinja. It uses minijinja's own `Value` comparisons and truthiness,
//! and bails out wherever minijinja would do more than that: an undefined value where strict
//! mode raises an error, an operation on types other than those listed below, containers large
//! enough to spend noticeable fuel (trees are at most `tree::MAX_NODES` nodes). A property test
//! (below) compares both on generated expressions reading every kind of reference.

use std::borrow::Cow;

use minijinja::Value;
use minijinja::value::ValueKind;

use super::tree::{CompareOp, Expr};

/// Lists up to this many items are searched here; longer ones by minijinja.
const MAX_ITEMS: usize = 64;

/// Texts up to this many bytes are searched here; longer ones by minijinja.
const MAX_TEXT_BYTES: usize = 256;

impl Expr {
    /// The value of the tree, reading the value of `references[i]` with `read(i)`, or `None`
    /// where minijinja must decide (see the module comment). Literals are lent, not copied.
    pub(crate) fn eval(
        &self,
        read: &mut dyn FnMut(usize) -> Option<Value>,
    ) -> Option<Cow<'_, Value>> {
        let owned = |value: Value| Some(Cow::Owned(value));
        match self {
            Expr::Read(reference) => owned(read(reference.index)?),
            Expr::Literal(constant) => Some(Cow::Borrowed(&constant.value)),
            Expr::List(items) => owned(Value::from(
                items
                    .iter()
                    .map(|item| item.eval(read).map(Cow::into_owned))
                    .collect::<Option<Vec<Value>>>()?,
            )),
            Expr::Not(operand) => owned(Value::from(!defined(operand.eval(read)?)?.is_true())),
            Expr::And(left, right) => {
                let left = defined(left.eval(read)?)?;
                if left.is_true() {
                    right.eval(read)
                } else {
                    Some(left)
                }
            }
            Expr::Or(left, right) => {
                let left = defined(left.eval(read)?)?;
                if left.is_true() {
                    Some(left)
                } else {
                    right.eval(read)
                }
            }
            Expr::Compare(comparison, left, right) => {
                let left = defined(left.eval(read)?)?;
                let right = defined(right.eval(read)?)?;
                // Comparing two lists or maps spends fuel per item in minijinja.
                if left.as_object().is_some() && right.as_object().is_some() {
                    return None;
                }
                let (left, right) = (left.as_ref(), right.as_ref());
                owned(Value::from(match comparison {
                    CompareOp::Eq => left == right,
                    CompareOp::Ne => left != right,
                    CompareOp::Lt => left < right,
                    CompareOp::Lte => left <= right,
                    CompareOp::Gt => left > right,
                    CompareOp::Gte => left >= right,
                }))
            }
            Expr::In(needle, container) => {
                let needle = defined(needle.eval(read)?)?;
                let container = defined(container.eval(read)?)?;
                owned(Value::from(contains(&container, &needle)?))
            }
            Expr::Difference(left, right) => {
                let left = float(&*defined(left.eval(read)?)?)?;
                let right = float(&*defined(right.eval(read)?)?)?;
                owned(Value::from(left - right))
            }
            Expr::Length(operand) => {
                let operand = operand.eval(read)?;
                if operand.kind() != ValueKind::Seq {
                    return None;
                }
                owned(Value::from(operand.len()?))
            }
            Expr::IsNone(operand) => owned(Value::from(defined(operand.eval(read)?)?.is_none())),
            Expr::IsDefined(operand) => owned(Value::from(!operand.eval(read)?.is_undefined())),
            Expr::IsUndefined(operand) => owned(Value::from(operand.eval(read)?.is_undefined())),
        }
    }
}

/// `value`, unless it is undefined: strict mode makes that an error, which minijinja reports.
fn defined(value: Cow<'_, Value>) -> Option<Cow<'_, Value>> {
    (!value.is_undefined()).then_some(value)
}

/// A float; integers take minijinja's wide integer arithmetic, left to it.
fn float(value: &Value) -> Option<f64> {
    if value.kind() == ValueKind::Number && !value.is_integer() {
        f64::try_from(value.clone()).ok()
    } else {
        None
    }
}

/// minijinja's `in`, for a list of at most `MAX_ITEMS` items, or a text of at most
/// `MAX_TEXT_BYTES` searched for a text.
fn contains(container: &Value, needle: &Value) -> Option<bool> {
    if let Some(text) = container.as_str() {
        if text.len() > MAX_TEXT_BYTES {
            return None;
        }
        return needle.as_str().map(|needle| text.contains(needle));
    }
    if container.kind() != ValueKind::Seq || container.len()? > MAX_ITEMS {
        return None;
    }
    // Lists built here and by scoring hold a `Vec<Value>`: compare in place, without the
    // boxed iterator and the copies of `try_iter`.
    if let Some(items) = container.downcast_object_ref::<Vec<Value>>() {
        return Some(items.iter().any(|item| item == needle));
    }
    let mut items = container.try_iter().ok()?;
    Some(items.any(|item| item == *needle))
}

#[cfg(test)]
mod tests {
    //! Direct evaluation against minijinja's machine, on generated expressions and values that
    //! read every kind of reference.

    use std::collections::BTreeMap;

    use proptest::prelude::*;

    use super::*;
    use crate::expr::{Condition, Reference, reference_path};

    /// The variables the generated expressions read: every kind of reference (`Reference`).
    const PATHS: [&str; 14] = [
        "org.staff",
        "org.country",
        "answer.s.a",
        "answer.s.b",
        "score.s.a",
        "status.s.a",
        "evidence.s.a",
        "section.s",
        "overall",
        "index.kind.policy",
        "index.kind.practice",
        "index.tag.t",
        "evidence_coverage",
        "na_share",
    ];

    const LITERALS: [&str; 14] = [
        "none",
        "true",
        "false",
        "0",
        "0.5",
        "10",
        "-10",
        "-0.5",
        "'yes'",
        "'no'",
        "'answered'",
        "['yes', 'partly']",
        "['na', 'out_of_scope']",
        "[]",
    ];

    fn expression() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![
            proptest::sample::select(&PATHS[..]).prop_map(str::to_owned),
            proptest::sample::select(&LITERALS[..]).prop_map(str::to_owned),
        ];
        leaf.prop_recursive(4, 24, 2, |inner| {
            const BINARY: [&str; 12] = [
                "and", "or", "==", "!=", "<", "<=", ">", ">=", "in", "not in", "-", "+",
            ];
            const POSTFIX: [&str; 6] = [
                "is none",
                "is not none",
                "is defined",
                "is not defined",
                "| length",
                "| upper",
            ];
            prop_oneof![
                (
                    inner.clone(),
                    proptest::sample::select(&BINARY[..]),
                    inner.clone()
                )
                    .prop_map(|(a, op, b)| format!("({a}) {op} ({b})")),
                (inner.clone(), proptest::sample::select(&POSTFIX[..]))
                    .prop_map(|(a, op)| format!("({a}) {op}")),
                inner.clone().prop_map(|a| format!("not ({a})")),
                (inner.clone(), inner).prop_map(|(a, b)| format!("[{a}, {b}]")),
            ]
        })
    }

    /// A value for each path; `None` leaves an `org` key out.
    fn values() -> impl Strategy<Value = Vec<Option<Value>>> {
        let scalar = prop_oneof![
            Just(Value::from(())),
            any::<bool>().prop_map(Value::from),
            (-20i64..20).prop_map(Value::from),
            (-20.0f64..20.0).prop_map(Value::from),
            Just(Value::from(0.5)),
            proptest::sample::select(&["yes", "no", "partly", "", "12", "answered", "na"][..])
                .prop_map(Value::from),
        ];
        let list = proptest::collection::vec(scalar.clone(), 0..4).prop_map(Value::from);
        let value = prop_oneof![scalar.clone(), list];
        proptest::collection::vec(proptest::option::weighted(0.8, value), PATHS.len())
    }

    /// Nested maps of the context, keyed by the parts of a path.
    #[derive(Default)]
    struct Nested(BTreeMap<String, Nested>, Option<Value>);

    impl Nested {
        fn value(&self) -> Value {
            match &self.1 {
                Some(value) => value.clone(),
                None => self
                    .0
                    .iter()
                    .map(|(key, nested)| (key.clone(), nested.value()))
                    .collect::<BTreeMap<String, Value>>()
                    .into(),
            }
        }
    }

    /// The context minijinja reads: `{org: {...}, answer: {s: {...}}, section: {s: ...}, ...}`.
    /// A missing organisation key is left out (undefined); every other missing value is `none`,
    /// as scoring gives it.
    fn context(values: &[Option<Value>]) -> Value {
        let mut top = Nested::default();
        top.0.entry("org".to_owned()).or_default();
        for (path, value) in PATHS.iter().zip(values) {
            if value.is_none() && path.starts_with("org.") {
                continue;
            }
            let mut node = &mut top;
            for key in path.split('.') {
                node = node.0.entry(key.to_owned()).or_default();
            }
            node.1 = Some(value.clone().unwrap_or(Value::from(())));
        }
        top.value()
    }

    fn read(reference: &Reference, values: &[Option<Value>]) -> Value {
        let path = reference_path(reference);
        let position = PATHS.iter().position(|p| *p == path);
        match (reference, position.and_then(|i| values.get(i))) {
            (Reference::Org(_), Some(None)) | (_, None) => Value::UNDEFINED,
            (_, Some(value)) => value.clone().unwrap_or(Value::from(())),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        /// Whenever the direct evaluation decides, minijinja evaluates without error to the
        /// same truth value.
        #[test]
        fn direct_evaluation_agrees_with_minijinja(source in expression(), values in values()) {
            let Ok(condition) = Condition::compile(&source) else { return Ok(()) };
            let context = context(&values);
            let mut reader = |index: usize| condition.references.get(index).map(|r| read(r, &values));
            if let Some(decided) = condition.decide(&mut reader) {
                prop_assert_eq!(condition.is_true(&context), Ok(decided), "{}", source);
            }
        }
    }

    /// The conditions of the built-in checklists never need minijinja's machine.
    #[test]
    fn every_built_in_condition_is_evaluated_directly() {
        let mut library = crate::Library::new();
        for (id, _) in crate::library::builtin_checklists() {
            let checklist = library
                .checklist(id, None)
                .expect("a built-in checklist loads");
            let conditions = checklist
                .items
                .iter()
                .filter_map(|item| item.applies_if.as_ref())
                .chain(checklist.rules.iter().map(|rule| &rule.when));
            for condition in conditions {
                assert!(condition.tree().is_some(), "{id}: `{}`", condition.source);
            }
        }
    }
}

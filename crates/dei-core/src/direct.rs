//! Direct evaluation of the common shapes of conditions, with minijinja's semantics and
//! minijinja as the fallback.
//!
//! Why: minijinja sets up a machine for every evaluation (a few thousand instructions) and
//! reads its context through maps, while a batch evaluates every condition of a checklist for
//! every answers file. The conditions people write are comparisons of answers and scores joined
//! by `and`, `or` and `not`, with `in`, `is none`, `is defined` and `| length`. For those, a tree
//! built once from minijinja's own parse (`minijinja::machinery`, so there is still one parser)
//! is walked here, reading values straight from the scorecard.
//!
//! Invariant: `Node::eval` returns exactly the value minijinja's machine would, or `None`, and
//! then the caller asks minijinja. It uses minijinja's own `Value` comparisons and truthiness,
//! and bails out wherever minijinja would do more than that: an undefined value where strict
//! mode raises an error, an operation on types other than those listed below, containers large
//! enough to spend noticeable fuel, expressions larger than `MAX_NODES`. A property test
//! (`tests/properties.rs`) compares both on generated expressions and values.

use std::borrow::Cow;

use minijinja::machinery::ast::{BinOpKind, Expr, UnaryOpKind};
use minijinja::value::ValueKind;
use minijinja::{Value, context};

use crate::expr::{Reference, classify};

/// Expressions with more nodes are left to minijinja. Within this many nodes there are at most
/// 66 `in` tests (each takes three nodes), which minijinja charges one unit of fuel per list
/// item or text byte searched: at most 66 × `MAX_TEXT_BYTES` plus a few hundred instructions,
/// well under its 50,000. So both always agree on whether an evaluation runs out of fuel: never.
const MAX_NODES: usize = 200;

/// Lists up to this many items are searched here; longer ones by minijinja.
const MAX_ITEMS: usize = 64;

/// Texts up to this many bytes are searched here; longer ones by minijinja.
const MAX_TEXT_BYTES: usize = 256;

/// A node of a directly evaluated expression.
#[derive(Debug)]
pub(crate) enum Node {
    /// The value of `references[i]` of the condition.
    Read(usize),
    /// A literal.
    Const(Value),
    /// A list literal with items that are not all literals.
    List(Vec<Node>),
    /// `not x`.
    Not(Box<Node>),
    /// `a and b`: `a` when it is false, else `b` (the value, as in minijinja).
    And(Box<Node>, Box<Node>),
    /// `a or b`: `a` when it is true, else `b`.
    Or(Box<Node>, Box<Node>),
    /// `a == b`, `a < b` and the others.
    Compare(Comparison, Box<Node>, Box<Node>),
    /// `needle in container`.
    In(Box<Node>, Box<Node>),
    /// `a - b` of two floats (as `index.kind.policy - index.kind.practice`).
    Difference(Box<Node>, Box<Node>),
    /// `x | length` of a list.
    Length(Box<Node>),
    /// `x is none`, `x is defined`, `x is undefined`.
    Test(Test, Box<Node>),
}

#[derive(Clone, Copy, Debug)]
pub(crate) enum Comparison {
    Eq,
    Ne,
    Lt,
    Lte,
    Gt,
    Gte,
}

#[derive(Clone, Copy, Debug)]
pub(crate) enum Test {
    None,
    Defined,
    Undefined,
}

impl Node {
    /// The tree of `source`, whose variables are `references` (sorted), or `None` when the
    /// expression uses anything this module does not evaluate.
    pub(crate) fn compile(source: &str, references: &[Reference]) -> Option<Node> {
        let expression = minijinja::machinery::parse_expr(source).ok()?;
        let mut budget = MAX_NODES;
        Node::from_expr(&expression, references, &mut budget)
    }

    fn from_expr(expr: &Expr<'_>, references: &[Reference], budget: &mut usize) -> Option<Node> {
        *budget = budget.checked_sub(1)?;
        let node = |expr: &Expr<'_>, budget: &mut usize| {
            Node::from_expr(expr, references, budget).map(Box::new)
        };
        Some(match expr {
            Expr::Var(_) | Expr::GetAttr(_) => {
                let reference = classify(&path(expr)?).ok()?;
                Node::Read(references.binary_search(&reference).ok()?)
            }
            Expr::Const(constant) => Node::Const(constant.value.clone()),
            Expr::List(list) => {
                let items = list
                    .items
                    .iter()
                    .map(|item| Node::from_expr(item, references, budget))
                    .collect::<Option<Vec<Node>>>()?;
                if items.iter().all(|item| matches!(item, Node::Const(_))) {
                    let values = items.into_iter().filter_map(|item| match item {
                        Node::Const(value) => Some(value),
                        _ => None,
                    });
                    Node::Const(Value::from(values.collect::<Vec<Value>>()))
                } else {
                    Node::List(items)
                }
            }
            Expr::UnaryOp(unary) => {
                match (&unary.op, Node::from_expr(&unary.expr, references, budget)?) {
                    (UnaryOpKind::Not, operand) => Node::Not(Box::new(operand)),
                    // A negative literal such as `-10`: let minijinja work it out, once.
                    (UnaryOpKind::Neg, Node::Const(value)) => Node::Const(negated(value)?),
                    (UnaryOpKind::Neg, _) => return None,
                }
            }
            Expr::BinOp(binary) => {
                let left = node(&binary.left, budget)?;
                let right = node(&binary.right, budget)?;
                match binary.op {
                    BinOpKind::Eq => Node::Compare(Comparison::Eq, left, right),
                    BinOpKind::Ne => Node::Compare(Comparison::Ne, left, right),
                    BinOpKind::Lt => Node::Compare(Comparison::Lt, left, right),
                    BinOpKind::Lte => Node::Compare(Comparison::Lte, left, right),
                    BinOpKind::Gt => Node::Compare(Comparison::Gt, left, right),
                    BinOpKind::Gte => Node::Compare(Comparison::Gte, left, right),
                    BinOpKind::ScAnd => Node::And(left, right),
                    BinOpKind::ScOr => Node::Or(left, right),
                    BinOpKind::In => Node::In(left, right),
                    BinOpKind::Sub => Node::Difference(left, right),
                    _ => return None,
                }
            }
            Expr::Filter(filter) if filter.name == "length" && filter.args.is_empty() => {
                Node::Length(node(filter.expr.as_ref()?, budget)?)
            }
            Expr::Test(test) if test.args.is_empty() => {
                let kind = match test.name {
                    "none" => Test::None,
                    "defined" => Test::Defined,
                    "undefined" => Test::Undefined,
                    _ => return None,
                };
                Node::Test(kind, node(&test.expr, budget)?)
            }
            _ => return None,
        })
    }

    /// The value of the node, or `None` where minijinja must decide (see the module comment).
    /// Literals are lent, not copied.
    pub(crate) fn eval(
        &self,
        read: &mut dyn FnMut(usize) -> Option<Value>,
    ) -> Option<Cow<'_, Value>> {
        let owned = |value: Value| Some(Cow::Owned(value));
        match self {
            Node::Read(index) => owned(read(*index)?),
            Node::Const(value) => Some(Cow::Borrowed(value)),
            Node::List(items) => owned(Value::from(
                items
                    .iter()
                    .map(|item| item.eval(read).map(Cow::into_owned))
                    .collect::<Option<Vec<Value>>>()?,
            )),
            Node::Not(operand) => owned(Value::from(!defined(operand.eval(read)?)?.is_true())),
            Node::And(left, right) => {
                let left = defined(left.eval(read)?)?;
                if left.is_true() {
                    right.eval(read)
                } else {
                    Some(left)
                }
            }
            Node::Or(left, right) => {
                let left = defined(left.eval(read)?)?;
                if left.is_true() {
                    Some(left)
                } else {
                    right.eval(read)
                }
            }
            Node::Compare(comparison, left, right) => {
                let left = defined(left.eval(read)?)?;
                let right = defined(right.eval(read)?)?;
                // Comparing two lists or maps spends fuel per item in minijinja.
                if left.as_object().is_some() && right.as_object().is_some() {
                    return None;
                }
                let (left, right) = (left.as_ref(), right.as_ref());
                owned(Value::from(match comparison {
                    Comparison::Eq => left == right,
                    Comparison::Ne => left != right,
                    Comparison::Lt => left < right,
                    Comparison::Lte => left <= right,
                    Comparison::Gt => left > right,
                    Comparison::Gte => left >= right,
                }))
            }
            Node::In(needle, container) => {
                let needle = defined(needle.eval(read)?)?;
                let container = defined(container.eval(read)?)?;
                owned(Value::from(contains(&container, &needle)?))
            }
            Node::Difference(left, right) => {
                let left = float(&*defined(left.eval(read)?)?)?;
                let right = float(&*defined(right.eval(read)?)?)?;
                owned(Value::from(left - right))
            }
            Node::Length(operand) => {
                let operand = operand.eval(read)?;
                if operand.kind() != ValueKind::Seq {
                    return None;
                }
                owned(Value::from(operand.len()?))
            }
            Node::Test(test, operand) => {
                let operand = operand.eval(read)?;
                owned(Value::from(match test {
                    Test::None => defined(operand)?.is_none(),
                    Test::Defined => !operand.is_undefined(),
                    Test::Undefined => operand.is_undefined(),
                }))
            }
        }
    }
}

/// The dotted path of a variable with attributes, as `undeclared_variables` names it.
pub(crate) fn path(expr: &Expr<'_>) -> Option<String> {
    match expr {
        Expr::Var(var) => Some(var.id.to_owned()),
        Expr::GetAttr(attribute) => Some(format!("{}.{}", path(&attribute.expr)?, attribute.name)),
        _ => None,
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

/// `-value` as minijinja computes it.
fn negated(value: Value) -> Option<Value> {
    static NEGATE: std::sync::LazyLock<Option<minijinja::Expression<'static, 'static>>> =
        std::sync::LazyLock::new(|| crate::expr::ENVIRONMENT.compile_expression("-x").ok());
    NEGATE.as_ref()?.eval(context! { x => value }).ok()
}

#[cfg(test)]
mod tests {
    //! Direct evaluation against minijinja's machine, on generated expressions and values.

    use std::collections::BTreeMap;

    use proptest::prelude::*;

    use super::*;
    use crate::expr::Condition;

    /// The variables the generated expressions read.
    const PATHS: [&str; 7] = [
        "org.staff",
        "org.country",
        "answer.s.a",
        "answer.s.b",
        "score.s.a",
        "evidence.s.a",
        "overall",
    ];

    const LITERALS: [&str; 12] = [
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
        "['yes', 'partly']",
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
            proptest::sample::select(&["yes", "no", "partly", "", "12"][..]).prop_map(Value::from),
        ];
        let list = proptest::collection::vec(scalar.clone(), 0..4).prop_map(Value::from);
        let value = prop_oneof![scalar.clone(), list];
        proptest::collection::vec(proptest::option::weighted(0.8, value), PATHS.len())
    }

    /// The context minijinja reads: `{org: {...}, answer: {s: {...}}, ...}`.
    fn context(values: &[Option<Value>]) -> Value {
        let mut org: BTreeMap<String, Value> = BTreeMap::new();
        let mut items: BTreeMap<String, BTreeMap<String, Value>> = BTreeMap::new();
        let mut top: BTreeMap<String, Value> = BTreeMap::new();
        for (path, value) in PATHS.iter().zip(values) {
            let parts: Vec<&str> = path.split('.').collect();
            let or_none = || value.clone().unwrap_or(Value::from(()));
            match parts.as_slice() {
                ["org", key] => {
                    if let Some(value) = value {
                        org.insert((*key).to_owned(), value.clone());
                    }
                }
                [root, "s", item] => {
                    items
                        .entry((*root).to_owned())
                        .or_default()
                        .insert((*item).to_owned(), or_none());
                }
                [name] => {
                    top.insert((*name).to_owned(), or_none());
                }
                _ => {}
            }
        }
        top.insert("org".to_owned(), Value::from(org));
        for (root, section) in items {
            let sections: BTreeMap<String, Value> = [("s".to_owned(), Value::from(section))]
                .into_iter()
                .collect();
            top.insert(root, Value::from(sections));
        }
        Value::from(top)
    }

    fn read(reference: &Reference, values: &[Option<Value>]) -> Value {
        let path = match reference {
            Reference::Org(key) => format!("org.{key}"),
            Reference::Item(root, id) => format!("{}.{id}", root.as_str()),
            Reference::Overall => "overall".to_owned(),
            _ => return Value::UNDEFINED,
        };
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
                assert!(condition.is_direct(), "{id}: `{}`", condition.source);
            }
        }
    }
}

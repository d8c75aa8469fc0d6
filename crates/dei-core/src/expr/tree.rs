//! The one expression tree of dei: a condition as its parts, built once from minijinja's parse.
//!
//! Why a tree of our own: minijinja's `machinery` AST is unstable (the version is pinned
//! exactly while it is used), and every user of a condition needs the same few shapes
//! (comparisons, `and`/`or`/`not`, `in`, tests, `| length`). One tree serves them all: direct
//! evaluation walks it (`direct.rs`), so scoring and with it a form's show and hide, and the
//! renderers translate it: `dei init`'s plain words, XLSForm's `relevant`. minijinja's AST is
//! read only here and by `Compared` in `expr.rs` (which checks comparisons in every shape),
//! from one parse per condition, so an upgrade of minijinja touches these two places.
//!
//! Invariant: a [`Read`] keeps the position of its reference in the condition's sorted
//! `references`, and a [`Constant`] keeps minijinja's own value, so evaluation neither looks
//! anything up by name nor allocates for a literal.

use minijinja::Value;
use minijinja::machinery::ast;
use minijinja::value::ValueKind;
use serde::Serialize;

use super::{Reference, classify};

/// Expressions with more nodes are left to minijinja. Within this many nodes there are at most
/// 66 `in` tests (each takes three nodes), which minijinja charges one unit of fuel per list
/// item or text byte searched: at most 66 × `direct::MAX_TEXT_BYTES` plus a few hundred
/// instructions, well under its 50,000. So direct evaluation and minijinja always agree on
/// whether an evaluation runs out of fuel: never.
const MAX_NODES: usize = 200;

/// A condition as a tree: the shapes people write in `applies_if` and rules.
///
/// A condition that uses anything else (another filter, arithmetic other than a difference,
/// a call) has no tree: minijinja alone evaluates it, and a renderer that must translate it
/// says so, naming the item.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "op", content = "args", rename_all = "snake_case")]
pub enum Expr {
    /// A value the condition reads: `org.<key>`, `answer.<section>.<item>` and the others.
    Read(Read),
    /// A literal.
    Literal(Constant),
    /// A list with parts that are not all literals.
    List(Vec<Expr>),
    /// `not x`.
    Not(Box<Expr>),
    /// `a and b`: `a` when it is false, else `b` (the value, as in minijinja).
    And(Box<Expr>, Box<Expr>),
    /// `a or b`: `a` when it is true, else `b`.
    Or(Box<Expr>, Box<Expr>),
    /// `a == b`, `a < b` and the others.
    Compare(CompareOp, Box<Expr>, Box<Expr>),
    /// `needle in container`.
    In(Box<Expr>, Box<Expr>),
    /// `a - b` (as `index.kind.policy - index.kind.practice`).
    Difference(Box<Expr>, Box<Expr>),
    /// `x | length`.
    Length(Box<Expr>),
    /// `x is none`.
    IsNone(Box<Expr>),
    /// `x is defined`.
    IsDefined(Box<Expr>),
    /// `x is undefined`.
    IsUndefined(Box<Expr>),
}

/// A value a condition reads, with its resolved position.
#[derive(Clone, Debug, PartialEq)]
pub struct Read {
    /// What is read.
    pub reference: Reference,
    /// The position of `reference` in the condition's sorted references: what evaluation reads.
    pub(crate) index: usize,
}

impl Serialize for Read {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&reference_path(&self.reference))
    }
}

/// A literal of a condition: as renderers see it ([`Literal`]) and as minijinja holds it.
#[derive(Clone, Debug)]
pub struct Constant {
    /// The literal.
    pub literal: Literal,
    /// The same literal as minijinja's value, lent to every evaluation.
    pub(crate) value: Value,
}

impl PartialEq for Constant {
    fn eq(&self, other: &Self) -> bool {
        self.literal == other.literal
    }
}

impl Serialize for Constant {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.literal.serialize(serializer)
    }
}

/// A literal in a condition.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Literal {
    /// `none`.
    None,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(f64),
    /// A text.
    Text(String),
    /// A list of literals.
    List(Vec<Literal>),
}

/// A comparison operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum CompareOp {
    /// `==`
    #[serde(rename = "==")]
    Eq,
    /// `!=`
    #[serde(rename = "!=")]
    Ne,
    /// `<`
    #[serde(rename = "<")]
    Lt,
    /// `<=`
    #[serde(rename = "<=")]
    Lte,
    /// `>`
    #[serde(rename = ">")]
    Gt,
    /// `>=`
    #[serde(rename = ">=")]
    Gte,
}

impl CompareOp {
    /// The operator as written in expressions.
    pub fn as_str(self) -> &'static str {
        match self {
            CompareOp::Eq => "==",
            CompareOp::Ne => "!=",
            CompareOp::Lt => "<",
            CompareOp::Lte => "<=",
            CompareOp::Gt => ">",
            CompareOp::Gte => ">=",
        }
    }
}

impl Expr {
    /// The tree of minijinja's parse of a condition whose variables are `references` (sorted),
    /// or `None` when it uses anything the tree does not express.
    pub(crate) fn build(expression: &ast::Expr<'_>, references: &[Reference]) -> Option<Expr> {
        let mut budget = MAX_NODES;
        Expr::from_ast(expression, references, &mut budget)
    }

    fn from_ast(
        expr: &ast::Expr<'_>,
        references: &[Reference],
        budget: &mut usize,
    ) -> Option<Expr> {
        use ast::{BinOpKind, UnaryOpKind};
        *budget = budget.checked_sub(1)?;
        let node = |expr: &ast::Expr<'_>, budget: &mut usize| {
            Expr::from_ast(expr, references, budget).map(Box::new)
        };
        Some(match expr {
            ast::Expr::Var(_) | ast::Expr::GetAttr(_) => {
                let reference = classify(&path(expr)?).ok()?;
                let index = references.binary_search(&reference).ok()?;
                Expr::Read(Read { reference, index })
            }
            ast::Expr::Const(constant) => Expr::Literal(Constant::new(constant.value.clone())?),
            ast::Expr::List(list) => {
                let items = list
                    .items
                    .iter()
                    .map(|item| Expr::from_ast(item, references, budget))
                    .collect::<Option<Vec<Expr>>>()?;
                if items.iter().all(|item| matches!(item, Expr::Literal(_))) {
                    let values = items.into_iter().filter_map(|item| match item {
                        Expr::Literal(constant) => Some(constant.value),
                        _ => None,
                    });
                    Expr::Literal(Constant::new(Value::from(values.collect::<Vec<Value>>()))?)
                } else {
                    Expr::List(items)
                }
            }
            ast::Expr::UnaryOp(unary) => {
                match (&unary.op, Expr::from_ast(&unary.expr, references, budget)?) {
                    (UnaryOpKind::Not, operand) => Expr::Not(Box::new(operand)),
                    // A negative literal such as `-10`: let minijinja work it out, once.
                    (UnaryOpKind::Neg, Expr::Literal(constant)) => {
                        Expr::Literal(Constant::new(negated(constant.value)?)?)
                    }
                    (UnaryOpKind::Neg, _) => return None,
                }
            }
            ast::Expr::BinOp(binary) => {
                let left = node(&binary.left, budget)?;
                let right = node(&binary.right, budget)?;
                match binary.op {
                    BinOpKind::Eq => Expr::Compare(CompareOp::Eq, left, right),
                    BinOpKind::Ne => Expr::Compare(CompareOp::Ne, left, right),
                    BinOpKind::Lt => Expr::Compare(CompareOp::Lt, left, right),
                    BinOpKind::Lte => Expr::Compare(CompareOp::Lte, left, right),
                    BinOpKind::Gt => Expr::Compare(CompareOp::Gt, left, right),
                    BinOpKind::Gte => Expr::Compare(CompareOp::Gte, left, right),
                    BinOpKind::ScAnd => Expr::And(left, right),
                    BinOpKind::ScOr => Expr::Or(left, right),
                    BinOpKind::In => Expr::In(left, right),
                    BinOpKind::Sub => Expr::Difference(left, right),
                    _ => return None,
                }
            }
            ast::Expr::Filter(filter) if filter.name == "length" && filter.args.is_empty() => {
                Expr::Length(node(filter.expr.as_ref()?, budget)?)
            }
            ast::Expr::Test(test) if test.args.is_empty() => {
                let operand = node(&test.expr, budget)?;
                match test.name {
                    "none" => Expr::IsNone(operand),
                    "defined" => Expr::IsDefined(operand),
                    "undefined" => Expr::IsUndefined(operand),
                    _ => return None,
                }
            }
            _ => return None,
        })
    }
}

impl Constant {
    /// A literal from minijinja's value, or `None` for kinds a condition's literal never is.
    fn new(value: Value) -> Option<Constant> {
        Some(Constant {
            literal: literal(&value)?,
            value,
        })
    }
}

/// A minijinja value as a [`Literal`].
fn literal(value: &Value) -> Option<Literal> {
    Some(match value.kind() {
        ValueKind::None => Literal::None,
        ValueKind::Bool => Literal::Bool(value.is_true()),
        ValueKind::Number => Literal::Number(f64::try_from(value.clone()).ok()?),
        ValueKind::String => Literal::Text(value.as_str()?.to_owned()),
        ValueKind::Seq => Literal::List(
            value
                .try_iter()
                .ok()?
                .map(|item| literal(&item))
                .collect::<Option<_>>()?,
        ),
        _ => return None,
    })
}

/// `-value` as minijinja computes it.
fn negated(value: Value) -> Option<Value> {
    static NEGATE: std::sync::LazyLock<Option<minijinja::Expression<'static, 'static>>> =
        std::sync::LazyLock::new(|| super::ENVIRONMENT.compile_expression("-x").ok());
    NEGATE
        .as_ref()?
        .eval(minijinja::context! { x => value })
        .ok()
}

/// The dotted path of a variable with attributes, as `undeclared_variables` names it.
pub(crate) fn path(expr: &ast::Expr<'_>) -> Option<String> {
    match expr {
        ast::Expr::Var(var) => Some(var.id.to_owned()),
        ast::Expr::GetAttr(attribute) => {
            Some(format!("{}.{}", path(&attribute.expr)?, attribute.name))
        }
        _ => None,
    }
}

/// A reference as the dotted path an expression writes (`org.staff`, `answer.hr.pay_gap`).
pub fn reference_path(reference: &Reference) -> String {
    match reference {
        Reference::Org(key) => format!("org.{key}"),
        Reference::Item(root, id) => format!("{}.{id}", root.as_str()),
        Reference::Section(id) => format!("section.{id}"),
        Reference::Overall => "overall".to_owned(),
        Reference::KindIndex(kind) => format!("index.kind.{}", kind.as_str()),
        Reference::TagIndex(tag) => format!("index.tag.{tag}"),
        Reference::EvidenceCoverage => "evidence_coverage".to_owned(),
        Reference::NaShare => "na_share".to_owned(),
    }
}

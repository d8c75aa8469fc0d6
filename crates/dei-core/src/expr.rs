//! Conditions: the `applies_if` of items and the `when` of rules as a [`Condition`] (minijinja,
//! compiled once, checked at load), what they read ([`Reference`]), how they fail
//! ([`ExpressionError`]), and [`Expr`], the one expression tree that direct evaluation, `dei
//! init`'s plain words and XLSForm's `relevant` read.
//!
//! All expressions share one sandboxed environment with strict undefined values (a typo in a key
//! is an error, never a silent `false`) and a fuel limit (no expression runs forever).

use std::sync::LazyLock;

use minijinja::{Environment, Expression, UndefinedBehavior, Value};

use crate::checklist::Checklist;
use crate::raw::ItemKind;

mod direct;
mod tree;

pub use tree::{CompareOp, Constant, Expr, Literal, Read, reference_path};

/// Fuel per evaluation: plenty for any real condition, a hard stop for a runaway one.
const FUEL_PER_EVALUATION: u64 = 50_000;

pub(crate) static ENVIRONMENT: LazyLock<Environment<'static>> = LazyLock::new(|| {
    let mut environment = Environment::new();
    environment.set_undefined_behavior(UndefinedBehavior::Strict);
    environment.set_fuel(Some(FUEL_PER_EVALUATION));
    environment.set_recursion_limit(64);
    environment
});

/// minijinja's parse of an expression (unstable `machinery`; read only here and in `tree.rs`).
type Ast<'a> = minijinja::machinery::ast::Expr<'a>;

/// Where in the context an expression reads.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Reference {
    /// `org.<key>`.
    Org(String),
    /// `answer.`, `score.`, `status.` or `evidence.` followed by a full item id.
    Item(ItemRoot, String),
    /// `section.<id>`.
    Section(String),
    /// `overall`.
    Overall,
    /// `index.kind.<kind>`.
    KindIndex(ItemKind),
    /// `index.tag.<tag>`.
    TagIndex(String),
    /// `evidence_coverage`.
    EvidenceCoverage,
    /// `na_share`.
    NaShare,
}

/// The per-item roots of the context.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemRoot {
    /// The answered value.
    Answer,
    /// The effective score.
    Score,
    /// The status.
    Status,
    /// The number of evidence entries.
    Evidence,
}

impl ItemRoot {
    /// The root's name in expressions.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemRoot::Answer => "answer",
            ItemRoot::Score => "score",
            ItemRoot::Status => "status",
            ItemRoot::Evidence => "evidence",
        }
    }
}

/// A compiled expression with the references it makes.
pub struct Condition {
    /// The expression as written.
    pub source: String,
    expression: Expression<'static, 'static>,
    /// What the expression reads, sorted and without repeats.
    pub references: Vec<Reference>,
    /// The same expression as the one tree (`tree.rs`) that `decide` walks and renderers
    /// translate, when it uses only the shapes the tree has.
    tree: Option<Expr>,
    /// Where it is written (`FILE:LINE:COLUMN`), for messages about its evaluation.
    location: Option<String>,
    /// Its comparisons that read an organisation value, checked before every evaluation by
    /// both `decide` and `is_true` (see `Compared`).
    compared: Vec<Compared>,
}

/// A comparison (`==`, `!=`, `<`, `<=`, `>`, `>=`) with an organisation value on one side and a
/// reference or a literal on the other.
///
/// Why: organisation values are free (`staff: "12"` is a text), and minijinja orders every
/// text above every number, so `org.staff >= 50` would silently be true. A condition with such
/// a comparison of a number and a text fails instead, naming the key and the condition,
/// whichever path evaluates it and whether or not its branch is reached: the same answer from
/// the direct path and from minijinja, decided before either runs.
#[derive(Debug)]
struct Compared {
    left: Side,
    right: Side,
}

#[derive(Debug)]
enum Side {
    /// `references[index]`, written as `path`.
    Read {
        index: usize,
        path: String,
    },
    Const(Value),
}

/// What a value is, for the message: `Some("number")`, `Some("text")`, or `None` for values
/// that are neither (which minijinja's comparisons handle as they do).
fn number_or_text(value: &Value) -> Option<&'static str> {
    match value.kind() {
        minijinja::value::ValueKind::Number => Some("number"),
        minijinja::value::ValueKind::String => Some("text"),
        _ => None,
    }
}

impl Compared {
    /// The comparisons of an expression that read an organisation value.
    fn collect(expression: &Ast<'_>, references: &[Reference]) -> Vec<Compared> {
        use minijinja::machinery::ast::{BinOpKind, CallArg, CompareOpKind, Expr};
        fn side(expr: &Expr<'_>, references: &[Reference]) -> Option<Side> {
            match expr {
                Expr::Const(constant) => Some(Side::Const(constant.value.clone())),
                Expr::Var(_) | Expr::GetAttr(_) => {
                    let path = tree::path(expr)?;
                    let index = references.binary_search(&classify(&path).ok()?).ok()?;
                    Some(Side::Read { index, path })
                }
                _ => None,
            }
        }
        fn walk(expr: &Expr<'_>, references: &[Reference], out: &mut Vec<Compared>, depth: usize) {
            if depth > 256 {
                return;
            }
            let mut pair = |left: &Expr<'_>, right: &Expr<'_>| {
                if let (Some(left), Some(right)) = (side(left, references), side(right, references))
                {
                    let reads_org = |side: &Side| {
                        matches!(side, Side::Read { index, .. }
                            if matches!(references.get(*index), Some(Reference::Org(_))))
                    };
                    if reads_org(&left) || reads_org(&right) {
                        out.push(Compared { left, right });
                    }
                }
            };
            let next = |expr: &Expr<'_>, out: &mut Vec<Compared>| {
                walk(expr, references, out, depth + 1);
            };
            let args = |args: &[CallArg<'_>], out: &mut Vec<Compared>| {
                for arg in args {
                    match arg {
                        CallArg::Pos(expr)
                        | CallArg::Kwarg(_, expr)
                        | CallArg::PosSplat(expr)
                        | CallArg::KwargSplat(expr) => next(expr, out),
                    }
                }
            };
            match expr {
                Expr::Var(_) | Expr::Const(_) => {}
                Expr::BinOp(binary) => {
                    if matches!(
                        binary.op,
                        BinOpKind::Eq
                            | BinOpKind::Ne
                            | BinOpKind::Lt
                            | BinOpKind::Lte
                            | BinOpKind::Gt
                            | BinOpKind::Gte
                    ) {
                        pair(&binary.left, &binary.right);
                    }
                    next(&binary.left, out);
                    next(&binary.right, out);
                }
                Expr::Compare(chain) => {
                    let mut left = &chain.expr;
                    for op in &chain.ops {
                        if !matches!(op.op, CompareOpKind::In | CompareOpKind::NotIn) {
                            pair(left, &op.expr);
                        }
                        left = &op.expr;
                    }
                    next(&chain.expr, out);
                    for op in &chain.ops {
                        next(&op.expr, out);
                    }
                }
                Expr::UnaryOp(unary) => next(&unary.expr, out),
                Expr::Slice(slice) => {
                    next(&slice.expr, out);
                    for part in [&slice.start, &slice.stop, &slice.step]
                        .into_iter()
                        .flatten()
                    {
                        next(part, out);
                    }
                }
                Expr::IfExpr(choice) => {
                    next(&choice.test_expr, out);
                    next(&choice.true_expr, out);
                    if let Some(otherwise) = &choice.false_expr {
                        next(otherwise, out);
                    }
                }
                Expr::Filter(filter) => {
                    if let Some(expr) = &filter.expr {
                        next(expr, out);
                    }
                    args(&filter.args, out);
                }
                Expr::Test(test) => {
                    next(&test.expr, out);
                    args(&test.args, out);
                }
                Expr::GetAttr(attribute) => next(&attribute.expr, out),
                Expr::GetItem(item) => {
                    next(&item.expr, out);
                    next(&item.subscript_expr, out);
                }
                Expr::Call(call) => {
                    next(&call.expr, out);
                    args(&call.args, out);
                }
                Expr::List(list) => list.items.iter().for_each(|item| next(item, out)),
                Expr::Tuple(tuple) => tuple.items.iter().for_each(|item| next(item, out)),
                Expr::Map(map) => {
                    map.keys
                        .iter()
                        .chain(&map.values)
                        .for_each(|item| next(item, out));
                }
            }
        }
        let mut out = Vec::new();
        walk(expression, references, &mut out, 0);
        out
    }

    /// The failure when this comparison would compare a number with a text.
    fn mismatch(
        &self,
        value: &mut dyn FnMut(&Side) -> Option<Value>,
        source: &str,
    ) -> Option<ExpressionError> {
        let left = value(&self.left)?;
        let right = value(&self.right)?;
        let (left_kind, right_kind) = (number_or_text(&left)?, number_or_text(&right)?);
        if left_kind == right_kind {
            return None;
        }
        let describe = |side: &Side, value: &Value, kind: &str, dutch: bool| {
            let shown = match value.as_str() {
                Some(text) => format!("\"{text}\""),
                None => value.to_string(),
            };
            let kind = match (dutch, kind) {
                (false, kind) => format!("the {kind}"),
                (true, "number") => "het getal".to_owned(),
                (true, _) => "de tekst".to_owned(),
            };
            match side {
                Side::Read { path, .. } => format!("`{path}` ({kind} {shown})"),
                Side::Const(_) => format!("{kind} {shown}"),
            }
        };
        Some(ExpressionError {
            kind: FailureKind::NumberAndText,
            english: format!(
                "{} cannot be compared with {} in `{source}`: a number and a text are never in order",
                describe(&self.left, &left, left_kind, false),
                describe(&self.right, &right, right_kind, false)
            ),
            dutch: format!(
                "{} kan niet worden vergeleken met {} in `{source}`: een getal en een tekst hebben geen volgorde",
                describe(&self.left, &left, left_kind, true),
                describe(&self.right, &right, right_kind, true)
            ),
        })
    }
}

/// An item reference resolved to its index, with the context keys that reach it.
///
/// Expressions reach items only through `root.section.item` paths (validation rejects any
/// other use of `answer`, `score`, `status` and `evidence`), so a context that holds just the
/// slots an expression names gives the same results as one holding every item.
#[derive(Clone, Debug)]
pub(crate) struct ItemSlot {
    /// The root: answer, score, status or evidence.
    pub root: ItemRoot,
    /// The item's index in the checklist.
    pub item: usize,
    /// The index of the item's section.
    pub section: usize,
    /// The section id as a context key.
    pub section_key: Value,
    /// The item's local id as a context key.
    pub item_key: Value,
}

impl std::fmt::Debug for Condition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Condition")
            .field("source", &self.source)
            .field("references", &self.references)
            .finish_non_exhaustive()
    }
}

/// Why an expression could not be compiled or understood.
#[derive(Debug)]
pub enum ConditionError {
    /// Not valid minijinja expression syntax.
    Syntax(ExpressionError),
    /// A variable that is not a known context path, with the reason.
    Reference(String, String),
}

impl Condition {
    /// Compiles `source` and classifies every variable it reads.
    pub fn compile(source: &str) -> Result<Self, Vec<ConditionError>> {
        let expression = ENVIRONMENT
            .compile_expression_owned(source.to_owned())
            .map_err(|error| vec![ConditionError::Syntax(ExpressionError::from(&error))])?;
        let mut variables: Vec<String> =
            expression.undeclared_variables(true).into_iter().collect();
        variables.sort();
        let mut references = Vec::new();
        let mut errors = Vec::new();
        for variable in variables {
            match classify(&variable) {
                Ok(reference) => references.push(reference),
                Err(reason) => errors.push(ConditionError::Reference(variable, reason)),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        references.sort();
        references.dedup();
        // minijinja's parse, read once: into the tree and for the comparisons to check.
        let (tree, compared) = match minijinja::machinery::parse_expr(source) {
            Ok(ast) => (
                Expr::build(&ast, &references),
                Compared::collect(&ast, &references),
            ),
            Err(_) => (None, Vec::new()),
        };
        Ok(Self {
            source: source.to_owned(),
            expression,
            references,
            tree,
            location: None,
            compared,
        })
    }

    /// The item references resolved against `checklist`, sorted by root, then item index (so
    /// the items of one section are adjacent). Resolved once, when the checklist's scoring plan
    /// is made (see `score::Plan`): per-file work then neither looks ids up nor builds context
    /// keys.
    pub(crate) fn item_slots(&self, checklist: &Checklist) -> Vec<ItemSlot> {
        let mut slots: Vec<ItemSlot> = self
            .references
            .iter()
            .filter_map(|reference| match reference {
                // An id that does not resolve is left out: evaluation then reports it undefined.
                Reference::Item(root, id) => checklist.item_index(id).and_then(|index| {
                    let item = checklist.items.get(index)?;
                    let section = checklist.sections.get(item.section)?;
                    Some(ItemSlot {
                        root: *root,
                        item: index,
                        section: item.section,
                        section_key: Value::from(section.id.as_str()),
                        item_key: Value::from(item.local_id()),
                    })
                }),
                _ => None,
            })
            .collect();
        slots.sort_by_key(|slot| (slot.root, slot.item));
        slots
    }

    /// Evaluates the expression against `context`; true when the result is truthy. Hidden:
    /// the context is minijinja's type, which is not part of dei-core's API; scoring and the
    /// differential tests and fuzz targets are its users.
    #[doc(hidden)]
    pub fn is_true(&self, context: &Value) -> Result<bool, ExpressionError> {
        let mut value = |side: &Side| match side {
            Side::Const(value) => Some(value.clone()),
            Side::Read { path, .. } => path
                .split('.')
                .try_fold(context.clone(), |value, key| value.get_attr(key).ok())
                .filter(|value| !value.is_undefined()),
        };
        if let Some(failure) = self.mismatch(&mut value) {
            return Err(failure);
        }
        self.expression
            .eval(context.clone())
            .map(|value| value.is_true())
            .map_err(|error| ExpressionError::from(&error))
    }

    /// Decides the expression without minijinja's machine, reading the value of
    /// `references[i]` with `read(i)` (`None` if it cannot be read); `None` when it cannot
    /// decide, and then [`Condition::is_true`] must.
    pub(crate) fn decide(&self, read: &mut dyn FnMut(usize) -> Option<Value>) -> Option<bool> {
        let tree = self.tree.as_ref()?;
        if !self.compared.is_empty() {
            let mut value = |side: &Side| match side {
                Side::Const(value) => Some(value.clone()),
                Side::Read { index, .. } => read(*index).filter(|value| !value.is_undefined()),
            };
            if self.mismatch(&mut value).is_some() {
                // `is_true` reports it.
                return None;
            }
        }
        let value = tree.eval(read)?;
        (!value.is_undefined()).then(|| value.is_true())
    }

    /// Where the expression is written, as `FILE:LINE:COLUMN`, when known.
    pub fn location(&self) -> Option<&str> {
        self.location.as_deref()
    }

    /// Records where the expression is written (validation knows).
    pub(crate) fn set_location(&mut self, location: String) {
        self.location = Some(location);
    }

    /// True when evaluating the expression on a context where everything it reads is `none`
    /// runs out of fuel: such a condition fails on every answers file, so validation refuses
    /// it. Only expressions left to minijinja can (see `tree::MAX_NODES`).
    pub(crate) fn runs_out_of_fuel_on_empty_answers(&self) -> bool {
        if self.tree.is_some() {
            return false;
        }
        let mut root = NoneTree::default();
        for reference in &self.references {
            root.insert(&reference_path(reference));
        }
        let context = root.value();
        matches!(
            self.expression.eval(context),
            Err(error) if error.kind() == minijinja::ErrorKind::OutOfFuel
        )
    }

    /// The first comparison of a number with a text, as a failure (see `Compared`).
    fn mismatch(&self, value: &mut dyn FnMut(&Side) -> Option<Value>) -> Option<ExpressionError> {
        self.compared
            .iter()
            .find_map(|compared| compared.mismatch(value, &self.source))
    }

    /// [`Condition::decide`] reading every reference from `context` as [`Condition::is_true`]
    /// would: for the differential tests and fuzz targets of direct evaluation. Not a stable
    /// API.
    #[doc(hidden)]
    pub fn decide_in(&self, context: &Value) -> Option<bool> {
        let paths: Vec<String> = self.references.iter().map(reference_path).collect();
        self.decide(&mut |index| {
            paths.get(index).map(|path| {
                path.split('.')
                    .try_fold(context.clone(), |value, key| value.get_attr(key).ok())
                    .unwrap_or(Value::UNDEFINED)
            })
        })
    }

    /// The expression as the one tree, or `None` when it uses a shape the tree does not
    /// express (then minijinja alone evaluates it, and renderers show the source).
    pub fn tree(&self) -> Option<&Expr> {
        self.tree.as_ref()
    }

    /// The full ids of the items this expression reads under any root.
    pub fn item_ids(&self) -> impl Iterator<Item = &str> {
        self.references
            .iter()
            .filter_map(|reference| match reference {
                Reference::Item(_, id) => Some(id.as_str()),
                _ => None,
            })
    }
}

/// Nested maps of `none` values, the shape of a context (see `runs_out_of_fuel_on_empty_answers`).
#[derive(Default)]
struct NoneTree(std::collections::BTreeMap<String, NoneTree>);

impl NoneTree {
    fn insert(&mut self, path: &str) {
        let mut node = self;
        for key in path.split('.') {
            node = node.0.entry(key.to_owned()).or_default();
        }
    }

    fn value(&self) -> Value {
        if self.0.is_empty() {
            Value::from(())
        } else {
            self.0
                .iter()
                .map(|(key, tree)| (key.clone(), tree.value()))
                .collect::<Value>()
        }
    }
}

/// Why an expression did not compile or could not be evaluated, in English and in Dutch.
///
/// The English is minijinja's kind and detail in one line, as it always was (`Display`); the
/// Dutch says the common kinds in a sentence of its own and keeps minijinja's words only for
/// rare ones, marked as its technical message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpressionError {
    /// What kind of failure, for the advice that goes with it.
    pub kind: FailureKind,
    english: String,
    dutch: String,
}

/// The kinds of [`ExpressionError`] that call for different advice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailureKind {
    /// Not valid expression syntax.
    Syntax,
    /// A value that does not exist was read (a missing key).
    Undefined,
    /// A number compared with a text (see `Compared`).
    NumberAndText,
    /// The evaluation ran out of fuel.
    OutOfFuel,
    /// Anything else: an operation the values do not allow, an unknown filter or test.
    Other,
}

impl ExpressionError {
    /// The message in Dutch.
    pub fn dutch(&self) -> &str {
        &self.dutch
    }
}

impl std::fmt::Display for ExpressionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.english)
    }
}

impl std::error::Error for ExpressionError {}

impl From<&minijinja::Error> for ExpressionError {
    fn from(error: &minijinja::Error) -> Self {
        use minijinja::ErrorKind;
        // One line, without minijinja's internal details.
        let mut english = error.kind().to_string();
        let detail = error.detail().unwrap_or_default();
        if !detail.is_empty() {
            english.push_str(": ");
            english.push_str(detail);
        }
        // minijinja's words as a code span (its own backticks become quotes, so the span holds).
        let technical = |sentence: &str| {
            format!(
                "{sentence} (technische melding van minijinja: `{}`)",
                english.replace('`', "'")
            )
        };
        let (kind, dutch) = match error.kind() {
            ErrorKind::SyntaxError => (
                FailureKind::Syntax,
                syntax_in_dutch(detail)
                    .unwrap_or_else(|| technical("de schrijfwijze van de expressie klopt niet")),
            ),
            ErrorKind::UndefinedError => (
                FailureKind::Undefined,
                match detail
                    .strip_suffix(" is undefined")
                    .filter(|name| name.starts_with('`') && name.ends_with('`'))
                {
                    Some(name) => {
                        format!("de voorwaarde leest {name}, maar die waarde bestaat niet")
                    }
                    None if detail.is_empty() => {
                        "de voorwaarde leest een waarde die niet bestaat".to_owned()
                    }
                    None => technical("de voorwaarde leest een waarde die niet bestaat"),
                },
            ),
            ErrorKind::OutOfFuel => (
                FailureKind::OutOfFuel,
                "de voorwaarde vraagt te veel rekenstappen en is gestopt".to_owned(),
            ),
            ErrorKind::InvalidOperation => (
                FailureKind::Other,
                operation_in_dutch(detail)
                    .unwrap_or_else(|| technical("deze bewerking kan niet met deze waarden")),
            ),
            ErrorKind::UnknownFilter => (FailureKind::Other, technical("onbekend filter")),
            ErrorKind::UnknownTest => (FailureKind::Other, technical("onbekende test")),
            ErrorKind::UnknownFunction => (FailureKind::Other, technical("onbekende functie")),
            ErrorKind::UnknownMethod => (FailureKind::Other, technical("onbekende methode")),
            ErrorKind::TooManyArguments => (FailureKind::Other, technical("te veel argumenten")),
            ErrorKind::MissingArgument => (FailureKind::Other, technical("een argument ontbreekt")),
            _ => (
                FailureKind::Other,
                technical("de voorwaarde kan niet worden berekend"),
            ),
        };
        // A failure that names an undefined value gets the advice for one.
        let kind = if kind == FailureKind::Other && english.contains("undefined") {
            FailureKind::Undefined
        } else {
            kind
        };
        Self {
            kind,
            english,
            dutch,
        }
    }
}

/// minijinja's syntax messages in Dutch: "unexpected X, expected Y" and the lexer's own.
fn syntax_in_dutch(detail: &str) -> Option<String> {
    /// A token or an expectation as minijinja names it, in Dutch; `` `)` `` stays as it is.
    fn thing(words: &str) -> Option<String> {
        if words.starts_with('`') {
            return Some(words.to_owned());
        }
        Some(
            match words {
                "expression" => "een waarde",
                "identifier" => "een naam",
                "identifier or integer" => "een naam of een geheel getal",
                "string" => "een tekst",
                "integer" => "een geheel getal",
                "float" => "een decimaal getal",
                "keyword" => "een sleutelwoord",
                "end of input" | "end of variable block" => "het einde van de expressie",
                _ => return None,
            }
            .to_owned(),
        )
    }
    match detail {
        "unexpected character" => {
            return Some("er staat een teken dat hier niet kan staan".to_owned());
        }
        "unexpected end of string" => {
            return Some("een tekst tussen aanhalingstekens wordt niet afgesloten".to_owned());
        }
        "unexpected input after expression" => {
            return Some("na de expressie staat nog iets".to_owned());
        }
        "invalid float" | "invalid integer (too large)" | "'_' may not occur at end of number" => {
            return Some("een getal is niet goed geschreven of te groot".to_owned());
        }
        _ => {}
    }
    let rest = detail.strip_prefix("unexpected ")?;
    let (found, expected) = match rest.split_once(", expected ") {
        Some((found, expected)) => (found, Some(thing(expected)?)),
        None => (rest, None),
    };
    Some(match (found, expected) {
        ("end of input" | "end of variable block", Some(expected)) => {
            format!("de expressie houdt op waar nog {expected} moet komen")
        }
        ("end of input" | "end of variable block", None) => {
            "de expressie houdt te vroeg op".to_owned()
        }
        (found, Some(expected)) => format!("{} staat waar {expected} moet komen", thing(found)?),
        (found, None) => format!("{} kan hier niet staan", thing(found)?),
    })
}

/// minijinja's messages of an operation the values do not allow, in Dutch.
fn operation_in_dutch(detail: &str) -> Option<String> {
    fn kind(words: &str) -> Option<&'static str> {
        Some(match words {
            "undefined" => "een ontbrekende waarde",
            "none" => "`none` (geen waarde)",
            "bool" => "een waar/onwaar-waarde",
            "number" => "een getal",
            "string" => "een tekst",
            "sequence" => "een lijst",
            "map" => "een verzameling sleutels",
            _ => return None,
        })
    }
    if let Some(rest) = detail.strip_prefix("tried to use ") {
        let (operator, types) = rest.split_once(" operator on unsupported types ")?;
        let (left, right) = types.split_once(" and ")?;
        return Some(format!(
            "`{operator}` kan niet met {} en {}",
            kind(left)?,
            kind(right)?
        ));
    }
    if detail == "cannot perform a containment check on this value" {
        return Some(
            "`in` kan alleen zoeken in een lijst, een tekst of een verzameling sleutels".to_owned(),
        );
    }
    if let Some(value) = detail.strip_suffix(" is not iterable") {
        return Some(format!("`{value}` is geen lijst"));
    }
    None
}

pub(crate) fn classify(variable: &str) -> Result<Reference, String> {
    let parts: Vec<&str> = variable.split('.').collect();
    let item_root = match parts[0] {
        "answer" => Some(ItemRoot::Answer),
        "score" => Some(ItemRoot::Score),
        "status" => Some(ItemRoot::Status),
        "evidence" => Some(ItemRoot::Evidence),
        _ => None,
    };
    if let Some(root) = item_root {
        return match parts.as_slice() {
            [_, section, item] => Ok(Reference::Item(root, format!("{section}.{item}"))),
            _ => Err(format!(
                "`{}` must be followed by a full item id, as in `{}.strategy.budget`",
                root.as_str(),
                root.as_str()
            )),
        };
    }
    match parts.as_slice() {
        ["org", key] => Ok(Reference::Org((*key).to_owned())),
        ["org"] => Err("use `org.<key>`, such as `org.staff`".to_owned()),
        ["section", id] => Ok(Reference::Section((*id).to_owned())),
        ["overall"] => Ok(Reference::Overall),
        ["evidence_coverage"] => Ok(Reference::EvidenceCoverage),
        ["na_share"] => Ok(Reference::NaShare),
        ["index", "kind", kind] => match *kind {
            "policy" => Ok(Reference::KindIndex(ItemKind::Policy)),
            "practice" => Ok(Reference::KindIndex(ItemKind::Practice)),
            "outcome" => Ok(Reference::KindIndex(ItemKind::Outcome)),
            _ => Err("item kinds are `policy`, `practice` and `outcome`".to_owned()),
        },
        ["index", "tag", tag] => Ok(Reference::TagIndex((*tag).to_owned())),
        _ => Err(
            "known names are org, answer, score, status, evidence, section, overall, index, evidence_coverage and na_share"
                .to_owned(),
        ),
    }
}

/// Roots that an `applies_if` may read: scope is decided before anything is scored.
pub(crate) fn allowed_in_applies_if(reference: &Reference) -> bool {
    matches!(
        reference,
        Reference::Org(_) | Reference::Item(ItemRoot::Answer, _)
    )
}

#[cfg(test)]
mod tests {
    use super::{Condition, ConditionError, ExpressionError, FailureKind};
    use minijinja::{ErrorKind, context};

    /// minijinja's English that must not reach the Dutch of a failure, outside the code spans
    /// that mark its technical message.
    const ENGLISH: &[&str] = &[
        "unexpected",
        "expected",
        "undefined",
        "operator",
        "unsupported",
        "fuel",
        "cannot",
        "invalid",
        "syntax",
        "error",
        "value",
        "unknown",
        "end of",
    ];

    fn assert_dutch(failure: &ExpressionError, source: &str) {
        let prose: String = failure.dutch().split('`').step_by(2).collect();
        for word in ENGLISH {
            assert!(
                !prose.to_lowercase().contains(word),
                "`{word}` in the Dutch of `{source}`: {}\n(English: {failure})",
                failure.dutch()
            );
        }
        assert_ne!(failure.dutch(), failure.to_string(), "{source}");
    }

    #[test]
    fn syntax_errors_are_said_in_dutch() {
        for source in [
            "org.staff >=",
            "(answer.strategy.budget == 'no'",
            "org.staff = 5",
            "org.name == 'open",
            "org.staff >= 5 5",
            "org.staff >= 5 )",
            "org.staff @ 1",
            "org.staff >= 99999999999999999999999999999999999999999",
            "answer.strategy.budget in [",
            "org.",
        ] {
            match Condition::compile(source) {
                Err(errors) => match errors.as_slice() {
                    [ConditionError::Syntax(failure)] => {
                        assert_eq!(failure.kind, FailureKind::Syntax, "{source}");
                        assert_dutch(failure, source);
                    }
                    other => panic!("{source}: {other:?}"),
                },
                Ok(_) => panic!("{source} compiles"),
            }
        }
    }

    #[test]
    fn evaluation_failures_are_said_in_dutch() {
        let context = context! {
            org => context! { staff => "12", name => "Harbour", count => 3 },
        };
        for (source, kind) in [
            ("org.region == 'north'", FailureKind::Undefined),
            ("org.staff >= 50", FailureKind::NumberAndText),
            ("org.count + 'x' == 1", FailureKind::Other),
            ("org.staff + 1 == 13", FailureKind::Other),
            ("'a' in org.count", FailureKind::Other),
        ] {
            let condition =
                Condition::compile(source).unwrap_or_else(|errors| panic!("{source}: {errors:?}"));
            let failure = condition
                .is_true(&context)
                .expect_err(&format!("{source} fails"));
            assert_eq!(failure.kind, kind, "{source}: {failure}");
            assert_dutch(&failure, source);
        }
        let out_of_fuel = ExpressionError::from(&minijinja::Error::new(ErrorKind::OutOfFuel, ""));
        assert_eq!(out_of_fuel.kind, FailureKind::OutOfFuel);
        assert_dutch(&out_of_fuel, "(out of fuel)");
    }
}

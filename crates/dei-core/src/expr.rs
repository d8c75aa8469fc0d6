//! Expressions of `applies_if` and rule conditions: minijinja, compiled once, checked at load.
//!
//! All expressions share one sandboxed environment with strict undefined values (a typo in a key
//! is an error, never a silent `false`) and a fuel limit (no expression runs forever).

use std::borrow::Cow;
use std::sync::{LazyLock, OnceLock};

use minijinja::{Environment, Expression, UndefinedBehavior, Value};

use crate::checklist::Checklist;
use crate::direct::Node;
use crate::raw::ItemKind;

/// Fuel per evaluation: plenty for any real condition, a hard stop for a runaway one.
const FUEL_PER_EVALUATION: u64 = 50_000;

pub(crate) static ENVIRONMENT: LazyLock<Environment<'static>> = LazyLock::new(|| {
    let mut environment = Environment::new();
    environment.set_undefined_behavior(UndefinedBehavior::Strict);
    environment.set_fuel(Some(FUEL_PER_EVALUATION));
    environment.set_recursion_limit(64);
    environment
});

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
    /// The item references resolved against the checklist that owns this condition, filled on
    /// the first evaluation: per-file work then neither looks ids up nor builds context keys.
    slots: OnceLock<Vec<ItemSlot>>,
    /// The same expression as a tree that `decide` walks directly, when it uses only what
    /// that tree supports (see `Node`).
    direct: Option<Node>,
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
    /// The item's full id, to notice a checklist changed after resolution.
    id: String,
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
    Syntax(String),
    /// A variable that is not a known context path, with the reason.
    Reference(String, String),
}

impl Condition {
    /// Compiles `source` and classifies every variable it reads.
    pub fn compile(source: &str) -> Result<Self, Vec<ConditionError>> {
        let expression = ENVIRONMENT
            .compile_expression_owned(source.to_owned())
            .map_err(|error| vec![ConditionError::Syntax(describe(&error))])?;
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
        let direct = Node::compile(source, &references);
        Ok(Self {
            source: source.to_owned(),
            expression,
            references,
            slots: OnceLock::new(),
            direct,
        })
    }

    /// The item references resolved against `checklist`, sorted by root, then item index (so
    /// the items of one section are adjacent).
    ///
    /// Resolved once and kept: a condition belongs to one checklist. In case a caller changed
    /// that checklist's items afterwards, each use compares the ids (cheap) and resolves afresh
    /// when they differ.
    pub(crate) fn item_slots(&self, checklist: &Checklist) -> Cow<'_, [ItemSlot]> {
        let slots = self.slots.get_or_init(|| self.resolve(checklist));
        let current = self.item_ids().count() == slots.len()
            && slots.iter().all(|slot| {
                checklist
                    .items
                    .get(slot.item)
                    .is_some_and(|item| item.id == slot.id && item.section == slot.section)
            });
        if current {
            Cow::Borrowed(slots)
        } else {
            Cow::Owned(self.resolve(checklist))
        }
    }

    fn resolve(&self, checklist: &Checklist) -> Vec<ItemSlot> {
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
                        id: id.clone(),
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

    /// Evaluates the expression against `context`; true when the result is truthy.
    pub fn is_true(&self, context: &Value) -> Result<bool, String> {
        self.expression
            .eval(context.clone())
            .map(|value| value.is_true())
            .map_err(|error| describe(&error))
    }

    /// Decides the expression without minijinja's machine, reading the value of
    /// `references[i]` with `read(i)` (`None` if it cannot be read); `None` when it cannot
    /// decide, and then [`Condition::is_true`] must.
    pub(crate) fn decide(&self, read: &mut dyn FnMut(usize) -> Option<Value>) -> Option<bool> {
        let direct = self.direct.as_ref()?;
        let value = direct.eval(read)?;
        (!value.is_undefined()).then(|| value.is_true())
    }

    /// Whether [`Condition::decide`] can evaluate this expression (for tests).
    #[cfg(test)]
    pub(crate) fn is_direct(&self) -> bool {
        self.direct.is_some()
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

/// A minijinja error in one line, without its internal details.
fn describe(error: &minijinja::Error) -> String {
    let mut text = error.kind().to_string();
    if let Some(detail) = error.detail() {
        text.push_str(": ");
        text.push_str(detail);
    }
    text
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
pub fn allowed_in_applies_if(reference: &Reference) -> bool {
    matches!(
        reference,
        Reference::Org(_) | Reference::Item(ItemRoot::Answer, _)
    )
}

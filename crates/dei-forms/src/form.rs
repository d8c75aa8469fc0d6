//! The shape of a checklist as a form: which XLSForm field holds what. One layout serves both
//! directions, so `dei xlsform` writes exactly the names that `dei import` reads back.
//!
//! Field names are XML names that pyxform accepts and that stay readable in a Kobo export:
//! one group per section (named by the section id), one field per item named by its local id
//! (`section-local` when two sections share a local id, so every `${name}` is unambiguous),
//! and helper fields `<name>_na`, `<name>_na_reason` and `<name>_evidence`.

use std::collections::{BTreeMap, HashMap, HashSet};

use dei_core::expr::{
    CompareOp, Constant, Expr, ItemRoot, Literal, Read, Reference, reference_path,
};
use dei_core::questionnaire::{Input, Question};
use dei_core::{Checklist, Diagnostic, Diagnostics, Questionnaire};

/// The group that holds the organisation's fields.
pub const ORG_GROUP: &str = "organisation";
/// The field of the organisation's name.
pub const ORG_NAME: &str = "org_name";
/// The field of the organisation's stable id.
pub const ORG_ID: &str = "org_id";
/// The field of the period.
pub const PERIOD: &str = "period";
/// The field of the respondent group.
pub const RESPONDENT: &str = "respondent";
/// The calculate field recording the checklist id on every submission.
pub const CHECKLIST_FIELD: &str = "dei_checklist";
/// The calculate field recording the checklist version on every submission.
pub const VERSION_FIELD: &str = "dei_checklist_version";
/// The choice that marks an item not applicable.
pub const NA_CHOICE: &str = "_na";
/// The choice of a `select_multiple` that says "none of these": an answer, unlike no answer.
pub const NONE_CHOICE: &str = "_none";
/// The respondent groups offered by the form (SPEC §15: group ids, never names).
pub const RESPONDENT_GROUPS: &[&str] = &[
    "board",
    "management",
    "staff",
    "volunteers",
    "participants",
    "partners",
];

/// The type an organisation key takes in the form, inferred from how conditions use it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrgType {
    /// Compared with whole numbers only.
    Integer,
    /// Compared with numbers.
    Decimal,
    /// Read as a truth value on its own (`org.runs_programmes`): a yes/no choice, `true` or
    /// `false` in the answers file.
    Boolean,
    /// Anything else.
    Text,
}

/// One organisation key that the checklist's conditions read.
#[derive(Clone, Debug)]
pub struct OrgField {
    /// The key in the answers file's `organisation` map.
    pub key: String,
    /// The field name (`org_<key>`).
    pub name: String,
    /// Its type.
    pub kind: OrgType,
}

/// The fields of one item.
#[derive(Clone, Debug)]
pub struct ItemFields {
    /// The full item id.
    pub id: String,
    /// The section id: the group the fields are in.
    pub section: String,
    /// The answer field.
    pub name: String,
    /// For number and text items that allow N/A: the check box field that marks N/A.
    pub na_toggle: Option<String>,
    /// For items that allow N/A: the reason field.
    pub na_reason: Option<String>,
    /// The evidence field (every item has one; its label follows the evidence policy).
    pub evidence: Option<String>,
    /// The XLSForm `relevant` of the item, from `applies_if`.
    pub relevant: Option<String>,
}

/// The whole form layout of a checklist.
#[derive(Clone, Debug)]
pub struct Layout {
    /// Checklist id.
    pub checklist: String,
    /// Checklist version.
    pub version: String,
    /// Organisation keys read by conditions, sorted by key.
    pub org: Vec<OrgField>,
    /// Fields per item, in definition order.
    pub items: Vec<ItemFields>,
}

impl Layout {
    /// The layout of `questionnaire` (the checklist is used only for the organisation keys
    /// its rules read). Every `applies_if` is translated; one that cannot be is an error
    /// naming the item, never dropped.
    pub fn new(
        checklist: &Checklist,
        questionnaire: &Questionnaire,
    ) -> Result<Layout, Diagnostics> {
        let mut problems = Diagnostics::default();
        let org = org_fields(checklist, questionnaire);
        // Field names: the local id unless two sections share it.
        let mut count: HashMap<&str, usize> = HashMap::new();
        for question in questionnaire.questions() {
            *count.entry(question.local_id.as_str()).or_default() += 1;
        }
        let reserved: HashSet<&str> = [
            ORG_NAME,
            ORG_ID,
            PERIOD,
            RESPONDENT,
            CHECKLIST_FIELD,
            VERSION_FIELD,
        ]
        .into_iter()
        .chain(org.iter().map(|field| field.name.as_str()))
        .chain(
            questionnaire
                .sections
                .iter()
                .map(|section| section.id.as_str()),
        )
        .chain([ORG_GROUP])
        .collect();
        let mut names: HashMap<String, String> = HashMap::new();
        for section in &questionnaire.sections {
            for question in &section.questions {
                let local = question.local_id.as_str();
                let name = if count[local] > 1 || reserved.contains(local) {
                    format!("{}-{local}", section.id)
                } else {
                    local.to_owned()
                };
                names.insert(question.id.clone(), name);
            }
        }
        let kinds: HashMap<&str, &Input> = questionnaire
            .questions()
            .map(|question| (question.id.as_str(), &question.input))
            .collect();
        let translator = Translator {
            names: &names,
            kinds: &kinds,
        };
        let mut items = Vec::new();
        for section in &questionnaire.sections {
            for question in &section.questions {
                let name = names[&question.id].clone();
                let relevant = match &question.applies_if {
                    None => None,
                    Some(applies) => match applies
                        .tree
                        .as_ref()
                        .ok_or_else(|| {
                            why(
                                "this shape of expression has no tree".to_owned(),
                                "deze vorm van uitdrukking heeft geen boom".to_owned(),
                            )
                        })
                        .and_then(|tree| translator.condition(tree))
                    {
                        Ok(xpath) => Some(xpath),
                        Err([why, waarom]) => {
                            problems.push(
                                Diagnostic::error(
                                    dei_core::Code::UntranslatableCondition,
                                    &questionnaire.checklist,
                                    format!(
                                        "`applies_if: {}` cannot be written as an XLSForm `relevant`: {why}",
                                        applies.source
                                    ),
                                )
                                .with_id(&question.id)
                                .with_hint(
                                    "write the condition with comparisons, `in` lists, `and`/`or`/`not`, `is defined` and `| length` on answers and organisation keys",
                                )
                                .with_dutch(
                                    format!(
                                        "`applies_if: {}` kan niet als XLSForm-`relevant` geschreven worden: {waarom}",
                                        applies.source
                                    ),
                                    Some("schrijf de voorwaarde met vergelijkingen, `in`-lijsten, `and`/`or`/`not`, `is defined` en `| length` op antwoorden en organisatiesleutels".to_owned()),
                                ),
                            );
                            None
                        }
                    },
                };
                items.push(item_fields(section.id.clone(), name, question, relevant));
            }
        }
        if problems.has_errors() {
            return Err(problems);
        }
        Ok(Layout {
            checklist: questionnaire.checklist.clone(),
            version: questionnaire.version.clone(),
            org,
            items,
        })
    }
}

fn item_fields(
    section: String,
    name: String,
    question: &Question,
    relevant: Option<String>,
) -> ItemFields {
    let with_suffix = |suffix: &str| format!("{name}_{suffix}");
    let needs_toggle =
        question.allow_na && matches!(question.input, Input::Number { .. } | Input::Text);
    ItemFields {
        id: question.id.clone(),
        section,
        na_toggle: needs_toggle.then(|| with_suffix("na")),
        na_reason: question.allow_na.then(|| with_suffix("na_reason")),
        // Every item: an answers file may list evidence for any item and the scorecard counts
        // it, also where the checklist expects none (`evidence: none` only means no cap and no
        // gap). Without the field, such evidence was lost on the way through a form.
        evidence: Some(with_suffix("evidence")),
        name,
        relevant,
    }
}

/// The organisation keys that items' conditions and rules read, typed by the literals they are
/// compared with.
fn org_fields(checklist: &Checklist, questionnaire: &Questionnaire) -> Vec<OrgField> {
    // Every fact the checklist reads; its type where a condition compares it with a literal
    // (`None`: read, but never compared with one).
    let mut kinds: BTreeMap<String, Option<OrgType>> =
        dei_core::questionnaire::organisation_facts(checklist)
            .into_iter()
            .map(|fact| (fact.key, None))
            .collect();
    let trees = questionnaire
        .questions()
        .filter_map(|question| question.applies_if.as_ref().and_then(|a| a.tree.as_ref()))
        .chain(checklist.rules().iter().filter_map(|rule| rule.when.tree()));
    for tree in trees {
        collect_org(tree, &mut kinds);
    }
    // `name` and `id` have fields of their own.
    kinds.remove("name");
    kinds.remove("id");
    kinds
        .into_iter()
        .map(|(key, kind)| OrgField {
            name: format!("org_{key}"),
            key,
            kind: kind.unwrap_or(OrgType::Text),
        })
        .collect()
}

fn collect_org(tree: &Expr, kinds: &mut BTreeMap<String, Option<OrgType>>) {
    let org_key = |expr: &Expr| match expr {
        Expr::Read(Read {
            reference: Reference::Org(key),
            ..
        }) => Some(key.clone()),
        _ => None,
    };
    match tree {
        Expr::Read(Read {
            reference: Reference::Org(key),
            ..
        }) => {
            kinds.entry(key.clone()).or_insert(None);
        }
        Expr::Compare(_, a, b) => {
            for (side, other) in [(a, b), (b, a)] {
                if let Some(key) = org_key(side) {
                    let kind = match other.as_ref() {
                        Expr::Literal(Constant {
                            literal: Literal::Number(n),
                            ..
                        }) if n.fract() == 0.0 => OrgType::Integer,
                        Expr::Literal(Constant {
                            literal: Literal::Number(_),
                            ..
                        }) => OrgType::Decimal,
                        _ => OrgType::Text,
                    };
                    let entry = kinds.entry(key).or_insert(None);
                    *entry = Some(match (entry.unwrap_or(kind), kind) {
                        (OrgType::Text, _) | (_, OrgType::Text) => OrgType::Text,
                        (OrgType::Decimal, _) | (_, OrgType::Decimal) => OrgType::Decimal,
                        _ => OrgType::Integer,
                    });
                }
            }
            collect_org(a, kinds);
            collect_org(b, kinds);
        }
        Expr::Literal(_) | Expr::Read(_) => {}
        Expr::List(items) => items.iter().for_each(|item| collect_org(item, kinds)),
        // A key read on its own where a truth value is needed is a yes/no field.
        Expr::Not(x) if org_key(x).is_some() => mark_boolean(org_key(x), kinds),
        Expr::And(a, b) | Expr::Or(a, b) if org_key(a).is_some() || org_key(b).is_some() => {
            for side in [a, b] {
                if org_key(side).is_some() {
                    mark_boolean(org_key(side), kinds);
                } else {
                    collect_org(side, kinds);
                }
            }
        }
        Expr::Not(x)
        | Expr::Length(x)
        | Expr::IsNone(x)
        | Expr::IsDefined(x)
        | Expr::IsUndefined(x) => {
            collect_org(x, kinds);
        }
        Expr::And(a, b) | Expr::Or(a, b) | Expr::In(a, b) | Expr::Difference(a, b) => {
            collect_org(a, kinds);
            collect_org(b, kinds);
        }
    }
}

/// Marks a key read as a truth value: Boolean, unless it is also compared with something else.
fn mark_boolean(key: Option<String>, kinds: &mut BTreeMap<String, Option<OrgType>>) {
    if let Some(key) = key {
        let entry = kinds.entry(key).or_insert(None);
        *entry = Some(match *entry {
            None | Some(OrgType::Boolean) => OrgType::Boolean,
            Some(_) => OrgType::Text,
        });
    }
}

/// Translates condition trees into XPath for XLSForm's `relevant`.
struct Translator<'a> {
    names: &'a HashMap<String, String>,
    kinds: &'a HashMap<&'a str, &'a Input>,
}

impl Translator<'_> {
    /// An expression in a place where a truth value is needed.
    fn condition(&self, expr: &Expr) -> Result<String, Why> {
        Ok(match expr {
            Expr::Not(x) => format!("not({})", self.condition(x)?),
            Expr::And(a, b) => format!("({} and {})", self.condition(a)?, self.condition(b)?),
            Expr::Or(a, b) => format!("({} or {})", self.condition(a)?, self.condition(b)?),
            Expr::Literal(Constant {
                literal: Literal::Bool(true),
                ..
            }) => "true()".to_owned(),
            Expr::Literal(Constant {
                literal: Literal::Bool(false),
                ..
            }) => "false()".to_owned(),
            // A yes/no organisation key on its own: true when the form's answer is `true`.
            Expr::Read(Read {
                reference: Reference::Org(_),
                ..
            }) => format!("{} = 'true'", self.value(expr)?),
            Expr::Compare(op, a, b) => {
                let xpath_op = match op {
                    CompareOp::Eq => "=",
                    CompareOp::Ne => "!=",
                    CompareOp::Lt => "<",
                    CompareOp::Lte => "<=",
                    CompareOp::Gt => ">",
                    CompareOp::Gte => ">=",
                };
                if self.is_multi(a) || self.is_multi(b) {
                    return Err(why(
                        "a multi answer compared as a whole".to_owned(),
                        "een meerkeuzeantwoord als geheel vergeleken".to_owned(),
                    ));
                }
                format!("{} {xpath_op} {}", self.value(a)?, self.value(b)?)
            }
            Expr::In(needle, container) => self.membership(needle, container)?,
            // An unset field is the empty string in a form; `none` and undefined both mean
            // "no answer" in dei.
            Expr::IsNone(x) | Expr::IsUndefined(x) => format!("{} = ''", self.value(x)?),
            Expr::IsDefined(x) => format!("{} != ''", self.value(x)?),
            other => {
                return Err(why(
                    format!(
                        "`{}` is not a condition a form can check",
                        describe(other)[0]
                    ),
                    format!(
                        "`{}` is geen voorwaarde die een formulier kan controleren",
                        describe(other)[1]
                    ),
                ));
            }
        })
    }

    fn membership(&self, needle: &Expr, container: &Expr) -> Result<String, Why> {
        let listed = |items: Vec<String>| -> Result<String, Why> {
            let needle = self.value(needle)?;
            if items.is_empty() {
                return Ok("false()".to_owned());
            }
            let parts: Vec<String> = items
                .iter()
                .map(|item| format!("{needle} = {item}"))
                .collect();
            Ok(format!("({})", parts.join(" or ")))
        };
        match container {
            Expr::Literal(Constant {
                literal: Literal::List(items),
                ..
            }) => listed(items.iter().map(literal).collect::<Result<_, _>>()?),
            Expr::List(items) => listed(
                items
                    .iter()
                    .map(|item| self.value(item))
                    .collect::<Result<_, _>>()?,
            ),
            _ if self.is_multi(container) => Ok(format!(
                "selected({}, {})",
                self.value(Self::strip_default(container))?,
                self.value(needle)?
            )),
            _ => Ok(format!(
                "contains({}, {})",
                self.value(container)?,
                self.value(needle)?
            )),
        }
    }

    /// `(answer.x or [])` reads as `answer.x`: an unanswered multi is already empty in a form.
    fn strip_default(expr: &Expr) -> &Expr {
        match expr {
            Expr::Or(a, b) if matches!(b.as_ref(), Expr::Literal(Constant { literal: Literal::List(l), .. }) if l.is_empty()) => {
                a
            }
            other => other,
        }
    }

    fn is_multi(&self, expr: &Expr) -> bool {
        match Self::strip_default(expr) {
            Expr::Read(Read {
                reference: Reference::Item(ItemRoot::Answer, id),
                ..
            }) => {
                matches!(self.kinds.get(id.as_str()), Some(Input::Multi { .. }))
            }
            _ => false,
        }
    }

    /// An expression in a place where a value is needed.
    fn value(&self, expr: &Expr) -> Result<String, Why> {
        match expr {
            Expr::Read(Read {
                reference: Reference::Org(key),
                ..
            }) => Ok(match key.as_str() {
                "name" => format!("${{{ORG_NAME}}}"),
                "id" => format!("${{{ORG_ID}}}"),
                _ => format!("${{org_{key}}}"),
            }),
            Expr::Read(Read {
                reference: Reference::Item(ItemRoot::Answer, id),
                ..
            }) => self
                .names
                .get(id)
                .map(|name| format!("${{{name}}}"))
                .ok_or_else(|| {
                    why(
                        format!("it reads `answer.{id}`, which is not in the form"),
                        format!("ze leest `answer.{id}`, dat niet in het formulier staat"),
                    )
                }),
            Expr::Read(Read {
                reference: other, ..
            }) => Err(why(
                format!(
                    "it reads `{}`, which is known only after scoring",
                    reference_path(other)
                ),
                format!(
                    "ze leest `{}`, dat pas na het scoren bekend is",
                    reference_path(other)
                ),
            )),
            Expr::Literal(constant) => literal(&constant.literal),
            Expr::Length(x) => {
                let inner = Self::strip_default(x);
                if self.is_multi(inner) {
                    Ok(format!("count-selected({})", self.value(inner)?))
                } else {
                    Ok(format!("string-length({})", self.value(inner)?))
                }
            }
            other => Err(why(
                format!("`{}` has no XPath equivalent here", describe(other)[0]),
                format!("`{}` heeft hier geen XPath-tegenhanger", describe(other)[1]),
            )),
        }
    }
}

fn literal(value: &Literal) -> Result<String, Why> {
    match value {
        Literal::None => Ok("''".to_owned()),
        Literal::Bool(true) => Ok("true()".to_owned()),
        Literal::Bool(false) => Ok("false()".to_owned()),
        Literal::Number(n) if n.is_finite() => Ok(format_number(*n)),
        Literal::Number(_) => Err(why(
            "a number that is not finite".to_owned(),
            "een getal dat niet eindig is".to_owned(),
        )),
        Literal::Text(text) if !text.contains('\'') => Ok(format!("'{text}'")),
        Literal::Text(text) if !text.contains('"') => Ok(format!("\"{text}\"")),
        Literal::Text(_) => Err(why(
            "a text with both kinds of quotes".to_owned(),
            "een tekst met beide soorten aanhalingstekens".to_owned(),
        )),
        Literal::List(_) => Err(why(
            "a list outside `in`".to_owned(),
            "een lijst buiten `in`".to_owned(),
        )),
    }
}

/// A number as XPath and XLSForm write it: whole numbers without a decimal point.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{n:.0}")
    } else {
        format!("{n}")
    }
}

/// Why a condition cannot be written as XPath, in English and in Dutch.
type Why = [String; 2];

fn why(english: String, dutch: String) -> Why {
    [english, dutch]
}

/// What an expression is, in English and in Dutch (operators stay as they are written).
fn describe(expr: &Expr) -> [&'static str; 2] {
    match expr {
        Expr::Read(_) => ["a value on its own", "een losse waarde"],
        Expr::Literal(_) => ["a literal", "een letterlijke waarde"],
        Expr::List(_) => ["a list", "een lijst"],
        Expr::Not(_) => ["not", "not"],
        Expr::And(..) => ["and", "and"],
        Expr::Or(..) => ["or", "or"],
        Expr::Compare(..) => ["a comparison", "een vergelijking"],
        Expr::In(..) => ["in", "in"],
        Expr::Difference(..) => ["a difference", "een verschil"],
        Expr::Length(_) => ["| length", "| length"],
        Expr::IsNone(_) => ["is none", "is none"],
        Expr::IsDefined(_) => ["is defined", "is defined"],
        Expr::IsUndefined(_) => ["is undefined", "is undefined"],
    }
}

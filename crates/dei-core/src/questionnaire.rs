//! The checklist as a questionnaire in one language: the one model that every form renders
//! (SPEC §16): `dei init`'s template, the `dei serve` pages, the XLSForm and answer sheets.
//!
//! Why a model of its own: each renderer needs the same things (sections and items in order,
//! texts in the chosen language, options with labels, number ranges and units, evidence and N/A
//! settings, `applies_if` as a tree it can translate, the levels and the organisation facts the
//! conditions read). Taking them from here, and nowhere else, keeps the forms from drifting
//! apart.

use serde::Serialize;

use crate::checklist::{AnswerKind, AnswerOption, Checklist, Item, Target};
use crate::expr::{Expr, Reference};
use crate::raw::EvidencePolicy;

/// A checklist as a questionnaire in one language.
#[derive(Clone, Debug, Serialize)]
pub struct Questionnaire {
    /// The checklist id.
    pub checklist: String,
    /// The checklist version.
    pub version: String,
    /// The language the texts are in: one of `languages`.
    pub language: String,
    /// The checklist's languages, the default first.
    pub languages: Vec<String>,
    /// The checklist title.
    pub title: String,
    /// The checklist description (Markdown), if any.
    pub description: Option<String>,
    /// The sections, in definition order.
    pub sections: Vec<QuestionSection>,
    /// The levels, from low to high.
    pub levels: Vec<QuestionLevel>,
    /// The highest score of an item whose required evidence is missing.
    pub evidence_cap: f64,
    /// The organisation keys (besides `name`) that conditions and rules read, in definition
    /// order: what a form asks about the organisation.
    pub facts: Vec<Fact>,
}

/// A level of the checklist, in the questionnaire's language.
#[derive(Clone, Debug, Serialize)]
pub struct QuestionLevel {
    /// The level id.
    pub id: String,
    /// The label.
    pub label: String,
    /// The lowest overall score of the level.
    pub min: f64,
    /// The full ids of the items that need full marks (or N/A, or out of scope).
    pub requires: Vec<String>,
}

/// An organisation key that conditions or rules read, with who reads it.
#[derive(Clone, Debug, Serialize)]
pub struct Fact {
    /// The key under `organisation`.
    pub key: String,
    /// The full ids of the items whose `applies_if` reads it.
    pub items: Vec<String>,
    /// The ids of the rules whose condition reads it.
    pub rules: Vec<String>,
}

/// One section of a questionnaire.
#[derive(Clone, Debug, Serialize)]
pub struct QuestionSection {
    /// The section id.
    pub id: String,
    /// The title.
    pub title: String,
    /// The description (Markdown), if any.
    pub description: Option<String>,
    /// The section's weight in the overall score.
    pub weight: f64,
    /// The questions, in definition order.
    pub questions: Vec<Question>,
}

/// One question: an item of the checklist.
#[derive(Clone, Debug, Serialize)]
pub struct Question {
    /// The full item id, `section.item`: the key of its answer.
    pub id: String,
    /// The item id within its section.
    pub local_id: String,
    /// The question.
    pub text: String,
    /// Guidance (Markdown): what good looks like, how to evidence it.
    pub guidance: Option<String>,
    /// What kind of answer it takes.
    pub input: Input,
    /// Whether evidence is asked for.
    pub evidence: EvidencePolicy,
    /// Whether "not applicable" (with a reason) is allowed.
    pub allow_na: bool,
    /// Whether the answer counts in scores.
    pub scored: bool,
    /// The question's weight in its section.
    pub weight: f64,
    /// Whether people outside management answer it too (SPEC section 15).
    pub respondents: bool,
    /// When the question applies, if not always.
    pub applies_if: Option<Applicability>,
}

/// The answer a question takes.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Input {
    /// One option.
    Choice {
        /// The options, in definition order.
        options: Vec<Choice>,
    },
    /// Any number of options.
    Multi {
        /// The options, in definition order.
        options: Vec<Choice>,
    },
    /// A number.
    Number {
        /// The unit word as the checklist writes it (`percent`, `count`, `days`...).
        unit: Option<String>,
        /// Lowest valid answer.
        min: Option<f64>,
        /// Highest valid answer.
        max: Option<f64>,
        /// Where the full marks are and where they run out (SPEC section 5), if the number
        /// is scored by a target.
        #[serde(serialize_with = "serialize_target")]
        target: Option<Target>,
    },
    /// Free text.
    Text,
}

/// An answer option.
#[derive(Clone, Debug, Serialize)]
pub struct Choice {
    /// The option id: what an answers file holds.
    pub id: String,
    /// The label in the questionnaire's language.
    pub label: String,
    /// A description, if any.
    pub description: Option<String>,
    /// The option's score in [0, 1].
    pub score: f64,
}

/// When a question applies.
#[derive(Clone, Debug, Serialize)]
pub struct Applicability {
    /// The `applies_if` expression as written.
    pub source: String,
    /// The expression as the one tree ([`Expr`]), or `None` when it uses a shape the tree
    /// does not express (a renderer that must translate it reports that, naming the item).
    pub tree: Option<Expr>,
}

impl Questionnaire {
    /// The questionnaire of `checklist` in the language that best matches `language` (see
    /// [`pick_language`]).
    pub fn new(checklist: &Checklist, language: &str) -> Questionnaire {
        let language = pick_language(&checklist.languages, language).to_owned();
        let default = checklist
            .languages
            .first()
            .map_or("en", String::as_str)
            .to_owned();
        let text = |text: &crate::Text| text.get(&language, &default).to_owned();
        let sections = checklist
            .sections
            .iter()
            .map(|section| QuestionSection {
                id: section.id.clone(),
                title: text(&section.title),
                description: section.description.as_ref().map(text),
                weight: section.weight,
                questions: checklist.items[section.items.clone()]
                    .iter()
                    .map(|item| question(item, &text))
                    .collect(),
            })
            .collect();
        Questionnaire {
            checklist: checklist.id.clone(),
            version: checklist.version.clone(),
            language: language.clone(),
            languages: checklist.languages.clone(),
            title: text(&checklist.title),
            description: checklist.description.as_ref().map(text),
            sections,
            levels: checklist
                .levels
                .iter()
                .map(|level| QuestionLevel {
                    id: level.id.clone(),
                    label: text(&level.label),
                    min: level.min,
                    requires: level
                        .requires
                        .iter()
                        .filter_map(|&index| checklist.items.get(index))
                        .map(|item| item.id.clone())
                        .collect(),
                })
                .collect(),
            evidence_cap: checklist.evidence_cap,
            facts: organisation_facts(checklist),
        }
    }

    /// Every question, in definition order.
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.sections.iter().flat_map(|section| &section.questions)
    }
}

/// Of `languages` (a checklist's, the default first), the one that `wanted` asks for: an exact
/// match, else the same primary language (`nl-BE` finds `nl`, `nl` finds `nl-NL`), else the
/// default. Every renderer and report matches languages through this one function.
pub fn pick_language<'a>(languages: &'a [String], wanted: &str) -> &'a str {
    let primary = crate::text::primary_language;
    let wanted_primary = primary(wanted);
    languages
        .iter()
        .find(|language| language.eq_ignore_ascii_case(wanted))
        .or_else(|| {
            languages
                .iter()
                .find(|language| primary(language) == wanted_primary)
        })
        .or_else(|| languages.first())
        .map_or("en", String::as_str)
}

fn question(item: &Item, text: &dyn Fn(&crate::Text) -> String) -> Question {
    let choices = |options: &[AnswerOption]| {
        options
            .iter()
            .map(|option| Choice {
                id: option.id.clone(),
                label: text(&option.label),
                description: option.description.as_ref().map(text),
                score: option.score,
            })
            .collect()
    };
    let input = match &item.answer {
        AnswerKind::Choice(options) => Input::Choice {
            options: choices(options),
        },
        AnswerKind::Multi(options) => Input::Multi {
            options: choices(options),
        },
        AnswerKind::Number(number) => Input::Number {
            unit: number.unit.clone(),
            min: number.min,
            max: number.max,
            target: number.target,
        },
        AnswerKind::Text => Input::Text,
    };
    Question {
        id: item.id.clone(),
        local_id: item.local_id().to_owned(),
        text: text(&item.question),
        guidance: item.guidance.as_ref().map(text),
        input,
        evidence: item.evidence,
        allow_na: item.allow_na,
        scored: item.is_scored(),
        weight: item.weight,
        respondents: item.respondents,
        applies_if: item.applies_if.as_ref().map(|condition| Applicability {
            source: condition.source.clone(),
            tree: condition.tree().cloned(),
        }),
    }
}

/// The organisation keys the checklist reads (besides `name`), in definition order: first
/// those of the items' conditions, then those of the rules.
/// The organisation facts the checklist's conditions read (`org.KEY` in an `applies_if` or a
/// rule's `when:`), in order of first reading (items, then rules), with who reads each; `name`
/// is left out. The one list every form asks for: `dei init`, the web form, the XLSForm.
pub fn organisation_facts(checklist: &Checklist) -> Vec<Fact> {
    let mut facts: Vec<Fact> = Vec::new();
    let mut note = |key: &str, user: &str, is_rule: bool| {
        if key == "name" {
            return;
        }
        let index = facts
            .iter()
            .position(|fact| fact.key == key)
            .unwrap_or_else(|| {
                facts.push(Fact {
                    key: key.to_owned(),
                    items: Vec::new(),
                    rules: Vec::new(),
                });
                facts.len() - 1
            });
        if let Some(fact) = facts.get_mut(index) {
            let users = if is_rule {
                &mut fact.rules
            } else {
                &mut fact.items
            };
            if !users.iter().any(|known| known == user) {
                users.push(user.to_owned());
            }
        }
    };
    for item in &checklist.items {
        for reference in item.applies_if.iter().flat_map(|c| &c.references) {
            if let Reference::Org(key) = reference {
                note(key, &item.id, false);
            }
        }
    }
    for rule in &checklist.rules {
        for reference in &rule.when.references {
            if let Reference::Org(key) = reference {
                note(key, &rule.id, true);
            }
        }
    }
    facts
}

// serde's `serialize_with` hands over a reference to the field, here an `Option`.
#[allow(clippy::ref_option)]
fn serialize_target<S: serde::Serializer>(
    target: &Option<Target>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Bands {
        good: (f64, f64),
        poor: (f64, f64),
    }
    target
        .map(|target| Bands {
            good: target.good,
            poor: target.poor,
        })
        .serialize(serializer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Library;
    use crate::expr::Reference;

    fn builtin(id: &str) -> std::sync::Arc<Checklist> {
        Library::new()
            .checklist(id, None)
            .expect("built-in checklist")
    }

    #[test]
    fn languages_match_by_primary_tag() {
        let languages = vec!["en".to_owned(), "nl".to_owned()];
        assert_eq!(pick_language(&languages, "nl"), "nl");
        assert_eq!(pick_language(&languages, "nl-BE"), "nl");
        assert_eq!(pick_language(&languages, "NL"), "nl");
        assert_eq!(pick_language(&languages, "de"), "en");
        let regional = vec!["en".to_owned(), "nl-NL".to_owned()];
        assert_eq!(pick_language(&regional, "nl"), "nl-NL");
    }

    #[test]
    fn dutch_is_nl_and_its_regional_forms_only() {
        for code in ["nl", "NL", "nl-BE", "nl_NL", "Nl-nl"] {
            assert!(crate::is_dutch(code), "{code}");
        }
        for code in ["en", "nld", "nlx", "", "en-NL", "n"] {
            assert!(!crate::is_dutch(code), "{code}");
        }
    }

    #[test]
    fn every_builtin_question_is_in_the_model_in_order() {
        for id in ["ngo-dei", "dei-washing-selfcheck"] {
            let checklist = builtin(id);
            for language in &checklist.languages {
                let questionnaire = Questionnaire::new(&checklist, language);
                assert_eq!(&questionnaire.language, language);
                let ids: Vec<&str> = questionnaire.questions().map(|q| q.id.as_str()).collect();
                let expected: Vec<&str> = checklist.items.iter().map(|i| i.id.as_str()).collect();
                assert_eq!(ids, expected, "{id} in {language}");
            }
        }
    }

    #[test]
    fn every_builtin_applies_if_has_a_tree_reading_only_org_and_answers() {
        for id in ["ngo-dei", "dei-washing-selfcheck"] {
            let checklist = builtin(id);
            let questionnaire = Questionnaire::new(&checklist, "en");
            for question in questionnaire.questions() {
                let Some(applies) = &question.applies_if else {
                    continue;
                };
                let tree = applies
                    .tree
                    .as_ref()
                    .unwrap_or_else(|| panic!("{}: no tree for `{}`", question.id, applies.source));
                let mut reads = Vec::new();
                collect_reads(tree, &mut reads);
                assert!(!reads.is_empty(), "{}", question.id);
                for reference in reads {
                    assert!(
                        matches!(
                            reference,
                            Reference::Org(_) | Reference::Item(crate::expr::ItemRoot::Answer, _)
                        ),
                        "{}",
                        question.id
                    );
                }
            }
        }
    }

    fn collect_reads<'a>(expr: &'a Expr, out: &mut Vec<&'a Reference>) {
        match expr {
            Expr::Read(read) => out.push(&read.reference),
            Expr::Literal(_) => {}
            Expr::List(items) => items.iter().for_each(|item| collect_reads(item, out)),
            Expr::Not(x)
            | Expr::Length(x)
            | Expr::IsNone(x)
            | Expr::IsDefined(x)
            | Expr::IsUndefined(x) => collect_reads(x, out),
            Expr::And(a, b)
            | Expr::Or(a, b)
            | Expr::Compare(_, a, b)
            | Expr::In(a, b)
            | Expr::Difference(a, b) => {
                collect_reads(a, out);
                collect_reads(b, out);
            }
        }
    }

    #[test]
    fn trees_keep_the_shape_of_the_expression() {
        let condition = crate::expr::Condition::compile(
            "org.staff >= 50 and answer.hr.pay_gap in ['yes', 'partly']",
        )
        .expect("compiles");
        let tree = condition.tree().expect("tree");
        let json = serde_json::to_string(tree).expect("serialises");
        assert_eq!(
            json,
            r#"{"op":"and","args":[{"op":"compare","args":[">=",{"op":"read","args":"org.staff"},{"op":"literal","args":50.0}]},{"op":"in","args":[{"op":"read","args":"answer.hr.pay_gap"},{"op":"literal","args":["yes","partly"]}]}]}"#
        );
        let unsupported =
            crate::expr::Condition::compile("org.name | upper == 'X'").expect("compiles");
        assert_eq!(unsupported.tree(), None);
    }
}

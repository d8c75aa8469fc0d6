//! The respondents' part of a report (SPEC section 15): per group the medians beside the
//! organisation's scores with the gaps, perception gap flags in words, and the workshop view
//! (the conversation starters, ready to print).
//!
//! Invariant: only what `dei_core::respondents::Respondents` holds reaches this view: group
//! ids, counts and scores; never a respondent's comment, evidence, reason or name.

use dei_core::Scorecard;
use dei_core::checklist::AnswerKind;
use dei_core::respondents::{
    ALL_RESPONDENTS, ConversationStarter, MAX_STARTERS, PERCEPTION_GAP, Respondents, STARTER_SPREAD,
};
use dei_core::scorecard::Flag;
use serde::Serialize;

use super::{Words, bar};
use crate::escape::escape_inline;
use crate::strings::fill;

/// How the respondents see the organisation.
#[derive(Clone, Debug, Serialize)]
pub struct RespondentsView {
    /// Intro paragraph.
    pub intro: String,
    /// Notes: the questions compared, groups left out.
    pub notes: Vec<String>,
    /// One table per group shown.
    pub groups: Vec<GroupView>,
    /// The conversation starters, for a session.
    pub workshop: WorkshopView,
}

/// One group's table.
#[derive(Clone, Debug, Serialize)]
pub struct GroupView {
    /// Heading: the group and its size.
    pub title: String,
    /// One row per section with a score.
    pub rows: Vec<GapRow>,
}

/// One section of a group's table.
#[derive(Clone, Debug, Serialize)]
pub struct GapRow {
    /// Section title.
    pub section: String,
    /// The organisation's score.
    pub organisation: String,
    /// The group median.
    pub median: String,
    /// The gap, marked when it is a perception gap.
    pub gap: String,
    /// Whether the gap is a perception gap.
    pub flagged: bool,
}

/// The workshop view.
#[derive(Clone, Debug, Serialize)]
pub struct WorkshopView {
    /// Intro paragraph, or the sentence saying there is nothing to discuss.
    pub intro: String,
    /// The starters, largest spread first.
    pub starters: Vec<StarterView>,
}

/// One conversation starter.
#[derive(Clone, Debug, Serialize)]
pub struct StarterView {
    /// Position, from 1.
    pub rank: usize,
    /// Full item id.
    pub id: String,
    /// The question.
    pub question: String,
    /// Section, spread and number of answers.
    pub meta: String,
    /// What good looks like (the checklist author's Markdown).
    pub guidance: Option<String>,
    /// How many respondents chose each option, in option order.
    pub counts: Vec<CountRow>,
    /// A sentence instead of counts, for number items.
    pub note: Option<String>,
    /// The organisation's own answer.
    pub organisation_answer: String,
}

/// An option and how many respondents chose it.
#[derive(Clone, Debug, Serialize)]
pub struct CountRow {
    /// The option's label.
    pub label: String,
    /// How many chose it.
    pub count: usize,
    /// One block per respondent who chose it, scaled to ten for the largest group.
    pub bar: String,
}

/// A group id as shown.
fn group_label(w: &Words<'_>, id: &str) -> String {
    if id == ALL_RESPONDENTS {
        w.s.respondents_all.to_owned()
    } else {
        escape_inline(id)
    }
}

/// A gap in points with its sign.
fn signed(w: &Words<'_>, gap: Option<f64>) -> String {
    match gap {
        Some(gap) if gap > 0.0 => format!("+{}", w.one(Some(gap))),
        other => w.one(other),
    }
}

/// The view of `respondents` for the organisation's `scorecard`.
pub(super) fn view(
    w: &Words<'_>,
    scorecard: &Scorecard,
    respondents: &Respondents,
) -> RespondentsView {
    let s = w.s;
    let total: usize = respondents.groups.iter().map(|group| group.n).sum();
    let min_group = respondents.min_group.to_string();
    let mut notes = Vec::new();
    if !respondents.items_compared.is_empty() {
        notes.push(fill(
            s.respondents_items_note,
            &[("count", &respondents.items_compared.len().to_string())],
        ));
    }
    if respondents.groups.is_empty() {
        notes.push(fill(s.respondents_none_shown, &[("min_group", &min_group)]));
    }
    if respondents.left_out > 0 {
        notes.push(fill(
            s.respondents_left_out,
            &[
                ("count", &respondents.left_out.to_string()),
                ("min_group", &min_group),
            ],
        ));
    }
    let groups = respondents
        .groups
        .iter()
        .map(|group| GroupView {
            title: fill(
                s.respondents_group,
                &[
                    ("group", &group_label(w, &group.id)),
                    ("count", &group.n.to_string()),
                ],
            ),
            rows: group
                .sections
                .iter()
                .filter(|section| section.median.is_some() || section.organisation.is_some())
                .map(|section| {
                    let flagged = gap_flagged(scorecard, &section.id, &group.id);
                    let gap = signed(w, section.gap);
                    GapRow {
                        section: w.section_title(&section.id),
                        organisation: w.one(section.organisation),
                        median: w.one(section.median),
                        gap: if flagged {
                            fill(s.respondents_gap_flagged, &[("gap", &gap)])
                        } else {
                            gap
                        },
                        flagged,
                    }
                })
                .collect(),
        })
        .collect();
    RespondentsView {
        intro: fill(
            s.respondents_intro,
            &[
                ("count", &total.to_string()),
                ("min_group", &min_group),
                ("gap", &w.number(PERCEPTION_GAP)),
            ],
        ),
        notes,
        groups,
        workshop: workshop(w, scorecard, &respondents.conversation_starters),
    }
}

fn gap_flagged(scorecard: &Scorecard, section: &str, group: &str) -> bool {
    scorecard.flags.iter().any(|flag| {
        flag.section.as_deref() == Some(section) && flag.group.as_deref() == Some(group)
    })
}

fn workshop(
    w: &Words<'_>,
    scorecard: &Scorecard,
    starters: &[ConversationStarter],
) -> WorkshopView {
    let s = w.s;
    let spread = w.number(STARTER_SPREAD);
    let intro = if starters.is_empty() {
        fill(s.workshop_none, &[("spread", &spread)])
    } else {
        fill(
            s.workshop_intro,
            &[("spread", &spread), ("max", &MAX_STARTERS.to_string())],
        )
    };
    let starters = starters
        .iter()
        .enumerate()
        .map(|(index, starter)| {
            let item = w.checklist.item(&starter.id);
            let largest = starter.counts.values().copied().max().unwrap_or(0).max(1);
            let counts = starter
                .counts
                .iter()
                .map(|(option, &count)| CountRow {
                    label: item
                        .and_then(|item| item.options().iter().find(|o| &o.id == option))
                        .map_or_else(|| escape_inline(option), |o| w.plain(&o.label)),
                    count,
                    bar: bar(Some(100.0 * count as f64 / largest as f64))
                        .chars()
                        .filter(|c| *c == '█')
                        .collect(),
                })
                .collect();
            let section = item
                .and_then(|item| w.checklist.sections().get(item.section))
                .map_or_else(String::new, |section| w.plain(&section.title));
            let own = w.item_line(scorecard, &starter.id);
            StarterView {
                rank: index + 1,
                id: starter.id.clone(),
                question: w.question(&starter.id),
                meta: fill(
                    s.workshop_meta,
                    &[
                        ("section", &section),
                        ("spread", &w.short(starter.spread)),
                        ("count", &starter.n.to_string()),
                    ],
                ),
                guidance: item.and_then(|item| w.markdown(item.guidance.as_ref())),
                counts,
                note: item
                    .filter(|item| matches!(item.answer, AnswerKind::Number(_)))
                    .map(|_| s.workshop_numbers.to_owned()),
                organisation_answer: fill(
                    s.workshop_organisation_answer,
                    &[("answer", &own.answer)],
                ),
            }
        })
        .collect();
    WorkshopView { intro, starters }
}

/// The title of a `perception_gap` flag: section, group and gap.
pub(super) fn flag_title(w: &Words<'_>, scorecard: &Scorecard, flag: &Flag) -> String {
    let section = flag.section.as_deref().unwrap_or_default();
    let group = flag.group.as_deref().unwrap_or_default();
    let gap = scorecard
        .respondents
        .as_ref()
        .and_then(|respondents| respondents.groups.iter().find(|g| g.id == group))
        .and_then(|g| g.sections.iter().find(|s| s.id == section))
        .and_then(|s| s.gap);
    fill(
        w.s.perception_gap_title,
        &[
            ("section", &w.section_title(section)),
            ("group", &group_label(w, group)),
            ("gap", &w.one(gap)),
        ],
    )
}

//! Tailoring: an organisation adapts a checklist without forking it (SPEC section 8).
//!
//! A tailoring is applied to the base's raw model, then the result is validated like any
//! checklist. Parts added by the tailoring remember their source (`origin`), so every problem
//! points into the file that caused it.

use std::collections::HashMap;

use serde_saphyr::Spanned;

use crate::checklist::{BaseChecklist, Checklist};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::raw::{RawChecklist, RawItem, RawSection, RawTailoring};
use crate::source::Source;
use crate::validate::{self, Exclusion, did_you_mean_both, is_checklist_id, is_version};

/// A raw definition ready for validation, with the sources its parts came from.
pub(crate) struct Definition {
    pub raw: RawChecklist,
    pub sources: Vec<Source>,
    pub excluded: HashMap<String, Exclusion>,
    pub tailoring: Option<TailoringHeader>,
}

impl Definition {
    /// A definition that is not a tailoring.
    pub(crate) fn plain(raw: RawChecklist, source: Source) -> Self {
        Definition {
            raw,
            sources: vec![source],
            excluded: HashMap::new(),
            tailoring: None,
        }
    }

    /// Validates the definition and applies a tailoring's header.
    pub(crate) fn finish(self) -> Result<Checklist, Diagnostics> {
        let mut checklist = validate::validate(self.raw, &self.sources, &self.excluded)?;
        if let Some(header) = self.tailoring {
            checklist.id = header.id;
            checklist.version = header.version;
            if let Some(title) = header.title {
                checklist.title = title;
            }
            if header.description.is_some() {
                checklist.description = header.description;
            }
            checklist.base = Some(header.base);
        }
        Ok(checklist)
    }
}

/// What a tailoring sets on the checklist it produces.
pub(crate) struct TailoringHeader {
    pub id: String,
    pub version: String,
    pub title: Option<crate::text::Text>,
    pub description: Option<crate::text::Text>,
    pub base: BaseChecklist,
}

/// Applies `tailoring` (from `source`) to the base definition.
pub(crate) fn apply(
    mut base: Definition,
    tailoring: RawTailoring,
    source: Source,
) -> Result<Definition, Diagnostics> {
    let origin = base.sources.len();
    let mut problems = Diagnostics::default();
    let error = |code: Code, line: u64, column: u64, message: String| {
        Diagnostic::error(code, source.name(), message).at(&source, line, column)
    };
    let at = |spanned: &Spanned<String>| (spanned.referenced.line(), spanned.referenced.column());

    let base_id = base
        .tailoring
        .as_ref()
        .map_or_else(|| base.raw.id.value.clone(), |header| header.id.clone());
    let base_version = base.tailoring.as_ref().map_or_else(
        || base.raw.version.value.clone(),
        |header| header.version.clone(),
    );
    if let Some(wanted) = &tailoring.tailors_version
        && wanted.value != base_version
    {
        let (line, column) = at(wanted);
        problems.push(
            error(
                Code::VersionMismatch,
                line,
                column,
                format!("this tailoring was written for version {} of `{base_id}`, which is now at version {base_version}", wanted.value),
            )
            .with_hint("review the base checklist's changes, then update `tailors_version`")
            .with_dutch(
                format!("deze aanpassing is geschreven voor versie {} van `{base_id}`, die nu op versie {base_version} staat", wanted.value),
                Some("bekijk wat er in de basisvragenlijst veranderd is en werk daarna `tailors_version` bij".to_owned()),
            ),
        );
    }
    let (line, column) = at(&tailoring.id);
    if !is_checklist_id(&tailoring.id.value) {
        problems.push(
            error(
                Code::InvalidId,
                line,
                column,
                format!(
                    "checklist id `{}` is not of the allowed form",
                    tailoring.id.value
                ),
            )
            .with_hint(
                "use lowercase letters, digits and hyphens, such as `example-foundation-dei`",
            )
            .with_dutch(
                format!(
                    "de id `{}` van de vragenlijst heeft niet de toegestane vorm",
                    tailoring.id.value
                ),
                Some("gebruik kleine letters, cijfers en koppeltekens, zoals `example-foundation-dei`".to_owned()),
            ),
        );
    }
    if tailoring.id.value == base_id {
        problems.push(
            error(
                Code::InvalidTailoring,
                line,
                column,
                format!("the tailoring has the same id as its base, `{base_id}`"),
            )
            .with_hint("give the tailored checklist its own id, so scorecards tell them apart")
            .with_dutch(
                format!("de aanpassing heeft dezelfde id als haar basis, `{base_id}`"),
                Some("geef de aangepaste vragenlijst een eigen id, zodat scorekaarten ze uit elkaar houden".to_owned()),
            ),
        );
    }
    let version = match &tailoring.version {
        Some(version) if !is_version(&version.value) => {
            let (line, column) = at(version);
            problems.push(
                error(
                    Code::InvalidVersion,
                    line,
                    column,
                    format!("version `{}` is not a semantic version", version.value),
                )
                .with_hint("write MAJOR.MINOR.PATCH, such as 1.0.0")
                .with_dutch(
                    format!("versie `{}` is geen semantische versie", version.value),
                    Some("schrijf MAJOR.MINOR.PATCH, zoals 1.0.0".to_owned()),
                ),
            );
            base_version.clone()
        }
        Some(version) => version.value.clone(),
        None => base_version.clone(),
    };

    // Exclusions: a section takes its items with it. A rule can be excluded too, so that an
    // organisation can drop an item together with the rules that read it.
    for excluded in &tailoring.exclude {
        let (line, column) = at(excluded);
        let exclusion = Exclusion {
            origin,
            line,
            column,
        };
        let sections = &mut base.raw.sections.value;
        if let Some(position) = sections
            .iter()
            .position(|section| section.id.value == excluded.value)
        {
            let section = sections.remove(position);
            for item in &section.items {
                base.excluded.insert(
                    format!("{}.{}", section.id.value, item.id.value),
                    exclusion.clone(),
                );
            }
            base.excluded.insert(excluded.value.clone(), exclusion);
            continue;
        }
        let removed = excluded
            .value
            .split_once('.')
            .and_then(|(section_id, item_id)| {
                let section = sections
                    .iter_mut()
                    .find(|section| section.id.value == section_id)?;
                let position = section
                    .items
                    .iter()
                    .position(|item| item.id.value == item_id)?;
                Some(section.items.remove(position))
            });
        if removed.is_some() {
            base.excluded.insert(excluded.value.clone(), exclusion);
        } else if let Some(position) = base
            .raw
            .rules
            .iter()
            .position(|rule| rule.id.value == excluded.value)
        {
            base.raw.rules.remove(position);
        } else {
            let mut known = known_ids(&base.raw.sections.value);
            known.extend(base.raw.rules.iter().map(|rule| rule.id.value.clone()));
            let (hint, hint_nl) = did_you_mean_both(
                &excluded.value,
                known.iter().map(String::as_str),
                "exclude a section id, a full item id such as `hr.pay_gap`, or a rule id",
                "sluit een onderdeel-id, een volledige vraag-id zoals `hr.pay_gap`, of een regel-id uit",
            );
            problems.push(
                error(
                    Code::InvalidTailoring,
                    line,
                    column,
                    format!(
                        "`{}` cannot be excluded: there is no such section, item or rule",
                        excluded.value
                    ),
                )
                .with_id(&excluded.value)
                .with_hint(hint)
                .with_dutch(
                    format!(
                        "`{}` kan niet worden uitgesloten: er is geen onderdeel, vraag of regel met die id",
                        excluded.value
                    ),
                    Some(hint_nl),
                ),
            );
        }
    }

    for (target, weight) in &tailoring.weights {
        let (line, column) = at(target);
        if !crate::validate::is_valid_weight(weight.value) {
            problems.push(
                error(
                    Code::InvalidWeight,
                    weight.referenced.line(),
                    weight.referenced.column(),
                    format!(
                        "weight {} of `{}` is not 0 or a number from {} to {}",
                        crate::answers::readable_number(weight.value),
                        target.value,
                        crate::validate::MIN_WEIGHT,
                        crate::validate::MAX_WEIGHT
                    ),
                )
                .with_id(&target.value)
                .with_hint("weights are 0 (shown, not scored) or from 0.001 to 1000")
                .with_dutch(
                    format!(
                        "gewicht {} van `{}` is niet 0 en geen getal van {} tot {}",
                        crate::answers::readable_number(weight.value),
                        target.value,
                        crate::validate::MIN_WEIGHT,
                        crate::validate::MAX_WEIGHT
                    ),
                    Some(
                        "gewichten zijn 0 (getoond, niet meegeteld) of van 0.001 tot 1000"
                            .to_owned(),
                    ),
                ),
            );
            continue;
        }
        let new_weight = Some(Spanned {
            value: weight.value,
            referenced: weight.referenced,
            defined: weight.defined,
        });
        let sections = &mut base.raw.sections.value;
        if let Some(section) = sections
            .iter_mut()
            .find(|section| section.id.value == target.value)
        {
            section.weight = new_weight;
            continue;
        }
        let item = target
            .value
            .split_once('.')
            .and_then(|(section_id, item_id)| {
                sections
                    .iter_mut()
                    .find(|section| section.id.value == section_id)?
                    .items
                    .iter_mut()
                    .find(|item| item.id.value == item_id)
            });
        if let Some(item) = item {
            item.weight = new_weight;
        } else {
            let (message, hint, message_nl, hint_nl) = if base.excluded.contains_key(&target.value)
            {
                (
                    format!("`{}` is excluded, so it cannot get a weight", target.value),
                    format!(
                        "remove the weight, or keep `{}` by removing it from `exclude`",
                        target.value
                    ),
                    format!(
                        "`{}` is uitgesloten, dus kan geen gewicht krijgen",
                        target.value
                    ),
                    format!(
                        "verwijder het gewicht, of houd `{}` door het uit `exclude` te halen",
                        target.value
                    ),
                )
            } else {
                let known = known_ids(&base.raw.sections.value);
                let (hint, hint_nl) = did_you_mean_both(
                    &target.value,
                    known.iter().map(String::as_str),
                    "name a section id or a full item id",
                    "noem een onderdeel-id of een volledige vraag-id",
                );
                (
                    format!(
                        "`{}` cannot be weighted: there is no such section or item",
                        target.value
                    ),
                    hint,
                    format!(
                        "`{}` kan geen gewicht krijgen: er is geen onderdeel of vraag met die id",
                        target.value
                    ),
                    hint_nl,
                )
            };
            problems.push(
                error(Code::InvalidTailoring, line, column, message)
                    .with_id(&target.value)
                    .with_hint(hint)
                    .with_dutch(message_nl, Some(hint_nl)),
            );
        }
    }

    for mut section in tailoring.add_sections {
        mark_section(&mut section, origin);
        base.raw.sections.value.push(section);
    }
    for (section_id, items) in tailoring.add_items {
        let Some(section) = base
            .raw
            .sections
            .value
            .iter_mut()
            .find(|section| section.id.value == section_id.value)
        else {
            let (line, column) = at(&section_id);
            let ids: Vec<String> = base
                .raw
                .sections
                .value
                .iter()
                .map(|s| s.id.value.clone())
                .collect();
            let (hint, hint_nl) = did_you_mean_both(
                &section_id.value,
                ids.iter().map(String::as_str),
                "add items to an existing section, or add a section",
                "voeg vragen toe aan een bestaand onderdeel, of voeg een onderdeel toe",
            );
            problems.push(
                error(
                    Code::InvalidTailoring,
                    line,
                    column,
                    format!("items are added to unknown section `{}`", section_id.value),
                )
                .with_id(&section_id.value)
                .with_hint(hint)
                .with_dutch(
                    format!(
                        "er worden vragen toegevoegd aan onbekend onderdeel `{}`",
                        section_id.value
                    ),
                    Some(hint_nl),
                ),
            );
            continue;
        };
        for mut item in items {
            mark_item(&mut item, origin);
            section.items.push(item);
        }
    }
    for mut rule in tailoring.add_rules {
        rule.origin = origin;
        base.raw.rules.push(rule);
    }

    if problems.has_errors() {
        return Err(problems);
    }
    base.sources.push(source);
    base.tailoring = Some(TailoringHeader {
        id: tailoring.id.value,
        version,
        title: tailoring.title,
        description: tailoring.description,
        base: BaseChecklist {
            id: base_id,
            version: base_version,
        },
    });
    Ok(base)
}

fn mark_section(section: &mut RawSection, origin: usize) {
    section.origin = origin;
    for item in &mut section.items {
        mark_item(item, origin);
    }
}

fn mark_item(item: &mut RawItem, origin: usize) {
    item.origin = origin;
}

fn known_ids(sections: &[RawSection]) -> Vec<String> {
    sections
        .iter()
        .flat_map(|section| {
            std::iter::once(section.id.value.clone()).chain(
                section
                    .items
                    .iter()
                    .map(move |item| format!("{}.{}", section.id.value, item.id.value)),
            )
        })
        .collect()
}

//! Raw checklist → checked `Checklist`, collecting every problem (SPEC section 3).

use std::collections::{HashMap, HashSet};

use serde_saphyr::Spanned;

use crate::checklist::{
    AnswerKind, AnswerOption, Checklist, Item, Level, NumberSpec, Resource, Rule, Section, Target,
};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, did_you_mean};
use crate::expr::{Condition, ConditionError, ItemRoot, Reference, allowed_in_applies_if};
use crate::raw::{ItemType, RawChecklist, RawItem, RawOption, RawRule};
use crate::source::Source;
use crate::text::Text;

/// The default highest score of an unevidenced answer where evidence is required.
pub const DEFAULT_EVIDENCE_CAP: f64 = 0.5;

/// Where a tailoring excluded an id, so that a leftover use can point at the exclusion.
#[derive(Clone, Debug)]
pub(crate) struct Exclusion {
    pub origin: usize,
    pub line: u64,
    pub column: u64,
}

/// Checks a raw checklist. `sources[origin]` is the text each raw element came from.
pub(crate) fn validate(
    raw: RawChecklist,
    sources: &[Source],
    excluded: &HashMap<String, Exclusion>,
) -> Result<Checklist, Diagnostics> {
    let mut validator = Validator {
        sources,
        problems: Diagnostics::default(),
        languages: raw.languages.value.clone(),
        excluded,
    };
    let checklist = validator.checklist(raw);
    if validator.problems.has_errors() {
        Err(validator.problems)
    } else {
        Ok(checklist)
    }
}

struct Validator<'a> {
    sources: &'a [Source],
    problems: Diagnostics,
    languages: Vec<String>,
    excluded: &'a HashMap<String, Exclusion>,
}

/// `[a-z0-9][a-z0-9-]*`: checklist ids.
pub(crate) fn is_checklist_id(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// `[a-z][a-z0-9_]*`: section, item, scale, level, resource and rule ids.
pub(crate) fn is_local_id(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// `[a-z0-9][a-z0-9_]*`: option ids (options may be numbers, like a 0-4 scale).
fn is_option_id(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// MAJOR.MINOR.PATCH with an optional pre-release or build suffix.
pub(crate) fn is_version(version: &str) -> bool {
    let core = version.split(['-', '+']).next().unwrap_or("");
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit()))
}

fn is_language(code: &str) -> bool {
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric()))
}

impl Validator<'_> {
    fn source(&self, origin: usize) -> &Source {
        &self.sources[origin.min(self.sources.len() - 1)]
    }

    fn error_at<T>(
        &self,
        code: Code,
        origin: usize,
        at: &Spanned<T>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let source = self.source(origin);
        Diagnostic::error(code, source.name(), message).at(
            source,
            at.referenced.line(),
            at.referenced.column(),
        )
    }

    fn push(&mut self, diagnostic: Diagnostic) {
        self.problems.push(diagnostic);
    }

    fn checklist(&mut self, raw: RawChecklist) -> Checklist {
        if !is_checklist_id(&raw.id.value) {
            let d = self
                .error_at(Code::InvalidId, 0, &raw.id, format!("checklist id `{}` is not of the allowed form", raw.id.value))
                .with_hint("use lowercase letters, digits and hyphens, starting with a letter or digit, such as `ngo-dei`");
            self.push(d);
        }
        if !is_version(&raw.version.value) {
            let d = self
                .error_at(
                    Code::InvalidVersion,
                    0,
                    &raw.version,
                    format!("version `{}` is not a semantic version", raw.version.value),
                )
                .with_hint("write MAJOR.MINOR.PATCH, such as 1.2.0");
            self.push(d);
        }
        self.check_languages(&raw.languages);
        self.check_text(&raw.title.value, 0, &raw.title, "the title", None);
        if let Some(description) = &raw.description {
            self.check_text(&description.value, 0, description, "the description", None);
        }
        let evidence_cap = match &raw.scoring.evidence_cap {
            Some(cap) if !(0.0..=1.0).contains(&cap.value) => {
                let d = self
                    .error_at(
                        Code::InvalidEvidenceCap,
                        0,
                        cap,
                        format!("evidence_cap {} lies outside [0, 1]", cap.value),
                    )
                    .with_hint("0.5 means an unevidenced claim earns at most half marks");
                self.push(d);
                crate::validate::DEFAULT_EVIDENCE_CAP
            }
            Some(cap) => cap.value,
            None => DEFAULT_EVIDENCE_CAP,
        };
        let evidence_rules = self.evidence_rules(raw.scoring.evidence.as_ref());

        let resources = self.resources(&raw);
        let resource_ids: HashMap<&str, usize> = resources
            .iter()
            .enumerate()
            .map(|(index, resource)| (resource.id.as_str(), index))
            .collect();
        let scales = self.scales(&raw);

        let (sections, items, raw_items) = self.sections(&raw, &scales, &resource_ids);
        let item_index: HashMap<String, usize> = items
            .iter()
            .enumerate()
            .map(|(index, item)| (item.id.clone(), index))
            .collect();
        let section_index: HashMap<String, usize> = sections
            .iter()
            .enumerate()
            .map(|(index, section)| (section.id.clone(), index))
            .collect();
        let tags: HashSet<String> = items
            .iter()
            .flat_map(|item| item.tags.iter().cloned())
            .collect();
        let context = ReferenceContext {
            item_index: &item_index,
            section_index: &section_index,
            tags: &tags,
        };

        let mut items = items;
        for (index, raw_item) in raw_items.iter().enumerate() {
            if let Some(applies_if) = &raw_item.applies_if {
                items[index].applies_if = self.condition(
                    applies_if,
                    raw_item.origin,
                    &items[index].id.clone(),
                    true,
                    &context,
                );
            }
        }
        let scope_order = self.scope_order(&items, &raw_items);
        let levels = self.levels(&raw, &item_index, &items);
        let rules = self.rules(&raw.rules, &resource_ids, &context);

        let mut retired = Vec::new();
        for id in &raw.retired {
            let well_formed = id
                .value
                .split_once('.')
                .is_some_and(|(section, item)| is_local_id(section) && is_local_id(item));
            if !well_formed {
                let d = self
                    .error_at(
                        Code::InvalidId,
                        0,
                        id,
                        format!("retired id `{}` is not a full item id", id.value),
                    )
                    .with_id(&id.value)
                    .with_hint("write the full id the item had, such as `strategy.old_item`");
                self.push(d);
            }
            if item_index.contains_key(&id.value) {
                let d = self
                    .error_at(
                        Code::DuplicateId,
                        0,
                        id,
                        format!("`{}` is listed as retired but is still an item", id.value),
                    )
                    .with_id(&id.value)
                    .with_hint("remove it from `retired`, or remove the item");
                self.push(d);
            }
            retired.push(id.value.clone());
        }
        let mut replaced_by = HashMap::new();
        for (old, new) in &raw.replaced_by {
            let at = new.first();
            if !retired.contains(old) {
                let d = Diagnostic::error(
                    Code::InvalidId,
                    self.source(0).name(),
                    format!("`replaced_by` names `{old}`, which is not listed in `retired`"),
                )
                .with_id(old)
                .with_hint("list the old id under `retired` too, or remove it from `replaced_by`");
                let d = match at {
                    Some(at) => d.at(self.source(0), at.referenced.line(), at.referenced.column()),
                    None => d,
                };
                self.push(d);
            }
            for id in new {
                if !item_index.contains_key(&id.value) {
                    let hint =
                        did_you_mean(&id.value, item_index.keys().map(String::as_str), || {
                            "name the full id of an item of this checklist".to_owned()
                        });
                    let d = self
                        .error_at(
                            Code::UnknownItem,
                            0,
                            id,
                            format!(
                                "`{old}` is replaced by `{}`, which is not an item",
                                id.value
                            ),
                        )
                        .with_id(&id.value)
                        .with_hint(hint);
                    self.push(d);
                }
            }
            replaced_by.insert(old.clone(), new.iter().map(|id| id.value.clone()).collect());
        }

        Checklist {
            id: raw.id.value,
            version: raw.version.value,
            base: None,
            languages: raw.languages.value,
            title: raw.title.value,
            description: raw.description.map(|d| d.value),
            evidence_cap,
            evidence_rules,
            levels,
            resources,
            sections,
            items,
            rules,
            retired,
            replaced_by,
            scope_order,
            item_index,
            section_index,
            score_plan: std::sync::OnceLock::new(),
        }
    }

    fn evidence_rules(
        &mut self,
        raw: Option<&crate::raw::RawEvidenceRules>,
    ) -> crate::evidence::EvidenceRules {
        let Some(raw) = raw else {
            return crate::evidence::EvidenceRules::default();
        };
        let max_age_months = match &raw.max_age_months {
            Some(months) if months.value == 0 => {
                let d = self
                    .error_at(
                        Code::InvalidEvidenceRules,
                        0,
                        months,
                        "max_age_months 0 would expire every dated evidence entry",
                    )
                    .with_hint("give a number of months of at least 1, such as 24, or leave the key out so evidence never expires");
                self.push(d);
                None
            }
            Some(months) => Some(months.value),
            None => None,
        };
        crate::evidence::EvidenceRules {
            max_age_months,
            require_type: raw.require_type,
        }
    }

    fn check_languages(&mut self, languages: &Spanned<Vec<String>>) {
        if languages.value.is_empty() {
            let d = self
                .error_at(Code::InvalidLanguages, 0, languages, "`languages` is empty")
                .with_hint("list at least one language code, such as `[en, nl]`");
            self.push(d);
        }
        let mut seen = HashSet::new();
        for language in &languages.value {
            if !is_language(language) {
                let d = self
                    .error_at(
                        Code::InvalidLanguages,
                        0,
                        languages,
                        format!("`{language}` is not a language code"),
                    )
                    .with_hint("use two- or three-letter lowercase codes such as `en` or `nl`");
                self.push(d);
            }
            if !seen.insert(language) {
                let d = self
                    .error_at(
                        Code::InvalidLanguages,
                        0,
                        languages,
                        format!("language `{language}` is listed twice"),
                    )
                    .with_hint("list each language once; the first is the default");
                self.push(d);
            }
        }
    }

    /// A text must include the default language and no language outside `languages`.
    fn check_text<T>(
        &mut self,
        text: &Text,
        origin: usize,
        anchor: &Spanned<T>,
        what: &str,
        id: Option<&str>,
    ) {
        let Some(languages) = text.languages() else {
            return;
        };
        let languages: Vec<&str> = languages.collect();
        let mut problems = Vec::new();
        if let Some(default) = self.languages.first()
            && !languages.contains(&default.as_str())
        {
            problems.push((
                Code::MissingTranslation,
                format!("{what} has no text in the default language `{default}`"),
                format!("add `{default}: ...` to the text"),
            ));
        }
        for language in languages {
            if !self.languages.iter().any(|known| known == language) {
                problems.push((
                    Code::UnknownLanguage,
                    format!("{what} has a text in `{language}`, which is not in `languages`"),
                    format!("add `{language}` to `languages`, or remove this text"),
                ));
            }
        }
        for (code, message, hint) in problems {
            let mut d = self.error_at(code, origin, anchor, message).with_hint(hint);
            if let Some(id) = id {
                d = d.with_id(id);
            }
            self.push(d);
        }
    }

    fn resources(&mut self, raw: &RawChecklist) -> Vec<Resource> {
        let mut seen = HashSet::new();
        let mut resources = Vec::new();
        for resource in &raw.resources {
            let id = &resource.id;
            self.check_local_id(id, 0, "resource");
            if !seen.insert(id.value.clone()) {
                let d = self
                    .error_at(
                        Code::DuplicateId,
                        0,
                        id,
                        format!("resource id `{}` is used twice", id.value),
                    )
                    .with_id(&id.value)
                    .with_hint("give each resource its own id");
                self.push(d);
                continue;
            }
            self.check_text(
                &resource.title,
                0,
                id,
                "the resource title",
                Some(&id.value),
            );
            if let Some(description) = &resource.description {
                self.check_text(
                    description,
                    0,
                    id,
                    "the resource description",
                    Some(&id.value),
                );
            }
            resources.push(Resource {
                id: id.value.clone(),
                title: resource.title.clone(),
                url: resource.url.clone(),
                kind: resource.kind.clone(),
                description: resource.description.clone(),
            });
        }
        resources
    }

    fn check_local_id<T: AsRef<str>>(&mut self, id: &Spanned<T>, origin: usize, what: &str) {
        let value = id.value.as_ref();
        if !is_local_id(value) {
            let d = self
                .error_at(Code::InvalidId, origin, id, format!("{what} id `{value}` is not of the allowed form"))
                .with_id(value)
                .with_hint("use lowercase letters, digits and underscores, starting with a letter, such as `written_strategy`");
            self.push(d);
        }
    }

    fn scales(&mut self, raw: &RawChecklist) -> HashMap<String, Vec<AnswerOption>> {
        let mut scales = HashMap::new();
        for (id, options) in &raw.scales {
            self.check_local_id(id, 0, "scale");
            let options = self.options(options, 0, id, &format!("scale `{}`", id.value));
            scales.insert(id.value.clone(), options);
        }
        scales
    }

    fn options<T>(
        &mut self,
        raw: &[RawOption],
        origin: usize,
        anchor: &Spanned<T>,
        owner: &str,
    ) -> Vec<AnswerOption> {
        if raw.is_empty() {
            let d = self
                .error_at(
                    Code::InvalidOptions,
                    origin,
                    anchor,
                    format!("{owner} has an empty option list"),
                )
                .with_hint("list at least one option with `id`, `label` and `score`");
            self.push(d);
        }
        let mut seen = HashSet::new();
        let mut options = Vec::new();
        for option in raw {
            let id = &option.id;
            if !is_option_id(&id.value) {
                let d = self
                    .error_at(
                        Code::InvalidId,
                        origin,
                        id,
                        format!(
                            "option id `{}` of {owner} is not of the allowed form",
                            id.value
                        ),
                    )
                    .with_hint(
                        "use lowercase letters, digits and underscores; quote \"yes\" and \"no\"",
                    );
                self.push(d);
            }
            if !seen.insert(id.value.clone()) {
                let d = self
                    .error_at(
                        Code::DuplicateId,
                        origin,
                        id,
                        format!("option `{}` appears twice in {owner}", id.value),
                    )
                    .with_id(&id.value)
                    .with_hint("give each option its own id");
                self.push(d);
            }
            if !(0.0..=1.0).contains(&option.score.value) {
                let d = self
                    .error_at(
                        Code::InvalidOptionScore,
                        origin,
                        &option.score,
                        format!(
                            "option `{}` of {owner} has score {}, outside [0, 1]",
                            id.value, option.score.value
                        ),
                    )
                    .with_hint("scores run from 0 (nothing in place) to 1 (fully in place)");
                self.push(d);
            }
            self.check_text(
                &option.label,
                origin,
                id,
                &format!("the label of option `{}`", id.value),
                None,
            );
            if let Some(description) = &option.description {
                self.check_text(
                    description,
                    origin,
                    id,
                    &format!("the description of option `{}`", id.value),
                    None,
                );
            }
            options.push(AnswerOption {
                id: id.value.clone(),
                label: option.label.clone(),
                score: option.score.value,
                description: option.description.clone(),
            });
        }
        options
    }

    fn weight(&mut self, weight: Option<&Spanned<f64>>, origin: usize, id: &str) -> f64 {
        // See `is_valid_weight`.
        match weight {
            None => 1.0,
            Some(weight) if is_valid_weight(weight.value) => weight.value,
            Some(weight) => {
                let d = self
                    .error_at(
                        Code::InvalidWeight,
                        origin,
                        weight,
                        format!(
                            "weight {} of `{id}` is not 0 or a number from {MIN_WEIGHT} to {MAX_WEIGHT}",
                            crate::answers::readable_number(weight.value)
                        ),
                    )
                    .with_id(id)
                    .with_hint(
                        "weights are 0 (shown, not scored) or from 0.001 to 1000; only their ratios matter, so scale them into that range",
                    )
                    .with_dutch(
                        format!(
                            "gewicht {} van `{id}` is niet 0 en geen getal van {MIN_WEIGHT} tot {MAX_WEIGHT}",
                            crate::answers::readable_number(weight.value)
                        ),
                        Some("gewichten zijn 0 (getoond, niet meegeteld) of van 0.001 tot 1000; alleen hun verhoudingen tellen, dus schaal ze naar dat bereik".to_owned()),
                    );
                self.push(d);
                1.0
            }
        }
    }

    fn sections<'r>(
        &mut self,
        raw: &'r RawChecklist,
        scales: &HashMap<String, Vec<AnswerOption>>,
        resources: &HashMap<&str, usize>,
    ) -> (Vec<Section>, Vec<Item>, Vec<&'r RawItem>) {
        let mut sections = Vec::new();
        let mut items = Vec::new();
        let mut raw_items = Vec::new();
        let mut section_ids = HashSet::new();
        if raw.sections.value.is_empty() {
            let d = self
                .error_at(
                    Code::InvalidOptions,
                    0,
                    &raw.sections,
                    "the checklist has no sections",
                )
                .with_hint("add at least one section with items");
            self.push(d);
        }
        for raw_section in &raw.sections.value {
            let origin = raw_section.origin;
            let id = &raw_section.id;
            self.check_local_id(id, origin, "section");
            if !section_ids.insert(id.value.clone()) {
                let d = self
                    .error_at(
                        Code::DuplicateId,
                        origin,
                        id,
                        format!("section id `{}` is used twice", id.value),
                    )
                    .with_id(&id.value)
                    .with_hint("give each section its own id, or merge the two sections");
                self.push(d);
                continue;
            }
            self.check_text(
                &raw_section.title,
                origin,
                id,
                "the section title",
                Some(&id.value),
            );
            if let Some(description) = &raw_section.description {
                self.check_text(
                    description,
                    origin,
                    id,
                    "the section description",
                    Some(&id.value),
                );
            }
            let weight = self.weight(raw_section.weight.as_ref(), origin, &id.value);
            let first = items.len();
            let mut item_ids = HashSet::new();
            for raw_item in &raw_section.items {
                let full_id = format!("{}.{}", id.value, raw_item.id.value);
                if !item_ids.insert(raw_item.id.value.clone()) {
                    let d = self
                        .error_at(
                            Code::DuplicateId,
                            raw_item.origin,
                            &raw_item.id,
                            format!(
                                "item id `{}` is used twice in section `{}`",
                                raw_item.id.value, id.value
                            ),
                        )
                        .with_id(&full_id)
                        .with_hint(
                            "give each item of a section its own id; answers are matched by it",
                        );
                    self.push(d);
                    continue;
                }
                items.push(self.item(raw_item, full_id, sections.len(), scales, resources));
                raw_items.push(raw_item);
            }
            sections.push(Section {
                id: id.value.clone(),
                title: raw_section.title.clone(),
                description: raw_section.description.clone(),
                weight,
                items: first..items.len(),
            });
        }
        (sections, items, raw_items)
    }

    fn item(
        &mut self,
        raw: &RawItem,
        id: String,
        section: usize,
        scales: &HashMap<String, Vec<AnswerOption>>,
        resources: &HashMap<&str, usize>,
    ) -> Item {
        let origin = raw.origin;
        self.check_local_id(&raw.id, origin, "item");
        self.check_text(&raw.question, origin, &raw.id, "the question", Some(&id));
        if let Some(guidance) = &raw.guidance {
            self.check_text(guidance, origin, &raw.id, "the guidance", Some(&id));
        }
        let item_type = raw.item_type.value;
        let takes_options = matches!(item_type, ItemType::Choice | ItemType::Multi);
        let options = if takes_options {
            match (&raw.scale, &raw.options) {
                (Some(_), Some(_)) => {
                    let d = self
                        .error_at(
                            Code::InvalidOptions,
                            origin,
                            &raw.id,
                            format!("item `{id}` has both `scale` and `options`"),
                        )
                        .with_id(&id)
                        .with_hint("keep one: a shared `scale`, or inline `options`");
                    self.push(d);
                    Vec::new()
                }
                (Some(scale), None) => {
                    if let Some(options) = scales.get(&scale.value) {
                        options.clone()
                    } else {
                        let hint =
                            did_you_mean(&scale.value, scales.keys().map(String::as_str), || {
                                "define the scale under `scales`, or use inline `options`"
                                    .to_owned()
                            });
                        let d = self
                            .error_at(
                                Code::UnknownScale,
                                origin,
                                scale,
                                format!("item `{id}` uses unknown scale `{}`", scale.value),
                            )
                            .with_id(&id)
                            .with_hint(hint);
                        self.push(d);
                        Vec::new()
                    }
                }
                (None, Some(options)) => {
                    self.options(options, origin, &raw.id, &format!("item `{id}`"))
                }
                (None, None) => {
                    let d = self
                        .error_at(
                            Code::InvalidOptions,
                            origin,
                            &raw.id,
                            format!("{} item `{id}` has no options", type_word(item_type)),
                        )
                        .with_id(&id)
                        .with_hint("add `scale: <scale id>` or inline `options:`");
                    self.push(d);
                    Vec::new()
                }
            }
        } else {
            if raw.scale.is_some() || raw.options.is_some() {
                let d = self
                    .error_at(
                        Code::InvalidOptions,
                        origin,
                        &raw.id,
                        format!(
                            "{} item `{id}` cannot have `scale` or `options`",
                            type_word(item_type)
                        ),
                    )
                    .with_id(&id)
                    .with_hint("only choice and multi items have options");
                self.push(d);
            }
            Vec::new()
        };
        if item_type != ItemType::Number
            && (raw.min.is_some()
                || raw.max.is_some()
                || raw.target.is_some()
                || raw.unit.is_some())
        {
            let d = self
                .error_at(
                    Code::InvalidRange,
                    origin,
                    &raw.id,
                    format!(
                        "{} item `{id}` cannot have `unit`, `min`, `max` or `target`",
                        type_word(item_type)
                    ),
                )
                .with_id(&id)
                .with_hint("only number items have a unit, a valid range and a target");
            self.push(d);
        }
        let answer = match item_type {
            ItemType::Choice => AnswerKind::Choice(options),
            ItemType::Multi => AnswerKind::Multi(options),
            ItemType::Text => AnswerKind::Text,
            ItemType::Number => AnswerKind::Number(self.number(raw, &id)),
        };
        let weight = self.weight(raw.weight.as_ref(), origin, &id);
        let resources = self.resource_refs(&raw.resources, origin, &id, resources);
        Item {
            id,
            section,
            question: raw.question.clone(),
            guidance: raw.guidance.clone(),
            answer,
            weight,
            evidence: raw.evidence,
            allow_na: raw.allow_na,
            applies_if: None,
            resources,
            kind: raw.kind,
            tags: raw.tags.clone(),
            respondents: raw.respondents,
        }
    }

    fn number(&mut self, raw: &RawItem, id: &str) -> NumberSpec {
        let origin = raw.origin;
        for bound in [&raw.min, &raw.max].into_iter().flatten() {
            if !bound.value.is_finite() {
                let d = self
                    .error_at(
                        Code::InvalidRange,
                        origin,
                        bound,
                        format!("item `{id}` has a `min` or `max` that is not a finite number"),
                    )
                    .with_id(id)
                    .with_hint("write a plain number, or leave the bound out");
                self.push(d);
            }
        }
        let min = raw.min.as_ref().map(|m| m.value);
        let max = raw.max.as_ref().map(|m| m.value);
        if let (Some(low), Some(high), Some(at)) = (min, max, raw.min.as_ref())
            && low > high
        {
            let d = self
                .error_at(
                    Code::InvalidRange,
                    origin,
                    at,
                    format!("item `{id}` has min {low} above max {high}"),
                )
                .with_id(id)
                .with_hint("swap `min` and `max`");
            self.push(d);
        }
        let target = raw.target.as_ref().and_then(|spanned| {
            let target = Target {
                good: spanned.value.good.range(),
                poor: spanned.value.poor.range(),
            };
            match target.check() {
                Ok(()) => Some(target),
                Err(reason) => {
                    let d = self
                        .error_at(Code::InvalidTarget, origin, spanned, format!("the target of `{id}` is not valid: {reason}"))
                        .with_id(id)
                        .with_hint("write `target: {good: [g1, g2], poor: [p1, p2]}` with p1 < g1 <= g2 < p2, or a one-sided target such as `{good: 0, poor: 20}`");
                    self.push(d);
                    None
                }
            }
        });
        NumberSpec {
            unit: raw.unit.clone(),
            min,
            max,
            target,
        }
    }

    fn resource_refs(
        &mut self,
        refs: &[Spanned<String>],
        origin: usize,
        owner: &str,
        resources: &HashMap<&str, usize>,
    ) -> Vec<usize> {
        let mut indices = Vec::new();
        for reference in refs {
            if let Some(&index) = resources.get(reference.value.as_str()) {
                indices.push(index);
            } else {
                let hint = did_you_mean(&reference.value, resources.keys().copied(), || {
                    "define the resource under `resources`".to_owned()
                });
                let d = self
                    .error_at(
                        Code::UnknownResource,
                        origin,
                        reference,
                        format!("`{owner}` names unknown resource `{}`", reference.value),
                    )
                    .with_id(owner)
                    .with_hint(hint);
                self.push(d);
            }
        }
        indices
    }

    /// Compiles an expression and checks every name it reads; `None` after reporting problems.
    fn condition(
        &mut self,
        source: &Spanned<String>,
        origin: usize,
        owner: &str,
        is_applies_if: bool,
        context: &ReferenceContext<'_>,
    ) -> Option<Condition> {
        let what = if is_applies_if {
            "`applies_if` of"
        } else {
            "condition of rule"
        };
        let mut condition = match Condition::compile(&source.value) {
            Ok(condition) => condition,
            Err(errors) => {
                for error in errors {
                    let d = match error {
                        ConditionError::Syntax(message) => self
                            .error_at(Code::InvalidExpression, origin, source, format!("the {what} `{owner}` does not compile: {message}"))
                            .with_hint("conditions are minijinja expressions, such as `answer.strategy.budget == 'yes'`"),
                        ConditionError::Reference(name, reason) => self
                            .error_at(Code::UnknownReference, origin, source, format!("the {what} `{owner}` reads unknown name `{name}`"))
                            .with_hint(reason),
                    };
                    self.push(d.with_id(owner));
                }
                return None;
            }
        };
        let mut ok = true;
        for reference in &condition.references {
            if let Some(problem) = context.check(reference) {
                ok = false;
                let d = match self.excluded.get(problem.id.as_str()) {
                    Some(exclusion) => {
                        let source_file = self.source(exclusion.origin);
                        Diagnostic::error(
                            Code::InvalidTailoring,
                            source_file.name(),
                            format!(
                                "`{}` is excluded, but the {what} `{owner}` still uses it",
                                problem.id
                            ),
                        )
                        .at(source_file, exclusion.line, exclusion.column)
                        .with_hint(format!("keep `{}`, or also exclude `{owner}`", problem.id))
                    }
                    None => self
                        .error_at(
                            Code::UnknownReference,
                            origin,
                            source,
                            format!("the {what} `{owner}` {}", problem.message),
                        )
                        .with_hint(problem.hint),
                };
                self.push(d.with_id(owner));
            } else if is_applies_if && !allowed_in_applies_if(reference) {
                ok = false;
                let d = self
                    .error_at(Code::UnknownReference, origin, source, format!("the `applies_if` of `{owner}` reads scores or results"))
                    .with_id(owner)
                    .with_hint("`applies_if` may read only `org.<key>` and `answer.<section>.<item>`: scope is decided before scoring");
                self.push(d);
            }
        }
        if ok && condition.runs_out_of_fuel_on_empty_answers() {
            ok = false;
            let d = self
                .error_at(
                    Code::InvalidExpression,
                    origin,
                    source,
                    format!("the {what} `{owner}` runs out of fuel (too many steps) even on empty answers, so it would fail on every answers file"),
                )
                .with_id(owner)
                .with_hint("simplify the condition: compare answers and scores directly, without long ranges or loops")
                .with_dutch(
                    format!("de voorwaarde van `{owner}` raakt door zijn brandstof heen (te veel stappen), zelfs zonder antwoorden, dus ze zou bij elk antwoordbestand mislukken"),
                    Some("maak de voorwaarde eenvoudiger: vergelijk antwoorden en scores direct, zonder lange reeksen of lussen".to_owned()),
                );
            self.push(d);
        }
        let file = self.source(origin);
        condition.set_location(format!(
            "{}:{}:{}",
            file.name(),
            source.referenced.line(),
            source.referenced.column()
        ));
        ok.then_some(condition)
    }

    /// Orders conditional items so that each follows the items its `applies_if` reads;
    /// reports cycles.
    fn scope_order(&mut self, items: &[Item], raw_items: &[&RawItem]) -> Vec<usize> {
        let index: HashMap<&str, usize> = items
            .iter()
            .enumerate()
            .map(|(i, item)| (item.id.as_str(), i))
            .collect();
        let dependencies: Vec<Vec<usize>> = items
            .iter()
            .map(|item| {
                item.applies_if.as_ref().map_or_else(Vec::new, |condition| {
                    condition
                        .item_ids()
                        .filter_map(|id| index.get(id).copied())
                        .collect()
                })
            })
            .collect();
        // Iterative depth-first search: 0 = new, 1 = on the stack, 2 = done.
        let mut state = vec![0u8; items.len()];
        let mut order = Vec::new();
        let mut reported = HashSet::new();
        for start in 0..items.len() {
            if state[start] != 0 {
                continue;
            }
            let mut stack = vec![(start, 0usize)];
            state[start] = 1;
            while let Some((node, next)) = stack.pop() {
                if let Some(&dependency) = dependencies[node].get(next) {
                    stack.push((node, next + 1));
                    match state[dependency] {
                        0 => {
                            state[dependency] = 1;
                            stack.push((dependency, 0));
                        }
                        1 => {
                            let cycle_start = stack
                                .iter()
                                .position(|&(n, _)| n == dependency)
                                .unwrap_or(0);
                            let cycle: Vec<&str> = stack[cycle_start..]
                                .iter()
                                .map(|&(n, _)| items[n].id.as_str())
                                .collect();
                            if reported.insert(dependency) {
                                let raw = raw_items[dependency];
                                let at = raw.applies_if.as_ref().map_or(&raw.id, |a| a);
                                let d = self
                                    .error_at(
                                        Code::ApplicabilityCycle,
                                        raw.origin,
                                        at,
                                        format!("`applies_if` conditions form a cycle: {} → {}", cycle.join(" → "), items[dependency].id),
                                    )
                                    .with_id(&items[dependency].id)
                                    .with_hint("an item's scope cannot depend, directly or through others, on itself");
                                self.push(d);
                            }
                        }
                        _ => {}
                    }
                } else {
                    state[node] = 2;
                    if items[node].applies_if.is_some() {
                        order.push(node);
                    }
                }
            }
        }
        order
    }

    fn levels(
        &mut self,
        raw: &RawChecklist,
        item_index: &HashMap<String, usize>,
        items: &[Item],
    ) -> Vec<Level> {
        let mut levels = Vec::new();
        let mut seen = HashSet::new();
        let mut previous_min: Option<f64> = None;
        for (position, level) in raw.levels.iter().enumerate() {
            let id = &level.id;
            self.check_local_id(id, 0, "level");
            if !seen.insert(id.value.clone()) {
                let d = self
                    .error_at(
                        Code::DuplicateId,
                        0,
                        id,
                        format!("level id `{}` is used twice", id.value),
                    )
                    .with_id(&id.value)
                    .with_hint("give each level its own id");
                self.push(d);
            }
            let min = level.min.value;
            if position == 0 && min != 0.0 {
                let d = self
                    .error_at(
                        Code::InvalidLevels,
                        0,
                        &level.min,
                        format!("the first level `{}` starts at {min}, not 0", id.value),
                    )
                    .with_id(&id.value)
                    .with_hint("the first level must have `min: 0` so every score has a level");
                self.push(d);
            }
            if !(0.0..=100.0).contains(&min) {
                let d = self
                    .error_at(
                        Code::InvalidLevels,
                        0,
                        &level.min,
                        format!("level `{}` has min {min}, outside 0-100", id.value),
                    )
                    .with_id(&id.value)
                    .with_hint("a level starts at an overall score from 0 to 100");
                self.push(d);
            }
            if let Some(previous) = previous_min
                && min <= previous
            {
                let d = self
                    .error_at(Code::InvalidLevels, 0, &level.min, format!("level `{}` (min {min}) does not come above the level before it (min {previous})", id.value))
                    .with_id(&id.value)
                    .with_hint("list levels in ascending order of `min`");
                self.push(d);
            }
            previous_min = Some(min);
            self.check_text(&level.label, 0, id, "the level label", Some(&id.value));
            if let Some(description) = &level.description {
                self.check_text(description, 0, id, "the level description", Some(&id.value));
            }
            let mut requires = Vec::new();
            for required in &level.requires {
                if let Some(&index) = item_index.get(&required.value) {
                    // An unscored item never reaches a score of 1, so the level could never
                    // be reached.
                    if items.get(index).is_some_and(|item| !item.is_scored()) {
                        let d = self
                            .error_at(
                                Code::UnknownRequirement,
                                0,
                                required,
                                format!(
                                    "level `{}` requires `{}`, which is never scored, so the level could never be reached",
                                    id.value, required.value
                                ),
                            )
                            .with_id(&id.value)
                            .with_hint("require a choice or multi item, or a number item with a `target`");
                        self.push(d);
                    }
                    // SPEC section 14: an item that does not fit an organisation is left out
                    // with `applies_if`, which the definition states openly; N/A on a required
                    // item would let anyone step over the requirement.
                    if items.get(index).is_some_and(|item| item.allow_na) {
                        let d = self
                            .error_at(
                                Code::RequiredItemAllowsNa,
                                0,
                                required,
                                format!(
                                    "level `{}` requires `{}`, which allows N/A, so marking it N/A would meet the requirement",
                                    id.value, required.value
                                ),
                            )
                            .with_id(&required.value)
                            .with_hint("remove `allow_na` from the item, and use `applies_if` for organisations it does not fit");
                        self.push(d);
                    }
                    requires.push(index);
                } else if let Some(exclusion) = self.excluded.get(&required.value) {
                    let source = self.source(exclusion.origin);
                    let d = Diagnostic::error(
                        Code::InvalidTailoring,
                        source.name(),
                        format!(
                            "`{}` is excluded, but level `{}` requires it",
                            required.value, id.value
                        ),
                    )
                    .at(source, exclusion.line, exclusion.column)
                    .with_id(&id.value)
                    .with_hint(format!(
                        "keep `{}`: a level that requires it cannot do without it",
                        required.value
                    ));
                    self.push(d);
                } else {
                    let hint = did_you_mean(
                        &required.value,
                        item_index.keys().map(String::as_str),
                        || "name a full item id, such as `strategy.written_strategy`".to_owned(),
                    );
                    let d = self
                        .error_at(
                            Code::UnknownRequirement,
                            0,
                            required,
                            format!(
                                "level `{}` requires unknown item `{}`",
                                id.value, required.value
                            ),
                        )
                        .with_id(&id.value)
                        .with_hint(hint);
                    self.push(d);
                }
            }
            let floor = level.floor.as_ref().map(|floor| {
                if !(0.0..=100.0).contains(&floor.value) {
                    let d = self
                        .error_at(
                            Code::InvalidLevels,
                            0,
                            floor,
                            format!(
                                "level `{}` has floor {}, outside 0-100",
                                id.value, floor.value
                            ),
                        )
                        .with_id(&id.value)
                        .with_hint("a floor is the lowest section score, from 0 to 100");
                    self.push(d);
                }
                floor.value
            });
            levels.push(Level {
                id: id.value.clone(),
                min,
                label: level.label.clone(),
                description: level.description.clone(),
                requires,
                floor,
                max_washing_risk: level.max_washing_risk,
            });
        }
        if levels.is_empty() {
            let source = self.source(0);
            self.push(
                Diagnostic::error(
                    Code::InvalidLevels,
                    source.name(),
                    "the checklist has no levels",
                )
                .with_hint("add `levels:` with at least one level at `min: 0`"),
            );
        }
        levels
    }

    fn rules(
        &mut self,
        raw_rules: &[RawRule],
        resources: &HashMap<&str, usize>,
        context: &ReferenceContext<'_>,
    ) -> Vec<Rule> {
        let mut rules = Vec::new();
        let mut seen = HashSet::new();
        for raw in raw_rules {
            let id = &raw.id;
            self.check_local_id(id, raw.origin, "rule");
            if !seen.insert(id.value.clone()) {
                let d = self
                    .error_at(
                        Code::DuplicateId,
                        raw.origin,
                        id,
                        format!("rule id `{}` is used twice", id.value),
                    )
                    .with_id(&id.value)
                    .with_hint("give each rule its own id");
                self.push(d);
                continue;
            }
            self.check_text(
                &raw.title,
                raw.origin,
                id,
                "the rule title",
                Some(&id.value),
            );
            for text in [&raw.explanation, &raw.advice].into_iter().flatten() {
                self.check_text(text, raw.origin, id, "the rule text", Some(&id.value));
            }
            let resource_indices =
                self.resource_refs(&raw.resources, raw.origin, &id.value, resources);
            let Some(when) = self.condition(&raw.when, raw.origin, &id.value, false, context)
            else {
                continue;
            };
            let mut items: Vec<usize> = when
                .item_ids()
                .filter_map(|item| context.item_index.get(item).copied())
                .collect();
            items.sort_unstable();
            items.dedup();
            rules.push(Rule {
                id: id.value.clone(),
                severity: raw.severity,
                when,
                title: raw.title.clone(),
                explanation: raw.explanation.clone(),
                advice: raw.advice.clone(),
                resources: resource_indices,
                items,
            });
        }
        rules
    }
}

fn type_word(item_type: ItemType) -> &'static str {
    match item_type {
        ItemType::Choice => "choice",
        ItemType::Multi => "multi",
        ItemType::Number => "number",
        ItemType::Text => "text",
    }
}

struct ReferenceContext<'a> {
    item_index: &'a HashMap<String, usize>,
    section_index: &'a HashMap<String, usize>,
    tags: &'a HashSet<String>,
}

struct ReferenceProblem {
    id: String,
    message: String,
    hint: String,
}

impl ReferenceContext<'_> {
    fn check(&self, reference: &Reference) -> Option<ReferenceProblem> {
        match reference {
            Reference::Item(root, id) if !self.item_index.contains_key(id) => {
                Some(ReferenceProblem {
                    id: id.clone(),
                    message: format!(
                        "reads `{}.{id}`, but there is no item `{id}`",
                        root_name(*root)
                    ),
                    hint: did_you_mean(id, self.item_index.keys().map(String::as_str), || {
                        "name a full item id, such as `strategy.budget`".to_owned()
                    }),
                })
            }
            Reference::Section(id) if !self.section_index.contains_key(id) => {
                Some(ReferenceProblem {
                    id: id.clone(),
                    message: format!("reads `section.{id}`, but there is no section `{id}`"),
                    hint: did_you_mean(id, self.section_index.keys().map(String::as_str), || {
                        "name a section id".to_owned()
                    }),
                })
            }
            Reference::TagIndex(tag) if !self.tags.contains(tag) => Some(ReferenceProblem {
                id: tag.clone(),
                message: format!("reads `index.tag.{tag}`, but no item has the tag `{tag}`"),
                hint: did_you_mean(tag, self.tags.iter().map(String::as_str), || {
                    "tag at least one item with it".to_owned()
                }),
            }),
            _ => None,
        }
    }
}

fn root_name(root: ItemRoot) -> &'static str {
    root.as_str()
}

/// The largest weight: a sum of weights times scores of 100 then stays far from overflow.
pub const MAX_WEIGHT: f64 = 1000.0;

/// The smallest weight above 0: smaller ones underflow in a weighted average (5e-324 scored 0
/// where 50 was right).
pub const MIN_WEIGHT: f64 = 0.001;

/// A weight is 0 (shown, not scored) or between `MIN_WEIGHT` and `MAX_WEIGHT`; the one rule
/// for checklists and tailorings. With at most a few thousand items, every weighted sum in
/// scoring stays exact enough and finite.
pub(crate) fn is_valid_weight(weight: f64) -> bool {
    weight == 0.0 || (MIN_WEIGHT..=MAX_WEIGHT).contains(&weight)
}

//! Raw checklist → checked `Checklist`, collecting every problem (SPEC section 3).

use std::collections::{HashMap, HashSet};

use serde_saphyr::Spanned;

use crate::checklist::{
    AnswerKind, AnswerOption, Checklist, Item, Level, NumberSpec, Resource, Rule, Section, Target,
};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
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
    let mut checklist = validator.checklist(raw);
    if validator.problems.has_errors() {
        Err(validator.problems)
    } else {
        // Only a valid checklist gets a scoring plan: the plan resolves every reference.
        checklist.plan = crate::score::Plan::new(&checklist);
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
    // `MAJOR.MINOR.PATCH`, then SemVer's optional `-pre.release` and `+build` identifiers:
    // letters, digits and `-` only. The version is printed in every report and message, so a
    // suffix can carry no markup, space or control character.
    let (rest, build) = match version.split_once('+') {
        Some((rest, build)) => (rest, Some(build)),
        None => (version, None),
    };
    let (core, pre_release) = match rest.split_once('-') {
        Some((core, pre_release)) => (core, Some(pre_release)),
        None => (rest, None),
    };
    let identifiers = |text: &str| {
        text.split('.').all(|identifier| {
            !identifier.is_empty()
                && identifier
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
    };
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit()))
        && pre_release.is_none_or(identifiers)
        && build.is_none_or(identifiers)
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
                .with_hint("use lowercase letters, digits and hyphens, starting with a letter or digit, such as `ngo-dei`")
                .with_dutch(
                    format!("de id `{}` van de vragenlijst heeft niet de toegestane vorm", raw.id.value),
                    Some("gebruik kleine letters, cijfers en koppeltekens, beginnend met een letter of cijfer, zoals `ngo-dei`".to_owned()),
                );
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
                .with_hint("write MAJOR.MINOR.PATCH, such as 1.2.0")
                .with_dutch(
                    format!("versie `{}` is geen semantische versie", raw.version.value),
                    Some("schrijf MAJOR.MINOR.PATCH, zoals 1.2.0".to_owned()),
                );
            self.push(d);
        }
        self.check_languages(&raw.languages);
        self.check_text(
            &raw.title.value,
            0,
            &raw.title,
            ["the title", "de titel"],
            None,
        );
        if let Some(description) = &raw.description {
            self.check_text(
                &description.value,
                0,
                description,
                ["the description", "de beschrijving"],
                None,
            );
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
                    .with_hint("0.5 means an unevidenced claim earns at most half marks")
                    .with_dutch(
                        format!("evidence_cap {} ligt buiten [0, 1]", cap.value),
                        Some("0.5 betekent dat een bewering zonder bewijs hoogstens de helft van de punten oplevert".to_owned()),
                    );
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
                    .with_hint("write the full id the item had, such as `strategy.old_item`")
                    .with_dutch(
                        format!(
                            "de ingetrokken id `{}` is geen volledige id van een vraag",
                            id.value
                        ),
                        Some(
                            "schrijf de volledige id die de vraag had, zoals `strategy.old_item`"
                                .to_owned(),
                        ),
                    );
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
                    .with_hint("remove it from `retired`, or remove the item")
                    .with_dutch(
                        format!(
                            "`{}` staat onder `retired` maar is nog steeds een vraag",
                            id.value
                        ),
                        Some("haal de id weg uit `retired`, of verwijder de vraag".to_owned()),
                    );
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
                .with_hint("list the old id under `retired` too, or remove it from `replaced_by`")
                .with_dutch(
                    format!("`replaced_by` noemt `{old}`, dat niet onder `retired` staat"),
                    Some(
                        "zet de oude id ook onder `retired`, of haal hem weg uit `replaced_by`"
                            .to_owned(),
                    ),
                );
                let d = match at {
                    Some(at) => d.at(self.source(0), at.referenced.line(), at.referenced.column()),
                    None => d,
                };
                self.push(d);
            }
            for id in new {
                if !item_index.contains_key(&id.value) {
                    let (hint, hint_nl) = did_you_mean_both(
                        &id.value,
                        item_index.keys().map(String::as_str),
                        "name the full id of an item of this checklist",
                        "noem de volledige id van een vraag van deze vragenlijst",
                    );
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
                        .with_hint(hint)
                        .with_dutch(
                            format!(
                                "`{old}` wordt vervangen door `{}`, maar dat is geen vraag",
                                id.value
                            ),
                            Some(hint_nl),
                        );
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
            plan: crate::score::Plan::default(),
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
                    .with_hint("give a number of months of at least 1, such as 24, or leave the key out so evidence never expires")
                    .with_dutch(
                        "max_age_months 0 laat elk gedateerd bewijsstuk verlopen".to_owned(),
                        Some("geef een aantal maanden van minstens 1, zoals 24, of laat de sleutel weg zodat bewijsstukken nooit verlopen".to_owned()),
                    );
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
                .with_hint("list at least one language code, such as `[en, nl]`")
                .with_dutch(
                    "`languages` is leeg",
                    Some("noem minstens één taalcode, zoals `[en, nl]`".to_owned()),
                );
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
                    .with_hint("use two- or three-letter lowercase codes such as `en` or `nl`")
                    .with_dutch(
                        format!("`{language}` is geen taalcode"),
                        Some(
                            "gebruik codes van twee of drie kleine letters, zoals `en` of `nl`"
                                .to_owned(),
                        ),
                    );
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
                    .with_hint("list each language once; the first is the default")
                    .with_dutch(
                        format!("taal `{language}` staat er twee keer in"),
                        Some("noem elke taal één keer; de eerste is de standaardtaal".to_owned()),
                    );
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
        what: [&str; 2],
        id: Option<&str>,
    ) {
        let [what, what_nl] = what;
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
                format!("{what_nl} heeft geen tekst in de standaardtaal `{default}`"),
                format!("voeg `{default}: ...` toe aan de tekst"),
            ));
        }
        for language in languages {
            if !self.languages.iter().any(|known| known == language) {
                problems.push((
                    Code::UnknownLanguage,
                    format!("{what} has a text in `{language}`, which is not in `languages`"),
                    format!("add `{language}` to `languages`, or remove this text"),
                    format!(
                        "{what_nl} heeft een tekst in `{language}`, dat niet in `languages` staat"
                    ),
                    format!("voeg `{language}` toe aan `languages`, of verwijder deze tekst"),
                ));
            }
        }
        for (code, message, hint, message_nl, hint_nl) in problems {
            let mut d = self
                .error_at(code, origin, anchor, message)
                .with_hint(hint)
                .with_dutch(message_nl, Some(hint_nl));
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
                    .with_hint("give each resource its own id")
                    .with_dutch(
                        format!("bron-id `{}` wordt twee keer gebruikt", id.value),
                        Some("geef elke bron een eigen id".to_owned()),
                    );
                self.push(d);
                continue;
            }
            self.check_text(
                &resource.title,
                0,
                id,
                ["the resource title", "de titel van de bron"],
                Some(&id.value),
            );
            if let Some(description) = &resource.description {
                self.check_text(
                    description,
                    0,
                    id,
                    ["the resource description", "de beschrijving van de bron"],
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
        let what_nl = match what {
            "resource" => "bron",
            "scale" => "schaal",
            "section" => "onderdeel",
            "item" => "vraag",
            "level" => "niveau",
            "rule" => "regel",
            other => other,
        };
        let value = id.value.as_ref();
        if !is_local_id(value) {
            let d = self
                .error_at(Code::InvalidId, origin, id, format!("{what} id `{value}` is not of the allowed form"))
                .with_id(value)
                .with_hint("use lowercase letters, digits and underscores, starting with a letter, such as `written_strategy`")
                .with_dutch(
                    format!("{what_nl}-id `{value}` heeft niet de toegestane vorm"),
                    Some("gebruik kleine letters, cijfers en `_`, beginnend met een letter, zoals `written_strategy`".to_owned()),
                );
            self.push(d);
        }
    }

    fn scales(&mut self, raw: &RawChecklist) -> HashMap<String, Vec<AnswerOption>> {
        let mut scales = HashMap::new();
        for (id, options) in &raw.scales {
            self.check_local_id(id, 0, "scale");
            let options = self.options(
                options,
                0,
                id,
                [
                    &format!("scale `{}`", id.value),
                    &format!("schaal `{}`", id.value),
                ],
            );
            scales.insert(id.value.clone(), options);
        }
        scales
    }

    fn options<T>(
        &mut self,
        raw: &[RawOption],
        origin: usize,
        anchor: &Spanned<T>,
        owner: [&str; 2],
    ) -> Vec<AnswerOption> {
        let [owner, owner_nl] = owner;
        if raw.is_empty() {
            let d = self
                .error_at(
                    Code::InvalidOptions,
                    origin,
                    anchor,
                    format!("{owner} has an empty option list"),
                )
                .with_hint("list at least one option with `id`, `label` and `score`")
                .with_dutch(
                    format!("{owner_nl} heeft een lege lijst met opties"),
                    Some("noem minstens één optie met `id`, `label` en `score`".to_owned()),
                );
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
                    )
                    .with_dutch(
                        format!(
                            "optie-id `{}` van {owner_nl} heeft niet de toegestane vorm",
                            id.value
                        ),
                        Some("gebruik kleine letters, cijfers en `_`; zet \"yes\" en \"no\" tussen aanhalingstekens".to_owned()),
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
                    .with_hint("give each option its own id")
                    .with_dutch(
                        format!("optie `{}` komt twee keer voor in {owner_nl}", id.value),
                        Some("geef elke optie een eigen id".to_owned()),
                    );
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
                    .with_hint("scores run from 0 (nothing in place) to 1 (fully in place)")
                    .with_dutch(
                        format!(
                            "optie `{}` van {owner_nl} heeft score {}, buiten [0, 1]",
                            id.value, option.score.value
                        ),
                        Some(
                            "scores lopen van 0 (niets geregeld) tot 1 (volledig geregeld)"
                                .to_owned(),
                        ),
                    );
                self.push(d);
            }
            self.check_text(
                &option.label,
                origin,
                id,
                [
                    &format!("the label of option `{}`", id.value),
                    &format!("het label van optie `{}`", id.value),
                ],
                None,
            );
            if let Some(description) = &option.description {
                self.check_text(
                    description,
                    origin,
                    id,
                    [
                        &format!("the description of option `{}`", id.value),
                        &format!("de beschrijving van optie `{}`", id.value),
                    ],
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
                .with_hint("add at least one section with items")
                .with_dutch(
                    "de vragenlijst heeft geen onderdelen",
                    Some("voeg minstens één onderdeel met vragen toe".to_owned()),
                );
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
                    .with_hint("give each section its own id, or merge the two sections")
                    .with_dutch(
                        format!("onderdeel-id `{}` wordt twee keer gebruikt", id.value),
                        Some(
                            "geef elk onderdeel een eigen id, of voeg de twee onderdelen samen"
                                .to_owned(),
                        ),
                    );
                self.push(d);
                continue;
            }
            self.check_text(
                &raw_section.title,
                origin,
                id,
                ["the section title", "de titel van het onderdeel"],
                Some(&id.value),
            );
            if let Some(description) = &raw_section.description {
                self.check_text(
                    description,
                    origin,
                    id,
                    [
                        "the section description",
                        "de beschrijving van het onderdeel",
                    ],
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
                        )
                        .with_dutch(
                            format!(
                                "vraag-id `{}` wordt twee keer gebruikt in onderdeel `{}`",
                                raw_item.id.value, id.value
                            ),
                            Some("geef elke vraag van een onderdeel een eigen id; antwoorden worden eraan gekoppeld".to_owned()),
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
        self.check_text(
            &raw.question,
            origin,
            &raw.id,
            ["the question", "de vraag"],
            Some(&id),
        );
        if let Some(guidance) = &raw.guidance {
            self.check_text(
                guidance,
                origin,
                &raw.id,
                ["the guidance", "de toelichting"],
                Some(&id),
            );
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
                        .with_hint("keep one: a shared `scale`, or inline `options`")
                        .with_dutch(
                            format!("vraag `{id}` heeft zowel `scale` als `options`"),
                            Some(
                                "houd er één: een gedeelde `scale`, of `options` bij de vraag zelf"
                                    .to_owned(),
                            ),
                        );
                    self.push(d);
                    Vec::new()
                }
                (Some(scale), None) => {
                    if let Some(options) = scales.get(&scale.value) {
                        options.clone()
                    } else {
                        let (hint, hint_nl) = did_you_mean_both(
                            &scale.value,
                            scales.keys().map(String::as_str),
                            "define the scale under `scales`, or use inline `options`",
                            "definieer de schaal onder `scales`, of gebruik `options` bij de vraag zelf",
                        );
                        let d = self
                            .error_at(
                                Code::UnknownScale,
                                origin,
                                scale,
                                format!("item `{id}` uses unknown scale `{}`", scale.value),
                            )
                            .with_id(&id)
                            .with_hint(hint)
                            .with_dutch(
                                format!("vraag `{id}` gebruikt onbekende schaal `{}`", scale.value),
                                Some(hint_nl),
                            );
                        self.push(d);
                        Vec::new()
                    }
                }
                (None, Some(options)) => self.options(
                    options,
                    origin,
                    &raw.id,
                    [&format!("item `{id}`"), &format!("vraag `{id}`")],
                ),
                (None, None) => {
                    let d = self
                        .error_at(
                            Code::InvalidOptions,
                            origin,
                            &raw.id,
                            format!("{} item `{id}` has no options", type_word(item_type)),
                        )
                        .with_id(&id)
                        .with_hint("add `scale: <scale id>` or inline `options:`")
                        .with_dutch(
                            format!(
                                "vraag `{id}` van type `{}` heeft geen opties",
                                type_word(item_type)
                            ),
                            Some(
                                "voeg `scale: <schaal-id>` of `options:` bij de vraag toe"
                                    .to_owned(),
                            ),
                        );
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
                    .with_hint("only choice and multi items have options")
                    .with_dutch(
                        format!(
                            "vraag `{id}` van type `{}` kan geen `scale` of `options` hebben",
                            type_word(item_type)
                        ),
                        Some("alleen vragen van type `choice` en `multi` hebben opties".to_owned()),
                    );
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
                .with_hint("only number items have a unit, a valid range and a target")
                .with_dutch(
                    format!(
                        "vraag `{id}` van type `{}` kan geen `unit`, `min`, `max` of `target` hebben",
                        type_word(item_type)
                    ),
                    Some("alleen vragen van type `number` hebben een eenheid, een geldig bereik en een doel".to_owned()),
                );
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
                    .with_hint("write a plain number, or leave the bound out")
                    .with_dutch(
                        format!("vraag `{id}` heeft een `min` of `max` die geen eindig getal is"),
                        Some("schrijf een gewoon getal, of laat de grens weg".to_owned()),
                    );
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
                .with_hint("swap `min` and `max`")
                .with_dutch(
                    format!("vraag `{id}` heeft min {low} boven max {high}"),
                    Some("verwissel `min` en `max`".to_owned()),
                );
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
                        .with_hint("write `target: {good: [g1, g2], poor: [p1, p2]}` with p1 < g1 <= g2 < p2, or a one-sided target such as `{good: 0, poor: 20}`")
                        .with_dutch(
                            format!("het doel van `{id}` is niet geldig: {}", target_reason_nl(reason)),
                            Some("schrijf `target: {good: [g1, g2], poor: [p1, p2]}` met p1 < g1 <= g2 < p2, of een eenzijdig doel zoals `{good: 0, poor: 20}`".to_owned()),
                        );
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
                let (hint, hint_nl) = did_you_mean_both(
                    &reference.value,
                    resources.keys().copied(),
                    "define the resource under `resources`",
                    "definieer de bron onder `resources`",
                );
                let d = self
                    .error_at(
                        Code::UnknownResource,
                        origin,
                        reference,
                        format!("`{owner}` names unknown resource `{}`", reference.value),
                    )
                    .with_id(owner)
                    .with_hint(hint)
                    .with_dutch(
                        format!("`{owner}` noemt onbekende bron `{}`", reference.value),
                        Some(hint_nl),
                    );
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
        let (what, what_nl) = if is_applies_if {
            ("`applies_if` of", "de `applies_if` van")
        } else {
            ("condition of rule", "de voorwaarde van regel")
        };
        let mut condition = match Condition::compile(&source.value) {
            Ok(condition) => condition,
            Err(errors) => {
                for error in errors {
                    let d = match error {
                        ConditionError::Syntax(failure) => self
                            .error_at(Code::InvalidExpression, origin, source, format!("the {what} `{owner}` does not compile: {failure}"))
                            .with_hint("conditions are minijinja expressions, such as `answer.strategy.budget == 'yes'`")
                            .with_dutch(
                                format!("{what_nl} `{owner}` is geen geldige expressie: {}", failure.dutch()),
                                Some("voorwaarden zijn minijinja-expressies, zoals `answer.strategy.budget == 'yes'`".to_owned()),
                            ),
                        ConditionError::Reference(name, reason) => self
                            .error_at(Code::UnknownReference, origin, source, format!("the {what} `{owner}` reads unknown name `{name}`"))
                            .with_hint(reason)
                            .with_dutch(
                                format!("{what_nl} `{owner}` leest onbekende naam `{name}`"),
                                Some(reference_reason_nl(&name)),
                            ),
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
                        .with_dutch(
                            format!(
                                "`{}` is uitgesloten, maar {what_nl} `{owner}` gebruikt het nog",
                                problem.id
                            ),
                            Some(format!("houd `{}`, of sluit ook `{owner}` uit", problem.id)),
                        )
                    }
                    None => self
                        .error_at(
                            Code::UnknownReference,
                            origin,
                            source,
                            format!("the {what} `{owner}` {}", problem.message),
                        )
                        .with_hint(problem.hint)
                        .with_dutch(
                            format!("{what_nl} `{owner}` {}", problem.message_nl),
                            Some(problem.hint_nl),
                        ),
                };
                self.push(d.with_id(owner));
            } else if is_applies_if && !allowed_in_applies_if(reference) {
                ok = false;
                let d = self
                    .error_at(Code::UnknownReference, origin, source, format!("the `applies_if` of `{owner}` reads scores or results"))
                    .with_id(owner)
                    .with_hint("`applies_if` may read only `org.<key>` and `answer.<section>.<item>`: scope is decided before scoring")
                    .with_dutch(
                        format!("de `applies_if` van `{owner}` leest scores of resultaten"),
                        Some("`applies_if` mag alleen `org.<key>` en `answer.<section>.<item>` lezen: welke vragen gelden wordt vóór het scoren bepaald".to_owned()),
                    );
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
                                    .with_hint("an item's scope cannot depend, directly or through others, on itself")
                                    .with_dutch(
                                        format!("`applies_if`-voorwaarden vormen een kring: {} → {}", cycle.join(" → "), items[dependency].id),
                                        Some("of een vraag geldt kan niet, direct of via andere vragen, van die vraag zelf afhangen".to_owned()),
                                    );
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
                    .with_hint("give each level its own id")
                    .with_dutch(
                        format!("niveau-id `{}` wordt twee keer gebruikt", id.value),
                        Some("geef elk niveau een eigen id".to_owned()),
                    );
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
                    .with_hint("the first level must have `min: 0` so every score has a level")
                    .with_dutch(
                        format!("het eerste niveau `{}` begint bij {min}, niet bij 0", id.value),
                        Some("het eerste niveau moet `min: 0` hebben, zodat elke score een niveau heeft".to_owned()),
                    );
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
                    .with_hint("a level starts at an overall score from 0 to 100")
                    .with_dutch(
                        format!("niveau `{}` heeft min {min}, buiten 0-100", id.value),
                        Some("een niveau begint bij een totaalscore van 0 tot 100".to_owned()),
                    );
                self.push(d);
            }
            if let Some(previous) = previous_min
                && min <= previous
            {
                let d = self
                    .error_at(Code::InvalidLevels, 0, &level.min, format!("level `{}` (min {min}) does not come above the level before it (min {previous})", id.value))
                    .with_id(&id.value)
                    .with_hint("list levels in ascending order of `min`")
                    .with_dutch(
                        format!("niveau `{}` (min {min}) ligt niet boven het niveau ervoor (min {previous})", id.value),
                        Some("zet de niveaus in oplopende volgorde van `min`".to_owned()),
                    );
                self.push(d);
            }
            previous_min = Some(min);
            self.check_text(
                &level.label,
                0,
                id,
                ["the level label", "het label van het niveau"],
                Some(&id.value),
            );
            if let Some(description) = &level.description {
                self.check_text(
                    description,
                    0,
                    id,
                    ["the level description", "de beschrijving van het niveau"],
                    Some(&id.value),
                );
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
                            .with_hint("require a choice or multi item, or a number item with a `target`")
                            .with_dutch(
                                format!(
                                    "niveau `{}` vereist `{}`, dat nooit een score krijgt, dus het niveau kan nooit worden bereikt",
                                    id.value, required.value
                                ),
                                Some("vereis een vraag van type `choice` of `multi`, of een vraag van type `number` met een `target`".to_owned()),
                            );
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
                            .with_hint("remove `allow_na` from the item, and use `applies_if` for organisations it does not fit")
                            .with_dutch(
                                format!(
                                    "niveau `{}` vereist `{}`, dat N.v.t. toestaat, dus met N.v.t. zou aan de voorwaarde voldaan zijn",
                                    id.value, required.value
                                ),
                                Some("haal `allow_na` weg bij de vraag, en gebruik `applies_if` voor organisaties waar de vraag niet bij past".to_owned()),
                            );
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
                    ))
                    .with_dutch(
                        format!(
                            "`{}` is uitgesloten, maar niveau `{}` vereist het",
                            required.value, id.value
                        ),
                        Some(format!(
                            "houd `{}`: een niveau dat het vereist kan niet zonder",
                            required.value
                        )),
                    );
                    self.push(d);
                } else {
                    let (hint, hint_nl) = did_you_mean_both(
                        &required.value,
                        item_index.keys().map(String::as_str),
                        "name a full item id, such as `strategy.written_strategy`",
                        "noem een volledige id van een vraag, zoals `strategy.written_strategy`",
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
                        .with_hint(hint)
                        .with_dutch(
                            format!(
                                "niveau `{}` vereist onbekende vraag `{}`",
                                id.value, required.value
                            ),
                            Some(hint_nl),
                        );
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
                        .with_hint("a floor is the lowest section score, from 0 to 100")
                        .with_dutch(
                            format!(
                                "niveau `{}` heeft floor {}, buiten 0-100",
                                id.value, floor.value
                            ),
                            Some(
                                "een floor is de laagste score van een onderdeel, van 0 tot 100"
                                    .to_owned(),
                            ),
                        );
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
                .with_hint("add `levels:` with at least one level at `min: 0`")
                .with_dutch(
                    "de vragenlijst heeft geen niveaus",
                    Some("voeg `levels:` toe met minstens één niveau op `min: 0`".to_owned()),
                ),
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
                    .with_hint("give each rule its own id")
                    .with_dutch(
                        format!("regel-id `{}` wordt twee keer gebruikt", id.value),
                        Some("geef elke regel een eigen id".to_owned()),
                    );
                self.push(d);
                continue;
            }
            self.check_text(
                &raw.title,
                raw.origin,
                id,
                ["the rule title", "de titel van de regel"],
                Some(&id.value),
            );
            for text in [&raw.explanation, &raw.advice].into_iter().flatten() {
                self.check_text(
                    text,
                    raw.origin,
                    id,
                    ["the rule text", "de tekst van de regel"],
                    Some(&id.value),
                );
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
    message_nl: String,
    hint_nl: String,
}

impl ReferenceContext<'_> {
    fn check(&self, reference: &Reference) -> Option<ReferenceProblem> {
        match reference {
            Reference::Item(root, id) if !self.item_index.contains_key(id) => {
                let (hint, hint_nl) = did_you_mean_both(
                    id,
                    self.item_index.keys().map(String::as_str),
                    "name a full item id, such as `strategy.budget`",
                    "noem een volledige id van een vraag, zoals `strategy.budget`",
                );
                Some(ReferenceProblem {
                    id: id.clone(),
                    message: format!(
                        "reads `{}.{id}`, but there is no item `{id}`",
                        root_name(*root)
                    ),
                    hint,
                    message_nl: format!(
                        "leest `{}.{id}`, maar er is geen vraag `{id}`",
                        root_name(*root)
                    ),
                    hint_nl,
                })
            }
            Reference::Section(id) if !self.section_index.contains_key(id) => {
                let (hint, hint_nl) = did_you_mean_both(
                    id,
                    self.section_index.keys().map(String::as_str),
                    "name a section id",
                    "noem de id van een onderdeel",
                );
                Some(ReferenceProblem {
                    id: id.clone(),
                    message: format!("reads `section.{id}`, but there is no section `{id}`"),
                    hint,
                    message_nl: format!("leest `section.{id}`, maar er is geen onderdeel `{id}`"),
                    hint_nl,
                })
            }
            Reference::TagIndex(tag) if !self.tags.contains(tag) => {
                let (hint, hint_nl) = did_you_mean_both(
                    tag,
                    self.tags.iter().map(String::as_str),
                    "tag at least one item with it",
                    "geef minstens één vraag deze tag",
                );
                Some(ReferenceProblem {
                    id: tag.clone(),
                    message: format!("reads `index.tag.{tag}`, but no item has the tag `{tag}`"),
                    hint,
                    message_nl: format!(
                        "leest `index.tag.{tag}`, maar geen enkele vraag heeft de tag `{tag}`"
                    ),
                    hint_nl,
                })
            }
            _ => None,
        }
    }
}

/// "did you mean `x`?" in English and Dutch when a near id exists, or the fallback hints.
pub(crate) fn did_you_mean_both<'a>(
    wanted: &str,
    known: impl IntoIterator<Item = &'a str>,
    fallback: &str,
    fallback_nl: &str,
) -> (String, String) {
    match crate::diagnostic::nearest(wanted, known) {
        Some(near) => (
            format!("did you mean `{near}`?"),
            format!("bedoelt u `{near}`?"),
        ),
        None => (fallback.to_owned(), fallback_nl.to_owned()),
    }
}

/// The Dutch of a reason `Target::check` gives.
fn target_reason_nl(reason: &str) -> &'static str {
    match reason {
        "target bounds must be finite numbers" => {
            "de grenzen van het doel moeten eindige getallen zijn"
        }
        "the good range must be [low, high]" => "het goede bereik moet [laag, hoog] zijn",
        "the poor range must be [low, high]" => "het slechte bereik moet [laag, hoog] zijn",
        "the poor range lies inside the good range" => {
            "het slechte bereik ligt binnen het goede bereik"
        }
        _ => {
            "een slechte grens is gelijk aan de goede grens aan dezelfde kant, dus de helling is niet bepaald"
        }
    }
}

/// The Dutch of the reason `expr::classify` gives for a name a condition cannot read.
fn reference_reason_nl(name: &str) -> String {
    let parts: Vec<&str> = name.split('.').collect();
    match parts.as_slice() {
        [root @ ("answer" | "score" | "status" | "evidence"), ..] => format!(
            "na `{root}` moet een volledige id van een vraag komen, zoals in `{root}.strategy.budget`"
        ),
        ["org"] => "gebruik `org.<key>`, zoals `org.staff`".to_owned(),
        ["index", "kind", _] => "de soorten vragen zijn `policy`, `practice` en `outcome`".to_owned(),
        _ => "bekende namen zijn org, answer, score, status, evidence, section, overall, index, evidence_coverage en na_share".to_owned(),
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

#[cfg(test)]
mod version_tests {
    use super::is_version;

    #[test]
    fn versions_are_semantic_versions_whose_suffixes_hold_no_markup() {
        for good in [
            "1.2.0",
            "2.0.0-rc.1",
            "1.0.0-beta-2+build.5",
            "1.0.0+20251127",
        ] {
            assert!(is_version(good), "{good}");
        }
        for bad in [
            "1.2",
            "1.2.x",
            "1.0.0-",
            "1.0.0-rc..1",
            "1.0.0-<b>beta</b>",
            "1.0.0-[link](http://x)",
            "1.0.0+build 5",
            "1.0.0-\u{1b}[2J",
        ] {
            assert!(!is_version(bad), "{bad}");
        }
    }
}

//! Who an answers file is about: the identity of an organisation across files (SPEC section 12).
//!
//! Progress and the benchmark must never mix two organisations up, nor count one twice. An
//! organisation is therefore known by `organisation.id` when the file gives one (a stable id of
//! the form `[a-z0-9][a-z0-9-]*`), otherwise by its `name` normalised: case folded, surrounding
//! white space trimmed and inner runs of white space made one space. So `Global Roots`,
//! `global roots` and `  GLOBAL   Roots ` are one organisation, and a renamed organisation
//! keeps its history by giving an `id`.

use indexmap::IndexMap;

/// True when `id` has the form of an organisation id: `[a-z0-9][a-z0-9-]*`.
pub fn is_organisation_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars
        .next()
        .is_some_and(|first| first.is_ascii_lowercase() || first.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A name with its case folded (Unicode lower case), surrounding white space trimmed and
/// inner runs of white space made one space.
pub fn normalise_name(name: &str) -> String {
    name.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The identity of a scored organisation: its `organisation_id` when it has one, otherwise
/// its name normalised (answers validation has checked the id's form).
pub(crate) fn of(organisation_id: Option<&str>, name: &str) -> String {
    organisation_id.map_or_else(|| normalise_name(name), str::to_owned)
}

/// The identity of the organisation described by an answers file's `organisation` map: its
/// `id` when that is a string of the allowed form, otherwise its normalised `name` (a number
/// as a name counts as its digits). Answers validation rejects an `id` of another form, so a
/// checked `Answers` value always gets the identity its file states.
pub fn organisation_identity(organisation: &IndexMap<String, serde_json::Value>) -> String {
    if let Some(serde_json::Value::String(id)) = organisation.get("id")
        && is_organisation_id(id)
    {
        return id.clone();
    }
    match organisation.get("name") {
        Some(serde_json::Value::String(name)) => normalise_name(name),
        Some(serde_json::Value::Number(number)) => number.to_string(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn organisation(pairs: &[(&str, serde_json::Value)]) -> IndexMap<String, serde_json::Value> {
        pairs
            .iter()
            .map(|(key, value)| ((*key).to_owned(), value.clone()))
            .collect()
    }

    #[test]
    fn ids_have_the_allowed_form() {
        for good in ["global-roots", "a", "0", "de-brug-2", "9a-"] {
            assert!(is_organisation_id(good), "{good}");
        }
        for bad in ["", "-a", "Global", "a_b", "a b", "é", "a.b"] {
            assert!(!is_organisation_id(bad), "{bad}");
        }
    }

    #[test]
    fn names_are_normalised() {
        assert_eq!(normalise_name("  Global\t Roots \n"), "global roots");
        assert_eq!(normalise_name("STICHTING De  Brug"), "stichting de brug");
        assert_eq!(normalise_name("ÉCOLE"), "école");
    }

    #[test]
    fn the_id_wins_over_the_name() {
        let with_id = organisation(&[
            ("name", "Global Roots".into()),
            ("id", "global-roots".into()),
        ]);
        assert_eq!(organisation_identity(&with_id), "global-roots");
        let without = organisation(&[("name", " Global  ROOTS".into())]);
        assert_eq!(organisation_identity(&without), "global roots");
        let numbered = organisation(&[("name", 42.into())]);
        assert_eq!(organisation_identity(&numbered), "42");
    }

    proptest! {
        /// Normalising twice changes nothing, and neither does extra space or another case.
        #[test]
        fn normalisation_is_idempotent_and_ignores_space_and_case(
            words in proptest::collection::vec("[A-Za-zÀ-Ö0-9]{1,8}", 1..5),
            pads in proptest::collection::vec("[ \t\n]{1,3}", 6),
        ) {
            let plain = words.join(" ");
            let mut spaced = pads[0].clone();
            for (index, word) in words.iter().enumerate() {
                spaced.push_str(&word.to_uppercase());
                spaced.push_str(&pads[(index + 1) % pads.len()]);
            }
            let normal = normalise_name(&plain);
            prop_assert_eq!(normalise_name(&normal), normal.clone());
            prop_assert_eq!(normalise_name(&spaced), normalise_name(&plain.to_lowercase()));
            prop_assert!(!normal.starts_with(' ') && !normal.ends_with(' ') && !normal.contains("  "));
        }

        /// Every string of the id form is accepted, and nothing with other characters.
        #[test]
        fn id_form(id in "[a-z0-9][a-z0-9-]{0,12}", bad in "[a-z0-9-]{0,4}[A-Z_ .][a-z0-9-]{0,4}") {
            prop_assert!(is_organisation_id(&id));
            prop_assert!(!is_organisation_id(&bad));
        }
    }
}

//! Texts that exist in one or more languages.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A text: a plain string (in the checklist's default language) or a map from language code
/// to string, such as `{en: Strategy, nl: Strategie}`.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Text {
    /// One string, taken to be in the default language.
    Plain(String),
    /// One string per language code.
    Localized(IndexMap<String, String>),
}

impl Text {
    /// The text in `language`, falling back to `default_language`, then to any language.
    pub fn get<'a>(&'a self, language: &str, default_language: &str) -> &'a str {
        match self {
            Text::Plain(text) => text,
            Text::Localized(map) => map
                .get(language)
                .or_else(|| map.get(default_language))
                .or_else(|| map.values().next())
                .map_or("", String::as_str),
        }
    }

    /// The languages this text is written in; `None` for a plain string.
    pub fn languages(&self) -> Option<impl Iterator<Item = &str>> {
        match self {
            Text::Plain(_) => None,
            Text::Localized(map) => Some(map.keys().map(String::as_str)),
        }
    }
}

/// The primary language of a language tag, lower case: `nl` for `nl`, `NL`, `nl-BE` and `nl_NL`.
pub(crate) fn primary_language(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// True when a language code asks for Dutch: `nl` or a regional form of it (`nl-BE`, `nl_NL`),
/// in any case; never a code that only begins with the letters, such as `nld`.
///
/// Every crate decides "Dutch or English" for its own words (reports, diagnostics, `dei init`,
/// the form, XLSForm) through this one function, so a code never gets Dutch in one output and
/// English in another.
pub fn is_dutch(code: &str) -> bool {
    primary_language(code) == "nl"
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        Text::Plain(text.to_owned())
    }
}

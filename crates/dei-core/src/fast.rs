//! The fast path of answers files: parsed without source locations, used only when clean.
//!
//! Why: an answers file is parsed once per organisation, and in a batch of thousands that
//! parse is most of the work. Two things make it slow that a valid file does not need: the
//! locations (`Spanned`) that serde-saphyr synthesises for every answer cost about a fifth of
//! a YAML parse, and JSON files (SPEC section 4 allows them; other tools send JSON) read
//! through a YAML parser are ten times slower than through serde_json.
//!
//! So `plain_answers` parses into `PlainAnswers` (the shape of `RawAnswers` without locations),
//! JSON files (by name: `.json`) with serde_json and all others with the YAML parser and the
//! options of `Source::parse`, and converts the result into a `RawAnswers` whose locations are
//! unknown. The caller checks it as usual and uses the result only when there is no problem at
//! all, not even a warning; anything else (a parse error, an error, a warning) is parsed again
//! through `Source::parse` with locations, which alone decides what the user sees.
//!
//! Invariant: the fast path yields the very `Answers` of the located path, or nothing. For JSON
//! this needs the few places where serde_json and the YAML parser read the same text
//! differently to be refused here, so that they take the located path: a repeated key (serde_json
//! keeps the last), a key over 1,024 characters (YAML refuses it), nesting deeper than the YAML
//! depth budget, files big enough to reach the YAML node budget, and `-0`, a float for
//! serde_json and an integer for YAML. The unit tests below compare both paths.

use std::fmt;
use std::marker::PhantomData;

use indexmap::IndexMap;
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Location, Spanned};

use crate::answers::Parts;
use crate::raw::{RawAnswer, RawValue, Scalar};
use crate::source::Source;

/// JSON files up to this size take the fast path. A JSON value takes at least two bytes, so a
/// file this size cannot reach the YAML parser's budget of 250,000 nodes; real answers files
/// are a few kilobytes.
const MAX_FAST_JSON_BYTES: usize = 256 * 1024;

/// Longer keys are left to the located path: YAML limits implicit keys to 1,024 characters.
const MAX_KEY_BYTES: usize = 512;

/// Deeper organisation values are left to the located path (the YAML depth budget is 48).
const MAX_VALUE_DEPTH: usize = 16;

/// An answers file as written, without locations: the fields of `RawAnswers` with the same
/// defaults, at least as strict (unknown keys are refused, repeated keys too). `O` is the type
/// of organisation values: `serde_json::Value` for YAML, as in `RawAnswers`, and `StrictValue`
/// for JSON.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, bound(deserialize = "O: Deserialize<'de>"))]
struct PlainAnswers<O> {
    checklist: String,
    #[serde(default)]
    checklist_version: Option<String>,
    #[serde(deserialize_with = "strict_map")]
    organisation: IndexMap<String, O>,
    period: String,
    #[serde(default)]
    assessed_by: Vec<String>,
    #[serde(default, deserialize_with = "strict_map")]
    goals: IndexMap<String, String>,
    #[serde(default, deserialize_with = "strict_map")]
    answers: IndexMap<String, RawAnswer>,
}

impl<O: Into<serde_json::Value>> PlainAnswers<O> {
    fn into_parts(self) -> Parts {
        fn unknown<T>(value: T) -> Spanned<T> {
            Spanned::new(value, Location::UNKNOWN, Location::UNKNOWN)
        }
        Parts {
            checklist: unknown(self.checklist),
            checklist_version: self.checklist_version.map(unknown),
            organisation: unknown(
                self.organisation
                    .into_iter()
                    .map(|(key, value)| (key, value.into()))
                    .collect(),
            ),
            period: unknown(self.period),
            assessed_by: self.assessed_by,
            goals: self
                .goals
                .into_iter()
                .map(|(section, level)| (unknown(section), unknown(level)))
                .collect(),
            answers: self
                .answers
                .into_iter()
                .map(|(id, answer)| (unknown(id), unknown(answer)))
                .collect(),
        }
    }
}

/// Parses an answers file without locations (see the module documentation); `None` when it
/// does not parse cleanly this way, and the located path must decide.
pub(crate) fn plain_answers(source: &Source) -> Option<Parts> {
    if is_json(source.name()) {
        if source.text().len() > MAX_FAST_JSON_BYTES {
            return None;
        }
        let plain: PlainAnswers<StrictValue> = serde_json::from_str(source.text()).ok()?;
        if plain.answers.values().any(has_negative_zero) {
            return None;
        }
        Some(plain.into_parts())
    } else {
        let plain: PlainAnswers<serde_json::Value> = source.parse().ok()?;
        Some(plain.into_parts())
    }
}

fn is_json(name: &str) -> bool {
    std::path::Path::new(name)
        .extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("json"))
}

fn has_negative_zero(answer: &RawAnswer) -> bool {
    let scalar =
        |scalar: &Scalar| matches!(scalar, Scalar::Number(n) if *n == 0.0 && n.is_sign_negative());
    let value = |value: &RawValue| match value {
        RawValue::Empty => false,
        RawValue::Scalar(one) => scalar(one),
        RawValue::List(list) => list.iter().any(scalar),
    };
    match answer {
        RawAnswer::Short(short) => value(short),
        RawAnswer::Long(long) => long.value.as_ref().is_some_and(value),
    }
}

/// A map that refuses repeated and overlong keys (see the module documentation).
fn strict_map<'de, D, V>(deserializer: D) -> Result<IndexMap<String, V>, D::Error>
where
    D: Deserializer<'de>,
    V: Deserialize<'de>,
{
    struct MapVisitor<V>(PhantomData<V>);

    impl<'de, V: Deserialize<'de>> Visitor<'de> for MapVisitor<V> {
        type Value = IndexMap<String, V>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a map")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut entries = IndexMap::with_capacity(map.size_hint().unwrap_or(0).min(1024));
            while let Some(key) = map.next_key::<String>()? {
                check_key(&key)?;
                let value = map.next_value()?;
                if entries.insert(key, value).is_some() {
                    return Err(de::Error::custom("a key appears twice"));
                }
            }
            Ok(entries)
        }
    }

    deserializer.deserialize_map(MapVisitor(PhantomData))
}

fn check_key<E: de::Error>(key: &str) -> Result<(), E> {
    if key.len() > MAX_KEY_BYTES {
        Err(E::custom("a key is too long for the fast path"))
    } else {
        Ok(())
    }
}

/// An organisation value read from JSON: what `serde_json::Value` reads, except that repeated
/// keys, overlong keys, deep nesting and `-0` are refused (see the module documentation).
struct StrictValue(serde_json::Value);

impl From<StrictValue> for serde_json::Value {
    fn from(value: StrictValue) -> Self {
        value.0
    }
}

impl<'de> Deserialize<'de> for StrictValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Organisation values start two levels down: the file, then `organisation`.
        StrictSeed(2).deserialize(deserializer).map(StrictValue)
    }
}

/// Reads one value at nesting depth `.0`.
#[derive(Clone, Copy)]
struct StrictSeed(usize);

impl<'de> DeserializeSeed<'de> for StrictSeed {
    type Value = serde_json::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for StrictSeed {
    type Value = serde_json::Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Bool(value))
    }
    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Number(value.into()))
    }
    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Number(value.into()))
    }
    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
        if value == 0.0 && value.is_sign_negative() {
            return Err(E::custom("-0 is left to the located path"));
        }
        // As `serde_json::Value` reads it: a number that is not finite becomes null.
        Ok(serde_json::Number::from_f64(value).map_or(serde_json::Value::Null, Into::into))
    }
    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        Ok(serde_json::Value::String(value.to_owned()))
    }
    fn visit_string<E: de::Error>(self, value: String) -> Result<Self::Value, E> {
        Ok(serde_json::Value::String(value))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        self.deserialize(deserializer)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let inner = self.nested()?;
        let mut values = Vec::new();
        while let Some(value) = seq.next_element_seed(inner)? {
            values.push(value);
        }
        Ok(serde_json::Value::Array(values))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let inner = self.nested()?;
        let mut entries = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            check_key(&key)?;
            let value = map.next_value_seed(inner)?;
            if entries.insert(key, value).is_some() {
                return Err(de::Error::custom("a key appears twice"));
            }
        }
        Ok(serde_json::Value::Object(entries))
    }
}

impl StrictSeed {
    fn nested<E: de::Error>(self) -> Result<Self, E> {
        if self.0 >= MAX_VALUE_DEPTH {
            Err(E::custom("nested too deeply for the fast path"))
        } else {
            Ok(StrictSeed(self.0 + 1))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::raw::RawAnswers;
    use crate::{Answers, Checklist, builtin_text};

    /// Checks `text` against `ngo-dei` on the located path only.
    fn located(name: &str, text: &str, checklist: &Checklist) -> Result<Answers, String> {
        let source = Source::new(name, text);
        let raw: RawAnswers = source.parse().map_err(|d| format!("{d:?}"))?;
        Answers::check(raw, &source, checklist).map_err(|d| format!("{d:?}"))
    }

    /// What the fast path gives: the answers, or `None` when it hands over.
    fn fast(name: &str, text: &str, checklist: &Checklist) -> Option<Answers> {
        let source = Source::new(name, text);
        let answers = Answers::check_parts(plain_answers(&source)?, &source, checklist).ok()?;
        answers.warnings.is_empty().then_some(answers)
    }

    const BASE: &str = r#"{"checklist": "ngo-dei", "checklist_version": "1.0.0",
      "organisation": {"name": "Example", "staff": 42, "nested": {"a": [1, 2.5, null, true]}},
      "period": "2025", "assessed_by": ["HR lead"], "goals": {"strategy": "progressive"},
      "answers": {"strategy.public_commitment": "yes",
        "strategy.written_strategy": {"value": "partly", "evidence": "Plan", "comment": "c"},
        "strategy.dei_fte": 0.5, "measurement.staff_diversity_data": null}}"#;

    #[test]
    fn both_paths_agree_or_the_fast_path_hands_over() {
        let checklist = Checklist::from_source(&Source::new(
            "ngo-dei",
            builtin_text("ngo-dei").unwrap_or_default(),
        ))
        .unwrap_or_else(|problems| panic!("{problems:?}"));
        let long_key = format!(r#"{{"{}": 1}}"#, "k".repeat(2000));
        let deep = format!("{}1{}", "[".repeat(40), "]".repeat(40));
        // (replace this, with this, does the fast path take it?)
        let variants: &[(&str, &str, bool)] = &[
            ("", "", true),
            (r#""staff": 42"#, r#""staff": 42, "staff": 43"#, false),
            (r#""a": [1"#, r#""a": [-0"#, false),
            (
                r#""strategy.dei_fte": 0.5"#,
                r#""strategy.dei_fte": -0"#,
                false,
            ),
            (
                r#""strategy.dei_fte": 0.5"#,
                r#""strategy.dei_fte": -0.0"#,
                false,
            ),
            (r#""a": [1"#, &format!(r#""a": [{deep}"#), false),
            (
                r#""nested": "#,
                &format!(r#""x": {long_key}, "nested": "#),
                false,
            ),
            (
                r#""yes","#,
                r#""yes", "strategy.public_commitment": "no","#,
                false,
            ),
            (r#""2025""#, "2025", false),
            (r#""1.0.0""#, r#""0.9.0""#, false),
            (
                r#""strategy.dei_fte": 0.5"#,
                r#""strategy.dei_fte": "0.5""#,
                false,
            ),
            (r#""partly""#, r#""sometimes""#, false),
            (r#""Plan""#, r#"["Plan", "Minutes"]"#, true),
            (r#""Example""#, r#""""#, false),
            (r#""progressive""#, r#""heroic""#, false),
            (r#""HR lead""#, r#""HR lead", "Board""#, true),
            (r#""period""#, r#""periode""#, false),
            (r#""staff": 42"#, r#""staff": 1e400"#, false),
            (
                r#""staff": 42"#,
                r#""staff": 1e5, "big": 123456789012345678901234567890"#,
                true,
            ),
            (r#""nested": "#, r#""text": "x\ty", "nested": "#, false),
            (
                r#""nested": "#,
                r#""text": "\u00e9\ud83d\ude00\u0000", "nested": "#,
                true,
            ),
        ];
        for &(from, to, takes) in variants {
            let text = BASE.replacen(from, to, 1);
            for name in ["org.json", "org.yaml", "ORG.JSON"] {
                let slow = located(name, &text, &checklist);
                match fast(name, &text, &checklist) {
                    Some(answers) => assert_eq!(Ok(answers), slow, "{name}: {to}"),
                    None => assert!(!takes, "{name} handed over: {to}"),
                }
            }
        }
    }
}

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
//! options of `Source::parse`, straight into the lists the checker reads (`Parts`), with unknown
//! locations. It reads the long form of an answer as `RawLongAnswer` does (evidence with the
//! same `evidence::evidence_list`). Every entry to answers starts here (`Answers::from_source`,
//! `Answers::check_partial`, `Library::answers_from_source`): the caller checks the result as
//! usual and uses it only when there is no problem at all, not even a warning; anything else
//! (a parse error, an error, a warning) is parsed again through `Source::parse_all` with
//! locations, which alone decides what a person reads.
//!
//! Invariant: the fast path yields the very `Answers` of the located path, or nothing. For JSON
//! this needs the few places where serde_json and the YAML parser read the same text
//! differently to be refused, so that they take the located path: a repeated key (serde_json
//! keeps the last; refused here, except under `answers:`, where the checker refuses it, see
//! `Entries`), a key over 1,024 characters (YAML refuses it), nesting deeper than the YAML
//! depth budget, files big enough to reach the YAML node budget, and `-0`, a float for
//! serde_json and an integer for YAML. The unit tests below compare both paths.

use std::collections::HashSet;
use std::fmt;
use std::marker::PhantomData;

use indexmap::IndexMap;
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Location, Spanned};

use crate::answers::Parts;
use crate::evidence::Evidence;
use crate::raw::{RawAnswer, RawLongAnswer, RawValue, Scalar, answer_with_long_form, yes_or_no};
use crate::source::Source;

/// JSON files up to this size take the fast path. A JSON value takes at least two bytes, so a
/// file this size cannot reach the YAML parser's budget of 250,000 nodes; real answers files
/// are a few kilobytes.
const MAX_FAST_JSON_BYTES: usize = 256 * 1024;

/// Longer keys are left to the located path: YAML limits implicit keys to 1,024 characters.
const MAX_KEY_BYTES: usize = 512;

/// Deeper organisation values are left to the located path (the YAML depth budget is 48).
const MAX_VALUE_DEPTH: usize = 16;

/// Distinct keys of one map with the same hash (see `Seen`) that the fast path tolerates; more
/// is a file made to collide, left to the located path rather than compared pair by pair.
const MAX_HASH_COLLISIONS: usize = 16;

/// An answers file as written, without locations: the fields of `RawAnswers` with the same
/// defaults, at least as strict (unknown keys are refused, repeated keys too). `O` is the type
/// of organisation values: `serde_json::Value` for YAML, as in `RawAnswers`, and `StrictValue`
/// for JSON. The maps are read straight into the lists that `Parts` holds.
#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    bound(deserialize = "O: Deserialize<'de> + Into<serde_json::Value>")
)]
struct PlainAnswers<O> {
    checklist: String,
    #[serde(default)]
    checklist_version: Option<String>,
    organisation: Organisation<O>,
    period: String,
    #[serde(default)]
    assessed_by: Vec<String>,
    #[serde(default)]
    answered_by: Vec<String>,
    #[serde(default)]
    signed_by: Vec<String>,
    #[serde(default)]
    respondent: Option<PlainRespondent>,
    #[serde(default)]
    goals: Entries<String, String, 16, true>,
    #[serde(default)]
    answers: Entries<PlainAnswer, RawAnswer, 128, false>,
}

/// `RawRespondent` without locations.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlainRespondent {
    group: String,
}

fn unknown<T>(value: T) -> Spanned<T> {
    Spanned::new(value, Location::UNKNOWN, Location::UNKNOWN)
}

impl<O> PlainAnswers<O> {
    fn into_parts(self) -> Parts {
        Parts {
            checklist: unknown(self.checklist),
            checklist_version: self.checklist_version.map(unknown),
            organisation: unknown(self.organisation.0),
            period: unknown(self.period),
            assessed_by: self.assessed_by,
            answered_by: self.answered_by,
            signed_by: self.signed_by,
            respondent: self.respondent.map(|respondent| unknown(respondent.group)),
            goals: self.goals.0,
            answers: self.answers.0,
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
        if plain
            .answers
            .0
            .iter()
            .any(|(_, answer)| has_negative_zero(&answer.value))
        {
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

/// The organisation map, its values read as `O`: repeated and overlong keys are refused.
struct Organisation<O>(IndexMap<String, serde_json::Value>, PhantomData<O>);

impl<'de, O: Deserialize<'de> + Into<serde_json::Value>> Deserialize<'de> for Organisation<O> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor<O>(PhantomData<O>);

        impl<'de, O: Deserialize<'de> + Into<serde_json::Value>> Visitor<'de> for MapVisitor<O> {
            type Value = Organisation<O>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = IndexMap::with_capacity(map.size_hint().unwrap_or(0).min(1024));
                while let Some(key) = map.next_key::<String>()? {
                    check_key(&key)?;
                    let value: O = map.next_value()?;
                    if entries.insert(key, value.into()).is_some() {
                        return Err(de::Error::custom("a key appears twice"));
                    }
                }
                Ok(Organisation(entries, PhantomData))
            }
        }

        deserializer.deserialize_map(MapVisitor(PhantomData))
    }
}

/// A map read as the list of its entries (`goals`, `answers`), its values read as `V` and kept
/// as `T`: overlong keys are refused, and repeated keys too when `REFUSE_REPEATS`. `CAPACITY` is
/// room for the usual number of entries (neither parser knows it in advance): growing the list
/// entry by entry would copy it several times.
///
/// `answers` leaves repeats to the checker, which sees every key anyway: a repeated item id is
/// an error there (`Code::DuplicateId`), and any other key is an unknown item, a retired one or
/// a misplaced key of a long answer, each a problem or a warning; either hands the file to the
/// located path, whose parser refuses the repeat. That spares a hash of every answer's key.
struct Entries<V, T, const CAPACITY: usize, const REFUSE_REPEATS: bool>(
    Vec<(Spanned<String>, Spanned<T>)>,
    PhantomData<V>,
);

impl<V, T, const CAPACITY: usize, const REFUSE_REPEATS: bool> Default
    for Entries<V, T, CAPACITY, REFUSE_REPEATS>
{
    fn default() -> Self {
        Entries(Vec::new(), PhantomData)
    }
}

impl<'de, V, T, const CAPACITY: usize, const REFUSE_REPEATS: bool> Deserialize<'de>
    for Entries<V, T, CAPACITY, REFUSE_REPEATS>
where
    V: Deserialize<'de> + Into<T>,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor<V, T, const CAPACITY: usize, const REFUSE_REPEATS: bool>(
            PhantomData<(V, T)>,
        );

        impl<'de, V, T, const CAPACITY: usize, const REFUSE_REPEATS: bool> Visitor<'de>
            for MapVisitor<V, T, CAPACITY, REFUSE_REPEATS>
        where
            V: Deserialize<'de> + Into<T>,
        {
            type Value = Entries<V, T, CAPACITY, REFUSE_REPEATS>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let capacity = map.size_hint().unwrap_or(CAPACITY).min(1024);
                let mut entries = Vec::with_capacity(capacity);
                let mut seen = Seen::with_capacity(if REFUSE_REPEATS { capacity } else { 0 });
                while let Some(key) = map.next_key::<String>()? {
                    check_key(&key)?;
                    if REFUSE_REPEATS {
                        seen.check(&key, &entries)?;
                    }
                    let value: V = map.next_value()?;
                    entries.push((unknown(key), unknown(value.into())));
                }
                Ok(Entries(entries, PhantomData))
            }
        }

        deserializer.deserialize_map(MapVisitor(PhantomData))
    }
}

/// The keys of one map so far, to refuse a repeated one exactly: a set of their hashes, and on
/// the rare equal hash a comparison with the keys themselves. The hash need not resist chosen
/// collisions (SipHash does, at several times the cost): a collision costs one pass over the
/// keys, and a file with many is handed to the located path.
struct Seen {
    hashes: HashSet<u64, foldhash::fast::FixedState>,
    collisions: usize,
}

impl Seen {
    fn with_capacity(capacity: usize) -> Self {
        Seen {
            hashes: HashSet::with_capacity_and_hasher(
                capacity,
                foldhash::fast::FixedState::default(),
            ),
            collisions: 0,
        }
    }

    /// Refuses `key` if it is among the keys of `entries`, the map's entries so far.
    fn check<E: de::Error, T>(
        &mut self,
        key: &str,
        entries: &[(Spanned<String>, T)],
    ) -> Result<(), E> {
        self.check_hashed(key_hash(key), key, entries)
    }

    fn check_hashed<E: de::Error, T>(
        &mut self,
        hash: u64,
        key: &str,
        entries: &[(Spanned<String>, T)],
    ) -> Result<(), E> {
        if self.hashes.insert(hash) {
            return Ok(());
        }
        if entries.iter().any(|(seen, _)| seen.value == key) {
            return Err(E::custom("a key appears twice"));
        }
        self.collisions += 1;
        if self.collisions > MAX_HASH_COLLISIONS {
            return Err(E::custom("too many hash collisions for the fast path"));
        }
        Ok(())
    }
}

/// A fast hash of a key, the same in every run (foldhash, which hashbrown uses; seeded with a
/// constant, as chosen collisions only cost time and a file with many takes the located path).
fn key_hash(key: &str) -> u64 {
    use std::hash::BuildHasher as _;
    foldhash::fast::FixedState::with_seed(0).hash_one(key)
}

/// An answer as `RawAnswer` reads it, its long form read as `PlainLongAnswer`.
struct PlainAnswer(RawAnswer);

impl From<PlainAnswer> for RawAnswer {
    fn from(answer: PlainAnswer) -> Self {
        answer.0
    }
}

impl<'de> Deserialize<'de> for PlainAnswer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        answer_with_long_form::<D, PlainLongAnswer>(deserializer).map(PlainAnswer)
    }
}

/// `RawLongAnswer` field for field.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlainLongAnswer {
    #[serde(default)]
    value: Option<RawValue>,
    #[serde(default, deserialize_with = "crate::evidence::evidence_list")]
    evidence: Vec<Evidence>,
    #[serde(default)]
    comment: Option<String>,
    #[serde(default, deserialize_with = "yes_or_no")]
    na: bool,
    #[serde(default)]
    reason: Option<String>,
}

impl From<PlainLongAnswer> for RawLongAnswer {
    fn from(long: PlainLongAnswer) -> Self {
        RawLongAnswer {
            value: long.value,
            evidence: long.evidence,
            comment: long.comment,
            na: long.na,
            reason: long.reason,
        }
    }
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
    use crate::library::builtin_text;
    use crate::raw::RawAnswers;
    use crate::{Answers, Checklist};

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

    const BASE: &str = r#"{"checklist": "ngo-dei", "checklist_version": "2.0.0",
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
            (r#""2.0.0""#, r#""0.9.0""#, false),
            (
                r#""strategy.dei_fte": 0.5"#,
                r#""strategy.dei_fte": "0.5""#,
                false,
            ),
            (r#""partly""#, r#""sometimes""#, false),
            (r#""Plan""#, r#"["Plan", "Minutes"]"#, true),
            (r#""Plan""#, "[]", true),
            (r#""Plan""#, "null", true),
            (r#""Plan""#, r#""""#, true),
            (r#""Plan""#, "5", false),
            (r#""Plan""#, "true", false),
            (r#""Plan""#, r#"["Plan", 5]"#, false),
            (r#""Plan""#, r#"["Plan", null]"#, false),
            (r#""Plan""#, r#"["Plan", ["Minutes"]]"#, false),
            (r#""Plan""#, r#"{"document": "Plan"}"#, false),
            (
                r#""value": "partly""#,
                r#""value": "partly", "value": "yes""#,
                false,
            ),
            (
                r#""value": "partly""#,
                r#""value": "partly", "na": "no""#,
                true,
            ),
            (
                r#""value": "partly""#,
                r#""value": "partly", "colour": 1"#,
                false,
            ),
            (r#""value": "partly""#, r#""value": null"#, true),
            (
                r#""progressive""#,
                r#""progressive", "strategy": "proactive""#,
                false,
            ),
            (
                r#""answers": {"#,
                r#""answers": {"strategy.trigger": "Board", "#,
                true,
            ),
            (
                r#""answers": {"#,
                r#""answers": {"strategy.trigger": 7, "#,
                true,
            ),
            (
                r#""answers": {"#,
                r#""answers": {"measurement.staff_diversity_data": "no", "#,
                false,
            ),
            (
                r#""answers": {"#,
                r#""answers": {"not.an_item": 1, "not.an_item": 2, "#,
                false,
            ),
            (
                r#""answers": {"#,
                r#""answers": {"value": "yes", "value": "no", "#,
                false,
            ),
            (
                r#""name": "Example""#,
                r#""name": "Example", "name": "Other""#,
                false,
            ),
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
            assert!(
                from.is_empty() || text != BASE,
                "{from} is not in the base text"
            );
            for name in ["org.json", "org.yaml", "ORG.JSON"] {
                let slow = located(name, &text, &checklist);
                match fast(name, &text, &checklist) {
                    Some(answers) => assert_eq!(Ok(answers), slow, "{name}: {to}"),
                    None => assert!(!takes, "{name} handed over: {to}"),
                }
            }
        }
    }
    #[test]
    fn a_repeated_key_is_found_whatever_the_hashes_say() {
        let entries: Vec<(Spanned<String>, ())> = ["a", "b", "c"]
            .into_iter()
            .map(|key| (unknown(key.to_owned()), ()))
            .collect();
        // The same hash as every key so far: equal keys are refused, others pass, up to a limit.
        let mut seen = Seen::with_capacity(4);
        assert!(
            seen.check_hashed::<de::value::Error, ()>(7, "a", &[])
                .is_ok()
        );
        assert!(
            seen.check_hashed::<de::value::Error, _>(7, "a", &entries)
                .is_err()
        );
        for _ in 0..MAX_HASH_COLLISIONS {
            assert!(
                seen.check_hashed::<de::value::Error, _>(7, "z", &entries)
                    .is_ok()
            );
        }
        assert!(
            seen.check_hashed::<de::value::Error, _>(7, "z", &entries)
                .is_err()
        );
        // Real hashes of different keys differ, including keys that differ in one byte.
        let keys = [
            "strategy.dei_fte",
            "strategy.dei_ftf",
            "",
            "a",
            "b",
            "abcdefgh",
            "abcdefghi",
        ];
        let hashes: HashSet<u64> = keys.iter().map(|key| key_hash(key)).collect();
        assert_eq!(hashes.len(), keys.len());
    }
}

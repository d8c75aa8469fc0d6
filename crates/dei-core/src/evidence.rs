//! Evidence entries and the evidence ladder: typed, dated, expiring evidence (SPEC section 4,
//! checklists/README.md "Evidence").
//!
//! An evidence entry is a plain text (a link or a document name, as in every earlier file) or a
//! map `{text, type, date}`: what kind of proof it is and when it is from. A checklist may say,
//! under `scoring.evidence`, that dated evidence older than `max_age_months` (counted back from
//! the last month of the answers' period) no longer counts, and that an entry without a `type`
//! does not count. Evidence that does not count is kept and shown, never dropped: it simply
//! does not lift the evidence cap (SPEC section 5, step 4).
//!
//! Invariant: one function, [`Evidence::lapse`], decides whether an entry counts; the answers
//! check (which warns) and scoring (which caps) both call it, so they cannot disagree.

use std::fmt;

use schemars::JsonSchema;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

/// The kinds of proof an evidence entry can be, in the order of the ladder's documentation.
pub const EVIDENCE_TYPES: &[&str] = &["document", "minutes", "data", "survey", "external", "other"];

/// What kind of proof an evidence entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum EvidenceType {
    /// A written, adopted document: a policy, plan, procedure, contract, budget line.
    Document,
    /// Minutes or a decision record of the board, management or works council.
    Minutes,
    /// Figures from a register or system: HR data, pay data, case logs, spend.
    Data,
    /// Results of a staff, partner or participant survey.
    Survey,
    /// An external review, audit, certification or evaluation.
    External,
    /// Anything else.
    Other,
}

impl EvidenceType {
    /// The id as written in files.
    pub fn as_str(self) -> &'static str {
        match self {
            EvidenceType::Document => "document",
            EvidenceType::Minutes => "minutes",
            EvidenceType::Data => "data",
            EvidenceType::Survey => "survey",
            EvidenceType::External => "external",
            EvidenceType::Other => "other",
        }
    }

    fn parse(text: &str) -> Option<EvidenceType> {
        Some(match text {
            "document" => EvidenceType::Document,
            "minutes" => EvidenceType::Minutes,
            "data" => EvidenceType::Data,
            "survey" => EvidenceType::Survey,
            "external" => EvidenceType::External,
            "other" => EvidenceType::Other,
            _ => return None,
        })
    }
}

/// One evidence entry: what it is (a link or a document name), and optionally its type and the
/// month or day it is from (`YYYY-MM` or `YYYY-MM-DD`, kept as written).
///
/// Written as a plain string when it has neither type nor date, else as a map, so files and
/// scorecards without typed evidence read exactly as before.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Evidence {
    /// A link or a document name.
    pub text: String,
    /// The kind of proof.
    pub kind: Option<EvidenceType>,
    /// `YYYY-MM` or `YYYY-MM-DD`.
    pub date: Option<String>,
}

/// Why an evidence entry does not count.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lapse {
    /// Dated more than `max_age_months` before the end of the answers' period.
    Expired {
        /// Its age in whole months at the end of the period.
        months: u32,
        /// The limit.
        max_age_months: u32,
    },
    /// The checklist requires a type and the entry has none.
    Untyped,
}

/// A checklist's rules for evidence (`scoring.evidence`). The default counts every entry.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EvidenceRules {
    /// Dated entries older than this many months at the end of the period do not count.
    pub max_age_months: Option<u32>,
    /// Entries without a `type` do not count.
    pub require_type: bool,
}

impl Evidence {
    /// A plain entry: text only.
    pub fn plain(text: impl Into<String>) -> Evidence {
        Evidence {
            text: text.into(),
            kind: None,
            date: None,
        }
    }

    /// Whether the entry has a type or a date (and is written as a map).
    pub fn is_typed(&self) -> bool {
        self.kind.is_some() || self.date.is_some()
    }

    /// Why this entry does not count under `rules` for answers about `period`, or `None` when
    /// it counts. An undated entry never expires, and a period without a date form (`spring`)
    /// ages nothing: age is only judged where both ends are known.
    pub fn lapse(&self, rules: &EvidenceRules, period: &str) -> Option<Lapse> {
        if rules.require_type && self.kind.is_none() {
            return Some(Lapse::Untyped);
        }
        let max_age_months = rules.max_age_months?;
        let (year, month) = month_of(self.date.as_deref()?)?;
        let (end_year, end_month) = crate::period::last_month(period)?;
        let age = (i64::from(end_year) * 12 + i64::from(end_month))
            - (i64::from(year) * 12 + i64::from(month));
        let months = u32::try_from(age).ok()?;
        (months > max_age_months).then_some(Lapse::Expired {
            months,
            max_age_months,
        })
    }

    /// The entry as a YAML flow value that reads back as the same entry, whatever the text
    /// holds: a JSON string or object (JSON is YAML). For the files dei writes.
    pub fn yaml(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "\"\"".to_owned())
    }

    /// The entry as one line for people: `text (type, date)`.
    pub fn describe(&self) -> String {
        match (self.kind, &self.date) {
            (None, None) => self.text.clone(),
            (Some(kind), None) => format!("{} ({})", self.text, kind.as_str()),
            (None, Some(date)) => format!("{} ({date})", self.text),
            (Some(kind), Some(date)) => format!("{} ({}, {date})", self.text, kind.as_str()),
        }
    }
}

/// The (year, month) of an evidence date, or `None` when it is not `YYYY-MM` or `YYYY-MM-DD`
/// with a real month and day.
pub fn month_of(date: &str) -> Option<(u32, u8)> {
    // `2025-Q1` and `2025-H1` are periods, not dates: the month must be two digits.
    let bytes = date.as_bytes();
    if !matches!(bytes.len(), 7 | 10) || !bytes[5].is_ascii_digit() {
        return None;
    }
    crate::period::last_month(date)
}

impl Serialize for Evidence {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if !self.is_typed() {
            return serializer.serialize_str(&self.text);
        }
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("text", &self.text)?;
        if let Some(kind) = self.kind {
            map.serialize_entry("type", kind.as_str())?;
        }
        if let Some(date) = &self.date {
            map.serialize_entry("date", date)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Evidence {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(EvidenceVisitor)
    }
}

struct EvidenceVisitor;

impl<'de> Visitor<'de> for EvidenceVisitor {
    type Value = Evidence;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a text, or a map with `text`, `type` and `date`")
    }
    fn visit_str<E: de::Error>(self, value: &str) -> Result<Evidence, E> {
        Ok(Evidence::plain(value))
    }
    fn visit_string<E: de::Error>(self, value: String) -> Result<Evidence, E> {
        Ok(Evidence::plain(value))
    }
    fn visit_bytes<E: de::Error>(self, value: &[u8]) -> Result<Evidence, E> {
        match std::str::from_utf8(value) {
            Ok(text) => Ok(Evidence::plain(text)),
            Err(_) => Err(E::invalid_value(de::Unexpected::Bytes(value), &self)),
        }
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Evidence, A::Error> {
        let mut text: Option<String> = None;
        let mut kind: Option<EvidenceType> = None;
        let mut date: Option<String> = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "text" if text.is_some() => return Err(de::Error::duplicate_field("text")),
                "type" if kind.is_some() => return Err(de::Error::duplicate_field("type")),
                "date" if date.is_some() => return Err(de::Error::duplicate_field("date")),
                "text" => text = Some(map.next_value::<Word>()?.0),
                "type" => {
                    let word = map.next_value::<Word>()?.0;
                    kind = Some(EvidenceType::parse(word.trim()).ok_or_else(|| {
                        de::Error::custom(format!(
                            "`{word}` is not an evidence type: write one of {}",
                            EVIDENCE_TYPES.join(", ")
                        ))
                    })?);
                }
                "date" => {
                    let word = map.next_value::<Word>()?.0;
                    let trimmed = word.trim();
                    if month_of(trimmed).is_none() {
                        return Err(de::Error::custom(format!(
                            "`{word}` is not an evidence date: write the month as YYYY-MM or the day as YYYY-MM-DD, such as 2025-03"
                        )));
                    }
                    date = Some(trimmed.to_owned());
                }
                other => {
                    return Err(de::Error::unknown_field(other, &["text", "type", "date"]));
                }
            }
        }
        let text = text.ok_or_else(|| de::Error::missing_field("text"))?;
        Ok(Evidence { text, kind, date })
    }
}

/// `evidence:` of an answer: nothing, one entry, or a list of entries, read without buffering
/// so that a bad entry's own message (an unknown type, a date that is not a month) reaches the
/// user. Both paths of an answers file (`raw` and `fast`) read evidence with this.
pub(crate) fn evidence_list<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<Evidence>, D::Error> {
    struct OptionVisitor;

    impl<'de> Visitor<'de> for OptionVisitor {
        type Value = Vec<Evidence>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a text, or a list of texts such as `[Annual report 2025, Board minutes]`")
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_some<D: Deserializer<'de>>(self, inner: D) -> Result<Self::Value, D::Error> {
            inner.deserialize_any(OneOrMany)
        }
    }

    struct OneOrMany;

    impl<'de> Visitor<'de> for OneOrMany {
        type Value = Vec<Evidence>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a text, or a list of texts such as `[Annual report 2025, Board minutes]`")
        }
        fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
            Ok(vec![Evidence::plain(value)])
        }
        fn visit_string<E: de::Error>(self, value: String) -> Result<Self::Value, E> {
            Ok(vec![Evidence::plain(value)])
        }
        fn visit_bytes<E: de::Error>(self, value: &[u8]) -> Result<Self::Value, E> {
            EvidenceVisitor.visit_bytes(value).map(|one| vec![one])
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            EvidenceVisitor.visit_map(map).map(|one| vec![one])
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut many = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(256));
            while let Some(one) = seq.next_element::<Evidence>()? {
                many.push(one);
            }
            Ok(many)
        }
    }

    deserializer.deserialize_option(OptionVisitor)
}

/// A text or a number read as its text (`date: 2025-03` is a string to the parser, but a
/// careless `date: 2025` is a number, and the message should name the value, not its kind).
struct Word(String);

impl<'de> Deserialize<'de> for Word {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct WordVisitor;
        impl Visitor<'_> for WordVisitor {
            type Value = String;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text")
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<String, E> {
                Ok(value.to_owned())
            }
            fn visit_string<E: de::Error>(self, value: String) -> Result<String, E> {
                Ok(value)
            }
            fn visit_bytes<E: de::Error>(self, value: &[u8]) -> Result<String, E> {
                std::str::from_utf8(value)
                    .map(str::to_owned)
                    .map_err(|_| E::invalid_value(de::Unexpected::Bytes(value), &self))
            }
            fn visit_i64<E: de::Error>(self, value: i64) -> Result<String, E> {
                Ok(value.to_string())
            }
            fn visit_u64<E: de::Error>(self, value: u64) -> Result<String, E> {
                Ok(value.to_string())
            }
            fn visit_f64<E: de::Error>(self, value: f64) -> Result<String, E> {
                Ok(value.to_string())
            }
        }
        deserializer.deserialize_any(WordVisitor).map(Word)
    }
}

/// The schema: a plain text, or the map.
impl JsonSchema for Evidence {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Evidence".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An evidence entry: a text (link or document name), or a map with the text, the type of proof and the month or day it is from.",
            "anyOf": [
                {"type": "string"},
                {
                    "type": "object",
                    "properties": {
                        "text": {"type": "string", "description": "A link or a document name."},
                        "type": {"type": "string", "enum": EVIDENCE_TYPES, "description": "What kind of proof it is."},
                        "date": {"type": "string", "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])(-[0-3][0-9])?$", "description": "The month (YYYY-MM) or day (YYYY-MM-DD) it is from."}
                    },
                    "required": ["text"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dated(date: &str) -> Evidence {
        Evidence {
            text: "Board minutes".to_owned(),
            kind: Some(EvidenceType::Minutes),
            date: Some(date.to_owned()),
        }
    }

    const RULES: EvidenceRules = EvidenceRules {
        max_age_months: Some(24),
        require_type: false,
    };

    #[test]
    fn age_is_counted_from_the_last_month_of_the_period() {
        // Period 2025 ends in December 2025: December 2023 is 24 months old and counts,
        // November 2023 is 25 months old and does not.
        assert_eq!(dated("2023-12").lapse(&RULES, "2025"), None);
        assert_eq!(dated("2023-12-01").lapse(&RULES, "2025"), None);
        assert_eq!(
            dated("2023-11").lapse(&RULES, "2025"),
            Some(Lapse::Expired {
                months: 25,
                max_age_months: 24
            })
        );
        // The first half of 2025 ends in June.
        assert!(dated("2023-06").lapse(&RULES, "2025-H1").is_none());
        assert!(dated("2023-05").lapse(&RULES, "2025-H1").is_some());
        assert!(dated("2023-09").lapse(&RULES, "2025-Q3").is_none());
        // Evidence from after the period counts (an annual report comes out later).
        assert_eq!(dated("2027-01").lapse(&RULES, "2025"), None);
    }

    #[test]
    fn unknown_ages_never_expire() {
        assert_eq!(Evidence::plain("doc").lapse(&RULES, "2025"), None);
        assert_eq!(dated("2001-01").lapse(&RULES, "spring"), None);
        assert_eq!(
            dated("2001-01").lapse(&EvidenceRules::default(), "2025"),
            None
        );
    }

    #[test]
    fn a_required_type_makes_untyped_entries_lapse() {
        let rules = EvidenceRules {
            max_age_months: None,
            require_type: true,
        };
        assert_eq!(
            Evidence::plain("doc").lapse(&rules, "2025"),
            Some(Lapse::Untyped)
        );
        assert_eq!(dated("2001-01").lapse(&rules, "2025"), None);
    }

    #[test]
    fn dates_are_months_or_days() {
        assert_eq!(month_of("2025-03"), Some((2025, 3)));
        assert_eq!(month_of("2024-02-29"), Some((2024, 2)));
        for bad in [
            "2025",
            "2025-13",
            "2025-H1",
            "2025-Q1",
            "2023-02-29",
            "25-03",
            "2025-3",
        ] {
            assert_eq!(month_of(bad), None, "{bad}");
        }
    }

    #[test]
    fn plain_entries_are_written_as_plain_strings() {
        let json = serde_json::to_string(&[Evidence::plain("a"), dated("2025-03")]).unwrap();
        assert_eq!(
            json,
            r#"["a",{"text":"Board minutes","type":"minutes","date":"2025-03"}]"#
        );
        let back: Vec<Evidence> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, vec![Evidence::plain("a"), dated("2025-03")]);
    }

    #[test]
    fn bad_maps_say_what_to_write() {
        let error = |json: &str| {
            serde_json::from_str::<Evidence>(json)
                .unwrap_err()
                .to_string()
        };
        assert!(error(r#"{"text":"a","type":"memo"}"#).contains("document, minutes"));
        assert!(error(r#"{"text":"a","date":"2025"}"#).contains("YYYY-MM"));
        assert!(error(r#"{"type":"data"}"#).contains("text"));
        assert!(error(r#"{"text":"a","when":"2025-01"}"#).contains("when"));
    }
}

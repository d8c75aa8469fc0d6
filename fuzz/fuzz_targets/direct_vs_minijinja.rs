//! Fuzz target: direct evaluation of conditions against minijinja's machine (differential).
//!
//! An arbitrary string as a condition; if it compiles, whenever `decide` (the direct path of
//! `crates/dei-core/src/expr/direct.rs`) gives an answer on a context, minijinja (`is_true`) must give
//! the same answer on that context. Two contexts: typed values, and organisation values written
//! as texts (`staff: "12"`), where a comparison of a number and a text must fail on both paths.
#![no_main]

use std::sync::LazyLock;

use dei_core::expr::Condition;
use libfuzzer_sys::fuzz_target;
use minijinja::Value;
use minijinja::value::Serde;

fn context(org: serde_json::Value) -> Value {
    Value::from(Serde(serde_json::json!({
        "org": org,
        "answer": {
            "strategy": {"written_strategy": "partly", "public_commitment": "yes", "budget": null, "dei_fte": 0.5},
            "measurement": {"women_in_leadership": 45, "targets": ["a", "b"], "note": "long text"}
        },
        "score": {
            "strategy": {"written_strategy": 0.5, "public_commitment": 1.0, "budget": 0.0, "dei_fte": null},
            "measurement": {"women_in_leadership": 0.75, "targets": 1.0, "note": null}
        },
        "status": {
            "strategy": {"written_strategy": "answered", "public_commitment": "answered", "budget": "unanswered", "dei_fte": "na"},
            "measurement": {"women_in_leadership": "answered", "targets": "answered", "note": "out_of_scope"}
        },
        "evidence": {
            "strategy": {"written_strategy": 1, "public_commitment": 0, "budget": 0, "dei_fte": 0},
            "measurement": {"women_in_leadership": 2, "targets": 0, "note": 0}
        },
        "section": {"strategy": 62.5, "measurement": null},
        "overall": 54.1667,
        "index": {"kind": {"policy": 70.0, "practice": 35.0, "outcome": null}, "tag": {"gender": 50.0}},
        "evidence_coverage": 40.0,
        "na_share": 5.0
    })))
}

static CONTEXTS: LazyLock<[Value; 2]> = LazyLock::new(|| {
    [
        context(serde_json::json!({"name": "Example", "staff": 42, "country": "NL", "tags": ["a", "b"], "ratio": -0.5})),
        context(serde_json::json!({"name": "Example", "staff": "12", "country": 7, "tags": "a", "ratio": "0.5"})),
    ]
});

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(condition) = Condition::compile(text) else {
        return;
    };
    for context in CONTEXTS.iter() {
        if let Some(direct) = condition.decide_in(context) {
            assert_eq!(
                Ok(direct),
                condition.is_true(context),
                "direct and minijinja differ on `{text}`"
            );
        }
    }
});

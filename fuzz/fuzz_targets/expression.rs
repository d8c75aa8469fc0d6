//! Fuzz target: an arbitrary string as a condition; if it compiles, it is evaluated against a
//! fixed context shaped like the one rules see (SPEC section 6) and must return, not panic or hang.
#![no_main]

use std::sync::LazyLock;

use dei_core::expr::Condition;
use libfuzzer_sys::fuzz_target;
use minijinja::Value;
use minijinja::value::Serde;

static CONTEXT: LazyLock<Value> = LazyLock::new(|| {
    Value::from(Serde(serde_json::json!({
        "org": {"name": "Example <b>Foundation</b>", "staff": 42, "country": "NL", "tags": ["a", "b"]},
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
});

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Condition::compile(text) {
        Ok(condition) => {
            // Errors are fine (a rule that fails is reported, never silently false); panics
            // and runaway evaluations are not.
            let _ = condition.is_true(&CONTEXT);
            let _ = condition.item_ids().count();
        }
        Err(errors) => assert!(!errors.is_empty()),
    }
});

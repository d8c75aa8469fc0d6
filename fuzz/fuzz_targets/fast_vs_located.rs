//! Fuzz target: the fast path of answers files against the located path (differential).
//!
//! The same bytes are read as `fuzz.yaml` (the fast path parses YAML without locations) and as
//! `fuzz.json` (the fast path parses with serde_json, the located path still with the YAML
//! parser). Whenever the fast path accepts a file, the located path must accept it too and give
//! the very same `Answers` (SPEC section 11; `crates/dei-core/src/fast.rs`).
#![no_main]

use dei_core::testing::{fast_answers, located_answers};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let checklist = &*dei_fuzz::NGO_DEI;
    for name in ["fuzz.yaml", "fuzz.json"] {
        let Some(source) = dei_fuzz::source(name, data) else {
            return;
        };
        let Some(fast) = fast_answers(&source, checklist) else {
            continue;
        };
        match located_answers(&source, checklist) {
            Ok(located) => assert_eq!(fast, located, "the paths differ on {name}"),
            Err(problems) => {
                panic!("the fast path accepted {name}, the located path refuses it: {problems}")
            }
        }
    }
});

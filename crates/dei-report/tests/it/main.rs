//! Integration tests of dei-report: one test binary, one module per feature.

mod support;

mod browser;
mod escaping;
mod json;
mod markdown;
mod plan;
mod progress;
mod samples;
mod sandbox;

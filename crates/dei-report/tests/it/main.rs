//! Integration tests of dei-report: one test binary, one module per feature.

mod support;

mod browser;
mod charts;
mod dutch;
mod escaping;
mod first_page;
mod json;
mod markdown;
mod plan;
mod progress;
mod samples;
mod sandbox;

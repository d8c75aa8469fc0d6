//! dei-forms end to end: XLSForms through pyxform, exports through import, scorecards through
//! export and back through calamine.

// Test code: column indices of small test tables fit in u16.
#![allow(clippy::cast_possible_truncation, clippy::manual_assert)]

mod support;

mod export_tests;
mod import_tests;
mod samples_tests;
mod xlsform_tests;

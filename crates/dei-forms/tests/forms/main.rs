//! dei-forms end to end: XLSForms through pyxform, exports through import, scorecards through
//! export and back through calamine.

mod support;

mod export_tests;
mod import_tests;
mod xlsform_tests;

//! End-to-end tests of dei live in `tests/`; this library is empty.

#![no_main]
//! `dateline::fuzzing::config`; seeds in fuzz/seeds/config/.

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| dateline::fuzzing::config(bytes));

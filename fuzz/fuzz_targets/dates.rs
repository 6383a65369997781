#![no_main]
//! `dateline::fuzzing::dates`; seeds in fuzz/seeds/dates/.

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| dateline::fuzzing::dates(bytes));

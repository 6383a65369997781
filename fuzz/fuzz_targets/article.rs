#![no_main]
//! `dateline::fuzzing::article`; seeds in fuzz/seeds/article/.

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| dateline::fuzzing::article(bytes));

#![no_main]
//! `dateline::fuzzing::webanno`; seeds in fuzz/seeds/webanno/.

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| dateline::fuzzing::webanno(bytes));

#![no_main]
//! `dateline::fuzzing::brat`; seeds in fuzz/seeds/brat/.

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| dateline::fuzzing::brat(bytes));

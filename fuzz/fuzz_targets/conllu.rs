#![no_main]
//! `dateline::fuzzing::conllu`; seeds in fuzz/seeds/conllu/.

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| dateline::fuzzing::conllu(bytes));

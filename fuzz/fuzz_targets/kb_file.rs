#![no_main]
//! `dateline::fuzzing::kb_file`; seeds in fuzz/seeds/kb_file/.

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| dateline::fuzzing::kb_file(bytes));

#![no_main]
//! `dateline::fuzzing::brat_conf`; seeds in fuzz/seeds/brat_conf/.

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| dateline::fuzzing::brat_conf(bytes));

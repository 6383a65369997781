#![no_main]
//! The whole analysis of a fuzzed brat document (`.txt`, NUL, `.ann`) beside a fixed
//! `annotation.conf`, in an in-memory corpus holding the KB
//! of fixtures/corpus; seeds in fuzz/seeds/analysis_brat/.

use std::sync::{LazyLock, Mutex};

use dateline::fuzzing::Corpus;

static CORPUS: LazyLock<Mutex<Corpus>> = LazyLock::new(|| {
    let kb = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/corpus/kb");
    Mutex::new(Corpus::for_brat(kb.as_ref()).expect("fixtures/corpus/kb is readable"))
});

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| CORPUS.lock().expect("not poisoned: a panic aborts").brat(bytes));

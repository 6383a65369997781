#![no_main]
//! The whole analysis after a fuzzed KB file (`kb/fuzz.toml`) changes, in an in-memory corpus
//! holding one fixed article of fixtures/corpus; seeds in fuzz/seeds/analysis_kb/.

use std::sync::{LazyLock, Mutex};

use dateline::fuzzing::Corpus;

static CORPUS: LazyLock<Mutex<Corpus>> = LazyLock::new(|| Mutex::new(Corpus::with_fixed_article()));

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| CORPUS
    .lock()
    .expect("not poisoned: a panic aborts")
    .kb_file(bytes));

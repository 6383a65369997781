//! CoNLL-U (stub).

//! WebAnno TSV 3 (stub).

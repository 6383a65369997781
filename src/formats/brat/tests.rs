//! The brat reader on planted files: every problem found, and placed.

use super::*;

const PLANTED_TXT: &str = include_str!("../../../fixtures/formats/brat/planted.txt");
const PLANTED_ANN: &str = include_str!("../../../fixtures/formats/brat/planted.ann");
const PLANTED_CONF: &str = include_str!("../../../fixtures/formats/brat/annotation.conf");
const CRLF_TXT: &str = include_str!("../../../fixtures/formats/brat/crlf.txt");
const CRLF_ANN: &str = include_str!("../../../fixtures/formats/brat/crlf.ann");

/// `(kind, text of the flagged span)` for each problem, in file order.
fn check(txt: &str, ann: &str, conf: Option<&str>) -> (BratDocument, Vec<(ProblemKind, String)>) {
    let conf = conf.map(BratConfig::parse);
    let doc = parse(txt, ann, conf.as_ref());
    let found = doc.problems().iter().map(|p| (p.kind, ann[p.span.range()].to_string())).collect();
    (doc, found)
}

fn message(doc: &BratDocument, kind: ProblemKind, nth: usize) -> &str {
    &doc.problems().iter().filter(|p| p.kind == kind).nth(nth).unwrap().message
}

#[test]
fn planted_errors_are_each_found_once() {
    let (doc, found) = check(PLANTED_TXT, PLANTED_ANN, Some(PLANTED_CONF));
    use ProblemKind::*;
    let expected: Vec<(ProblemKind, &str)> = vec![
        (TextMismatch, "Yasar Guler"),
        (OffsetOutOfRange, "90 97"),
        (DuplicateId, "T1"),
        (UnknownReference, "T99"),
        (UndeclaredType, "Persn"),
        (DisallowedOverlap, "T7\tOrganization 64 85\tArmed Forces welcomed"),
        (DisallowedOverlap, "T8\tPerson 77 90\twelcomed Akar"),
        (OffsetInsideCharacter, "38 39"),
        (UndeclaredValue, "Named"),
        (TextMismatch, "Monday"),
        (InvertedSpan, "30 20"),
        (MalformedLine, "T13 Person 0 11 Hulusi Akar"),
        (MalformedLine, "Located Arg1:T1"),
    ];
    let found: Vec<(ProblemKind, &str)> = found.iter().map(|(k, s)| (*k, s.as_str())).collect();
    assert_eq!(found, expected);

    assert_eq!(
        message(&doc, TextMismatch, 0),
        "T2 records `Yasar Guler` but the text at 16..27 is `Yaşar Güler`; `Yasar Guler` does not occur in the text"
    );
    assert_eq!(
        message(&doc, TextMismatch, 1),
        "T11 records `Monday` but the text at 46..52 is `nday.\\n`; the offsets would match if counted in UTF-16 code units; `Monday` occurs 2 characters earlier, at 44..50"
    );
    assert_eq!(message(&doc, OffsetOutOfRange, 0), "T4 ends at 97 but the text has 92 characters");
    assert!(
        message(&doc, OffsetInsideCharacter, 0)
            .starts_with("T9 ends at 39, inside one character, between U+1F1F9 and U+1F1F7")
    );
    assert_eq!(
        message(&doc, UndeclaredType, 0),
        "T6 has type `Persn`, which annotation.conf declares neither in [entities] nor in [events]; did you mean `Person`?"
    );
    assert_eq!(
        message(&doc, DisallowedOverlap, 1),
        "T8 (`Person`) crosses T7 (`Organization`), which annotation.conf does not allow; brat allows it with `<OVERLAP> Arg1:Person, Arg2:Organization, <OVL-TYPE>:cross` in [relations]"
    );
    assert_eq!(
        message(&doc, UnknownReference, 0),
        "R1 refers to T99 as its `Arg2` argument, but no annotation has that id"
    );
    assert_eq!(
        message(&doc, UndeclaredValue, 0),
        "A1 gives `Mention` the value `Named`, but annotation.conf allows only Name, Nominal"
    );
    let mismatch = doc.problems().iter().find(|p| p.kind == TextMismatch).unwrap();
    assert_eq!(mismatch.related[0].file, FileRole::Text);
    assert_eq!(&PLANTED_TXT[mismatch.related[0].span.range()], "Yaşar Güler");
}

#[test]
fn common_view_merges_attributes_norms_notes_and_events() {
    let (doc, _) = check(PLANTED_TXT, PLANTED_ANN, Some(PLANTED_CONF));
    let t1 = doc.spans().iter().find(|s| s.id.as_str() == "T1").unwrap();
    assert_eq!(&PLANTED_TXT[t1.fragments[0].range()], "Hulusi Akar");
    assert_eq!(
        t1.kb_refs,
        [KbRef {
            kb: "Wikidata".into(),
            id: "Q6117580".into(),
            label: Some("Hulusi Akar".into()),
            span: t1.kb_refs[0].span
        }]
    );
    assert_eq!(&PLANTED_ANN[t1.kb_refs[0].span.range()], "Wikidata:Q6117580");
    assert_eq!(t1.attributes[0].value.as_deref(), Some("Named"));
    let t5 = doc.spans().iter().find(|s| s.id.as_str() == "T5").unwrap();
    let pieces: Vec<&str> = t5.fragments.iter().map(|f| &PLANTED_TXT[f.range()]).collect();
    assert_eq!(pieces, ["Turkish", "Forces"]);
    let t3 = doc.spans().iter().find(|s| s.id.as_str() == "T3").unwrap();
    assert_eq!(t3.notes[0].text, "capital");
    // The event's attribute lands on its trigger; its arguments become relations.
    let t10 = doc.spans().iter().find(|s| s.id.as_str() == "T10").unwrap();
    assert_eq!(t10.attributes[0].name, "Negated");
    let args: Vec<(&str, &str, &str)> = doc
        .relations()
        .iter()
        .filter(|r| r.id.as_ref().is_some_and(|i| i.as_str() == "E1"))
        .map(|r| (r.label.as_str(), r.from.as_str(), r.to.as_str()))
        .collect();
    assert_eq!(args, [("Participant", "T10", "T1"), ("Participant2", "T10", "T2"), ("Place", "T10", "T3")]);
    assert!(
        doc.relations()
            .iter()
            .any(|r| r.label == "Alias" && r.from.as_str() == "T1" && r.to.as_str() == "T2")
    );
    // Spans that cannot be placed are left out of the common view.
    assert!(doc.spans().iter().all(|s| !["T4", "T12"].contains(&s.id.as_str())));
}

#[test]
fn crlf_counts_as_two_characters() {
    let (doc, found) = check(CRLF_TXT, CRLF_ANN, None);
    use ProblemKind::*;
    let kinds: Vec<_> = found.iter().map(|(k, s)| (*k, s.as_str())).collect();
    assert_eq!(kinds, [(TextMismatch, "Yaşar Güler"), (OffsetInsideCharacter, "8 16")]);
    assert!(
        message(&doc, TextMismatch, 0)
            .contains("the offsets would match if each `\\r\\n` counted as one character")
    );
    assert_eq!(
        message(&doc, OffsetInsideCharacter, 0),
        "T3 ends at 16, between the `\\r` and `\\n` of a line break"
    );
    let t1 = doc.spans().iter().find(|s| s.id.as_str() == "T1").unwrap();
    assert_eq!(&CRLF_TXT[t1.fragments[0].range()], "Hulusi Akar");
    // The CRLF `.ann` loses only its line breaks.
    assert_eq!(t1.recorded_text, "Hulusi Akar");
}

#[test]
fn every_line_type_parses() {
    let txt = "Citibank moved $100 million to Raul Salinas.";
    let ann = "T1\tOrganization 0 8\tCitibank\nT2\tMoney 15 27\t$100 million\nT3\tTransfer-money 9 14\tmoved\nT4\tPerson 31 43\tRaul Salinas\nE1\tTransfer-money:T3 Giver-Arg:T1 Money-Arg:T2\nR1\tFamily Arg1:T4 Arg2:T4\t\nA1\tConfidence E1 High\nM1\tNegation E1\nN1\tReference T4 Wikipedia:64488\tCarlos Salinas\n#1\tAnnotatorNotes T2\t100000000 USD\n*\tAlias T1 T4\n";
    let (doc, found) = check(txt, ann, None);
    assert!(found.is_empty(), "{found:?}");
    let kinds: Vec<&str> = doc
        .records()
        .iter()
        .map(|r| match &r.body {
            RecordBody::TextBound(_) => "T",
            RecordBody::Event(_) => "E",
            RecordBody::Relation(_) => "R",
            RecordBody::Attribute(_) => "A",
            RecordBody::Normalization(_) => "N",
            RecordBody::Note(_) => "#",
            RecordBody::Equiv(_) => "*",
            RecordBody::Unparsed => "?",
        })
        .collect();
    assert_eq!(kinds, ["T", "T", "T", "T", "E", "R", "A", "A", "N", "#", "*"]);
    let a1 = doc.record("A1").unwrap();
    let RecordBody::Attribute(attr) = &a1.body else { panic!() };
    assert_eq!(attr.value.as_ref().map(|v| v.value.as_str()), Some("High"));
    assert_eq!(&ann[a1.id_span.range()], "A1");
}

#[test]
fn references_must_exist_and_fit() {
    let txt = "Google bought YouTube.";
    let ann = "T1\tOrganization 0 6\tGoogle\nT2\tMerge-org 7 13\tbought\nE1\tAcquire:T2 Buyer:T1\nE2\tMerge-org:T7 Org:T1\nA1\tNegation N1\nN1\tReference T1 Wikidata:Q95\n";
    let (doc, found) = check(txt, ann, None);
    use ProblemKind::*;
    assert_eq!(
        found.iter().map(|(k, s)| (*k, s.as_str())).collect::<Vec<_>>(),
        [(InvalidReference, "T2"), (UnknownReference, "T7"), (InvalidReference, "N1")]
    );
    assert_eq!(
        message(&doc, InvalidReference, 0),
        "E1 is a `Acquire` event but its trigger T2 has type `Merge-org`"
    );
}

#[test]
fn mismatch_with_a_short_end_says_where_the_text_ends() {
    let (doc, _) = check("Hulusi Akar spoke", "T1\tPerson 0 6\tHulusi Akar\n", None);
    assert_eq!(
        message(&doc, ProblemKind::TextMismatch, 0),
        "T1 records `Hulusi Akar` but the text at 0..6 is `Hulusi`; `Hulusi Akar` starts there but ends at 11"
    );
}

#[test]
fn mismatch_hints_bytes_and_old_style_discontinuous() {
    let txt = "Çağlayan Akar and Güler met in Ankara";
    let start = txt.find("Güler").unwrap();
    let ann =
        format!("T1\tPerson {start} {}\tGüler\nT2\tPerson 0 8;9 13\tÇağlayanAkar\n", start + "Güler".len());
    let (doc, found) = check(txt, &ann, None);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        message(&doc, ProblemKind::TextMismatch, 0).contains("counted in UTF-8 bytes"),
        "{}",
        doc.problems()[0].message
    );
    assert!(message(&doc, ProblemKind::TextMismatch, 1).contains("joined without a space"));
}

#[test]
fn overlaps_follow_the_configuration() {
    let txt = "New York City Council";
    let conf = "[entities]\nGPE\nOrganization\n[relations]\n<OVERLAP> Arg1:GPE, Arg2:Organization, <OVL-TYPE>:contain\n[events]\n[attributes]\n";
    let ann =
        "T1\tOrganization 0 21\tNew York City Council\nT2\tGPE 0 13\tNew York City\nT3\tGPE 0 8\tNew York\n";
    let (doc, found) = check(txt, ann, Some(conf));
    // GPE inside Organization is allowed; GPE inside GPE is not.
    assert_eq!(found.iter().map(|(k, _)| *k).collect::<Vec<_>>(), [ProblemKind::DisallowedOverlap]);
    assert!(
        message(&doc, ProblemKind::DisallowedOverlap, 0).starts_with("T3 (`GPE`) lies inside T2 (`GPE`)")
    );
    // Without a configuration nothing is checked.
    assert!(check(txt, ann, None).1.is_empty());
}

#[test]
fn each_overlapping_fragment_is_reported_once_with_the_one_reaching_furthest() {
    let txt = "Hulusi Akar met Yaşar Güler";
    let ann = "T1\tPerson 0 11;1 3;2 4;12 15\tx\n";
    let (doc, found) = check(txt, ann, None);
    let kinds: Vec<ProblemKind> = found.iter().map(|(k, _)| *k).collect();
    // No text comparison for overlapping fragments: they repeat text.
    assert_eq!(kinds, [ProblemKind::OverlappingFragments, ProblemKind::OverlappingFragments]);
    assert_eq!(message(&doc, ProblemKind::OverlappingFragments, 0), "fragments 0..11 and 1..3 of T1 overlap");
    assert_eq!(message(&doc, ProblemKind::OverlappingFragments, 1), "fragments 0..11 and 2..4 of T1 overlap");
}

#[test]
fn nested_spans_are_each_reported_once_with_the_nearest_span_around_them() {
    let txt = "x".repeat(20);
    let ann: String =
        (0..10).map(|i| format!("T{}\tPER {i} {}\t{}\n", i + 1, 20 - i, "x".repeat(20 - 2 * i))).collect();
    let conf = "[entities]\nPER\n[relations]\n[events]\n[attributes]\n";
    let (doc, found) = check(&txt, &ann, Some(conf));
    assert_eq!(found.len(), 9, "one per span inside another, not one per pair");
    for n in 0..9 {
        assert!(
            message(&doc, ProblemKind::DisallowedOverlap, n).starts_with(&format!(
                "T{} (`PER`) lies inside T{} (`PER`)",
                n + 2,
                n + 1
            )),
            "{}",
            message(&doc, ProblemKind::DisallowedOverlap, n)
        );
    }
}

#[test]
fn offsets_too_large_or_negative_keep_the_line_out_of_the_document() {
    let (doc, found) = check("hello", "T1\tPER 0 99999999999999999999\thello\nT2\tPER -1 3\thel\n", None);
    assert_eq!(
        found.iter().map(|(k, s)| (*k, s.as_str())).collect::<Vec<_>>(),
        [(ProblemKind::OffsetOutOfRange, "0 99999999999999999999"), (ProblemKind::OffsetOutOfRange, "-1 3")]
    );
    assert_eq!(
        message(&doc, ProblemKind::OffsetOutOfRange, 0),
        "T1 has the offset `99999999999999999999`, which is too large (at most 9223372036854775807 can be read)"
    );
    assert_eq!(message(&doc, ProblemKind::OffsetOutOfRange, 1), "T2 has the negative offset -1");
    assert!(doc.spans().is_empty());
}

#[test]
fn relation_argument_types_follow_the_configuration() {
    let conf =
        "[entities]\nPerson\nGPE\n[relations]\nLocated Arg1:Person, Arg2:GPE\n[events]\n[attributes]\n";
    let txt = "Ankara Akar";
    let ok = "T1\tGPE 0 6\tAnkara\nT2\tPerson 7 11\tAkar\nR1\tLocated Arg1:T2 Arg2:T1\n";
    assert!(check(txt, ok, Some(conf)).1.is_empty());
    let bad = "T1\tGPE 0 6\tAnkara\nT2\tPerson 7 11\tAkar\nR1\tLocated Arg1:T1 Arg2:T1\n";
    let (doc, found) = check(txt, bad, Some(conf));
    assert_eq!(found, [(ProblemKind::InvalidReference, "Located".to_string())]);
    assert!(doc.problems()[0].message.contains("allows only Arg1:Person, Arg2:GPE"));
}

#[test]
fn pairing_reports_both_orphans() {
    let paths =
        ["c/a.txt", "c/a.ann", "c/b.ann", "c/d.txt", "c/annotation.conf", "c/e.ann.bak"].map(PathBuf::from);
    let pairing = pair_files(&paths);
    assert_eq!(pairing.pairs, [BratPair { txt: PathBuf::from("c/a.txt"), ann: PathBuf::from("c/a.ann") }]);
    assert_eq!(pairing.ann_without_txt, [PathBuf::from("c/b.ann")]);
    assert_eq!(pairing.txt_without_ann, [PathBuf::from("c/d.txt")]);
    let problems = pairing.problems();
    assert_eq!(problems[0].1.kind, ProblemKind::AnnWithoutText);
    assert_eq!(problems[0].1.message, "b.ann has no b.txt; its offsets point at nothing");
    assert_eq!(problems[1].1.kind, ProblemKind::TextWithoutAnn);
}

#[test]
fn reanchoring_follows_the_edit() {
    let old_txt = "Hulusi Akar met Yaşar Güler in Ankara.";
    let ann = "T1\tPerson 0 11\tHulusi Akar\nT2\tPerson 16 27\tYaşar Güler\nT3\tGPE 31 37\tAnkara\nT4\tPerson 0 6;7 11\tHulusi Akar\nT5\tPerson 16 21\tYaşar\n";
    assert!(check(old_txt, ann, None).1.is_empty());
    let new_txt = "Defence minister Hulusi Akar met 🙂 Ankara's Yaşar Güler.";
    let anchors = reanchor(ann, new_txt);
    let offsets: Vec<Option<String>> = anchors.iter().map(|a| a.offsets_field()).collect();
    assert_eq!(
        offsets,
        [
            Some("17 28".into()),
            Some("44 55".into()),
            Some("35 41".into()),
            Some("17 23;24 28".into()),
            Some("44 49".into())
        ]
    );
    let rewritten = apply_reanchor(ann, &anchors);
    let (_, found) = check(new_txt, &rewritten, None);
    assert!(found.is_empty(), "{found:?}\n{rewritten}");
    // Repeated names close together follow the shift of the names before them.
    let twins = "T1\tPerson 0 4\tAkar\nT2\tPerson 5 9\tAkar\n";
    let moved: Vec<Option<String>> =
        reanchor(twins, "Breaking news: Akar Akar").iter().map(|a| a.offsets_field()).collect();
    assert_eq!(moved, [Some("15 19".into()), Some("20 24".into())]);
    // A name that is gone has no new place.
    let gone = reanchor("T1\tPerson 0 4\tAkar\n", "nobody here");
    assert_eq!(gone[0].new, None);
    assert!(!gone[0].moved());
}

#[test]
fn rendering_a_new_annotation_uses_the_next_id() {
    let txt = "Yaşar Güler 🙂 and Hulusi Akar";
    let ann = "T1\tPerson 0 11\tYaşar Güler\nT7\tPerson 0 5\tYaşar\nTX9\tPerson 0 5\tYaşar\nR3\tX Arg1:T1 Arg2:T7\n";
    let start = txt.find("Hulusi").unwrap();
    let line = render_text_bound(ann, txt, "Person", &[Span::new(start, txt.len())]).unwrap();
    assert_eq!(line, "T8\tPerson 18 29\tHulusi Akar");
    let (_, found) = check(txt, &format!("{ann}{line}\n"), None);
    assert!(found.is_empty(), "{found:?}");
    assert_eq!(next_id(ann, 'R').as_str(), "R4");
    assert_eq!(next_id("", 'T').as_str(), "T1");
    assert_eq!(
        render_text_bound(ann, "a\nb", "X", &[Span::new(0, 3)]),
        Err(RenderError::TextHasLineBreak(Span::new(0, 3)))
    );
    assert_eq!(
        render_text_bound(ann, txt, "Two words", &[Span::new(0, 1)]),
        Err(RenderError::BadType("Two words".into()))
    );
    assert!(matches!(render_text_bound(ann, txt, "X", &[Span::new(3, 4)]), Err(RenderError::BadSpan(_))));
}

#[test]
fn large_files_stay_linear() {
    // 2 MB of mixed-width text and 40,000 annotations: quadratic work would not finish.
    let unit = "Yaşar Güler 🙂 met Hulusi Akar in Ankara.\n";
    let txt = unit.repeat(50_000);
    let chars_per_unit = unit.chars().count();
    let lines = |shift: usize| {
        let mut ann = String::new();
        for i in 0..40_000 {
            let start = i * chars_per_unit + 18 + shift;
            ann.push_str(&format!("T{}\tPerson {start} {}\tHulusi Akar\n", i + 1, start + 11));
        }
        ann
    };
    let ann = lines(0);
    let doc = parse(&txt, &ann, None);
    assert!(doc.problems().is_empty(), "{:?}", &doc.problems()[..1]);
    assert_eq!(doc.spans().len(), 40_000);
    let shifted = format!("Breaking: {txt}");
    let anchors = reanchor(&ann, &shifted);
    assert!(anchors.iter().all(|a| { a.new.as_ref().is_some_and(|n| n[0].start == a.old[0].start + 10) }));
    // Every offset one off: each mismatch still finds its text without rescanning the file.
    let doc = parse(&txt, &lines(1), None);
    assert_eq!(doc.problems().len(), 40_000);
    assert!(
        doc.problems().iter().all(|p| { p.message.contains("`Hulusi Akar` occurs 1 character earlier") })
    );
}

/// A small deterministic generator, so the fuzz test needs no extra crate and replays.
struct XorShift(u64);
impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[test]
fn garbage_never_panics_and_spans_stay_in_the_file() {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let txt = "Yaşar Güler 🇹🇷 e\u{301}\r\nAnkara\n";
    let pieces = [
        "T1",
        "T2",
        "R1",
        "E1",
        "A1",
        "N1",
        "#1",
        "*",
        "X1",
        "\t",
        " ",
        ";",
        ":",
        "-3",
        "0",
        "5",
        "999999999999999999999",
        "Person",
        "Arg1:T1",
        "Arg2:T2",
        "Wikidata:Q1",
        "\r",
        "\n",
        "é",
        "🙂",
        "T",
        "Type:T1",
        "\u{feff}",
    ];
    let conf = BratConfig::parse(PLANTED_CONF);
    for round in 0..3000 {
        let mut ann = String::new();
        for _ in 0..rng.below(40) {
            ann.push_str(pieces[rng.below(pieces.len())]);
        }
        if round % 3 == 0 {
            // A valid-looking T line with random offsets.
            let (s, e) = (rng.below(40), rng.below(40));
            ann.push_str(&format!("\nT9\tPerson {s} {e}\tx\n"));
        }
        let cut = rng.below(ann.len() + 1);
        let ann = &ann[..crate::span::floor_char_boundary(&ann, cut)];
        let doc = parse(txt, ann, if round % 2 == 0 { Some(&conf) } else { None });
        for p in doc.problems() {
            assert!(
                p.span.end as usize <= ann.len() && ann.is_char_boundary(p.span.start as usize),
                "{p:?} in {ann:?}"
            );
            assert!(!p.message.is_empty() && !p.message.ends_with('.'));
            for r in &p.related {
                let len = if r.file == FileRole::Text {
                    txt.len()
                } else if r.file == FileRole::Config {
                    PLANTED_CONF.len()
                } else {
                    ann.len()
                };
                assert!(r.span.end as usize <= len);
            }
        }
        for s in doc.spans() {
            assert!(s.fragments.iter().all(|f| txt.get(f.range()).is_some()));
        }
        for a in reanchor(ann, "Güler Yaşar 🙂") {
            assert!(a.offsets_span.end as usize <= ann.len());
        }
    }
}

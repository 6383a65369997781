//! The WebAnno TSV reader on small files and a broken one: what is read, and every problem placed.

use super::*;

const BROKEN: &str = include_str!("../../../fixtures/formats/webanno/broken.tsv");

#[test]
fn reads_layers_sentences_spans_and_relations() {
    let tsv = "#FORMAT=WebAnno TSV 3.3\n#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|identifier|value\n#T_RL=webanno.custom.Rel|label|BT_de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity\n\n\n#Text=Hulusi Akar met Güler 🙂 .\n1-1\t0-6\tHulusi\tQ6117580[1]\tPER[1]\t_\t_\t\n1-2\t7-11\tAkar\tQ6117580[1]\tPER[1]\t_\t_\t\n1-3\t12-15\tmet\t_\t_\t_\t_\t\n1-4\t16-21\tGüler\t*\tPER|LOC\tmet|*\t1-1[1_0]|1-1[1_0]\t\n1-5\t22-24\t🙂\t_\t_\t_\t_\t\n1-6\t25-26\t.\t_\t_\t_\t_\t\n\n#Text=Ankara\\tToday\n2-1\t27-33\tAnkara\t_\tLOC\t_\t_\t\n2-2\t34-39\tToday\t_\t_\t_\t_\t\n";
    let doc = parse(tsv);
    assert!(doc.problems().is_empty(), "{:?}", doc.problems());
    assert_eq!(doc.version(), Some((3, 3)));
    assert_eq!(doc.text(), "Hulusi Akar met Güler 🙂 .\nAnkara\tToday\n");
    let labels: Vec<(&str, &str, &str)> =
        doc.spans().iter().map(|s| (s.id.as_str(), s.label.as_str(), s.recorded_text.as_str())).collect();
    assert_eq!(
        labels,
        [
            ("NamedEntity[1]", "PER", "Hulusi Akar"),
            ("NamedEntity@1-4", "PER", "Güler"),
            ("NamedEntity@1-4/1", "LOC", "Güler"),
            ("NamedEntity@2-1", "LOC", "Ankara")
        ]
    );
    assert_eq!(doc.spans()[0].kb_refs[0].id, "Q6117580");
    assert_eq!(doc.spans()[0].kb_refs[0].kb, "identifier");
    let rels: Vec<(&str, &str, &str)> =
        doc.relations().iter().map(|r| (r.label.as_str(), r.from.as_str(), r.to.as_str())).collect();
    // Without a target id a relation attaches to the first annotation on the token, as in
    // INCEpTION (which writes ids for stacked annotations, so this is only a fallback).
    assert_eq!(
        rels,
        [("met", "NamedEntity[1]", "NamedEntity@1-4"), ("Rel", "NamedEntity[1]", "NamedEntity@1-4")]
    );
    // Spans map back into the `#Text=` lines of the file, escapes included.
    let ankara = &doc.tsv_spans()[3];
    assert_eq!(&tsv[ankara.file_span.unwrap().range()], "Ankara");
    let today = doc.text().find("Today").unwrap();
    let in_file = doc.origin().to_file(Span::new(today - 1, today + 5)).unwrap();
    assert_eq!(&tsv[in_file.range()], "\\tToday");
}

#[test]
fn broken_fixture_reports_each_planted_problem() {
    let doc = parse(BROKEN);
    let found: Vec<(ProblemKind, &str)> =
        doc.problems().iter().map(|p| (p.kind, &BROKEN[p.span.range()])).collect();
    use ProblemKind::*;
    assert_eq!(
        found,
        [
            (UnknownHeader, "#Comment=made by hand"),
            (TextMismatch, "12-16"),
            (BrokenSpanId, "PER[2]"),
            (UnknownReference, "9-9[1_0]"),
            (MalformedLine, "2-2\t37-38\t."),
        ]
    );
    let messages: Vec<&str> = doc.problems().iter().map(|p| p.message.as_str()).collect();
    assert_eq!(
        messages[1],
        "token 1-3 is `met` but the sentence text at 12-16 is `met `; `met` occurs in the sentence at 12"
    );
    assert_eq!(
        messages[2],
        "span [2] of layer NamedEntity breaks off after token 1-4 and resumes at 1-6; a span must cover consecutive tokens"
    );
    assert_eq!(messages[3], "relation in row 2-1 points at token 9-9, which does not exist");
    assert_eq!(
        messages[4],
        "row `2-2` has 3 fields but the header declares 7 (3 token fields and 4 annotation columns)"
    );
    // What could be read is still there.
    let spans: Vec<(&str, &str)> =
        doc.spans().iter().map(|s| (s.id.as_str(), s.recorded_text.as_str())).collect();
    assert_eq!(
        spans,
        [
            ("NamedEntity[1]", "Hulusi Akar"),
            ("NamedEntity[2]", "Yaşar Güler ."),
            ("NamedEntity@2-1", "Ankara")
        ]
    );
}

#[test]
fn sub_token_annotations() {
    let tsv = "#FORMAT=WebAnno TSV 3.3\n#T_SP=webanno.custom.X|v\n\n\n#Text=Güler's car\n1-1\t0-7\tGüler's\t_\t\n1-1.1\t0-5\tGüler\tPER\t\n1-1.2\t5-7\t's\t_\t\n1-1.3\t6-9\ts c\t_\t\n1-2\t8-11\tcar\t_\t\n";
    let doc = parse(tsv);
    let spans: Vec<(&str, &str)> =
        doc.spans().iter().map(|s| (s.id.as_str(), s.recorded_text.as_str())).collect();
    assert_eq!(spans, [("X@1-1.1", "Güler")]);
    let messages: Vec<&str> = doc.problems().iter().map(|p| p.message.as_str()).collect();
    assert_eq!(messages, ["sub-token 1-1.3 at 6-9 lies outside its token, which covers 0-7"]);
    assert!(doc.units()[1].is_sub_token);
}

#[test]
fn sentences_that_touch_or_leave_gaps_are_placed_like_inception() {
    let tsv = "#FORMAT=WebAnno TSV 3.2\n#T_SP=webanno.custom.X|v\n\n\n#Text=A.\n1-1\t0-2\tA.\t_\t\n\n#Text=B.\n2-1\t2-4\tB.\t_\t\n\n#Text=C.\n3-1\t10-12\tC.\tx\t\n";
    let doc = parse(tsv);
    assert!(doc.problems().is_empty(), "{:?}", doc.problems());
    assert_eq!(doc.text(), "A.B.\n     C.\n");
    assert_eq!(doc.spans()[0].recorded_text, "C.");
}

#[test]
fn utf16_offsets_and_wrong_counting_are_explained() {
    let tsv = "#FORMAT=WebAnno TSV 3.3\n#T_SP=webanno.custom.X|v\n\n\n#Text=🙂 Akar\n1-1\t0-2\t🙂\t_\t\n1-2\t2-6\tAkar\tx\t\n";
    let doc = parse(tsv);
    let messages: Vec<&str> = doc.problems().iter().map(|p| p.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "token 1-2 is `Akar` but the sentence text at 2-6 is ` Aka`; the offsets would match if counted in code points instead of UTF-16 units"
        ]
    );
}

#[test]
fn a_huge_offset_is_an_error_not_an_allocation() {
    let tsv = "#FORMAT=WebAnno TSV 3.3\n#T_SP=webanno.custom.X|v\n\n\n#Text=A\n1-1\t0-1\tA\t_\t\n\n#Text=B\n2-1\t999999999999-1000000000000\tB\tx\t\n";
    let doc = parse(tsv);
    assert_eq!(doc.text(), "A\nB\n");
    let messages: Vec<&str> = doc.problems().iter().map(|p| p.message.as_str()).collect();
    assert_eq!(
        messages,
        ["sentence 2 starts at 999999999999, 999999999997 units after the text before it ends"]
    );
    // The sentence is read where the text ends, its tokens relative to it.
    assert_eq!(doc.spans()[0].recorded_text, "B");
}

#[test]
fn a_token_that_is_not_at_its_offsets_is_looked_for_nearby_only() {
    let text = format!("Akar {} Akar", "x".repeat(3 * NEAREST_WINDOW));
    assert_eq!(nearest_occurrence(&text, "Akar", 3), Some(0));
    assert_eq!(nearest_occurrence(&text, "Akar", text.len() - 2), Some(text.len() - 4));
    assert_eq!(nearest_occurrence(&text, "Akar", text.len() / 2), None, "too far either way");
    assert_eq!(nearest_occurrence(&text, "", 0), None);
}

#[test]
fn offsets_and_ids_too_large_never_wrap() {
    // 2^63 and 2^64 - 1 once wrapped to negative offsets in the sentence arithmetic.
    for offsets in
        ["0-9223372036854775808", "9223372036854775807-9223372036854775807", "1-18446744073709551615"]
    {
        let tsv = format!("#FORMAT=WebAnno TSV 3.3\n\n\n#Text=Akar\n1-1\t{offsets}\tAkar\t\n");
        let doc = parse(&tsv);
        assert!(!doc.problems().is_empty(), "{offsets}");
    }
}

#[test]
fn garbage_never_panics() {
    let pieces = [
        "#FORMAT=WebAnno TSV 3.3\n",
        "#T_SP=a.B|v|identifier\n",
        "#T_RL=a.R|l|BT_a.B\n",
        "#T_CH=a.C|referenceType|referenceRelation\n",
        "#Text=",
        "Akar 🙂",
        "\n",
        "\t",
        "1-1",
        "1-2.1",
        "0-4",
        "5-2",
        "x[1]",
        "y[2]|z[3]",
        "*",
        "_",
        "1-1[1_2]",
        "[",
        "]",
        "\\",
        "|",
        "->1-1",
        "*->2-3",
        "99999999999999999999",
    ];
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    for _ in 0..3000 {
        let mut tsv = String::new();
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let n = (state % 60) as usize;
        for _ in 0..n {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            tsv.push_str(pieces[(state % pieces.len() as u64) as usize]);
        }
        let doc = parse(&tsv);
        for p in doc.problems() {
            assert!(tsv.get(p.span.range()).is_some(), "{p:?} in {tsv:?}");
        }
        for s in doc.spans() {
            assert!(doc.text().get(s.fragments[0].range()).is_some());
        }
        for t in doc.tsv_spans() {
            if let Some(f) = t.file_span {
                assert!(tsv.get(f.range()).is_some());
            }
        }
    }
}

//! TimeML documents (TempEval-3): read the publication date, the TEXT and any TIMEX3s in it;
//! write the TEXT back with our TIMEX3s.
//!
//! Offsets: TIMEX3 spans are byte offsets into the TEXT's *decoded* character content (tags
//! stripped, entities such as `&amp;` replaced by their characters), which is what the tagger
//! reads. Writing maps them back to the raw content, so the output's TEXT, once its tags are
//! stripped, is byte-identical to the input's: entities stay as written, and a tag never
//! splits an entity.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, Result, bail};
use jiff::civil::Date;
use quick_xml::events::Event;
use quick_xml::reader::Reader;

use super::partial::PartialDate;
use super::timex::{TagContext, Timex};
use crate::span::Span;

/// A TIMEX3 read from a document's TEXT.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimexAnnotation {
    /// Byte span in [`Document::text`].
    pub span: Span,
    pub tid: String,
    /// The `type` attribute as written (`DATE`, `TIME`, `DURATION`, `SET`).
    pub kind: String,
    pub value: String,
    pub modifier: Option<String>,
}

/// One piece of the raw TEXT content and what it decodes to.
#[derive(Clone, Copy, Debug)]
struct Piece {
    decoded_start: u32,
    decoded_len: u32,
    raw_start: u32,
    raw_len: u32,
    /// Decoded and raw are the same bytes (plain text), so inner offsets map one to one;
    /// otherwise (an entity) the piece is atomic.
    verbatim: bool,
}

/// A TimeML document.
#[derive(Clone, Debug)]
pub struct Document {
    /// The `DOCID` element, if any.
    pub doc_id: Option<String>,
    /// The publication date, from the `DCT`'s TIMEX3 value.
    pub dct: Option<Date>,
    /// The TEXT content, tags stripped, entities decoded: what the tagger reads.
    pub text: String,
    /// TIMEX3s found in TEXT (gold annotations in a `.tml`, none in a `.TE3input`).
    pub timexes: Vec<TimexAnnotation>,
    /// Everything up to and including `<TEXT>`.
    head: String,
    /// The TEXT content with tags stripped, entities as written.
    raw_text: String,
    pieces: Vec<Piece>,
}

impl Document {
    pub fn read(path: &Path) -> Result<Document> {
        let source = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        Document::parse(&source).with_context(|| format!("parsing {}", path.display()))
    }

    /// Parses a TimeML document: a `TEXT` element is required, a `DCT` optional.
    pub fn parse(source: &str) -> Result<Document> {
        let mut reader = Reader::from_str(source);
        let config = reader.config_mut();
        config.trim_text(false);
        config.check_end_names = false;
        config.allow_dangling_amp = true;

        let mut doc = Document {
            doc_id: None,
            dct: None,
            text: String::new(),
            timexes: Vec::new(),
            head: String::new(),
            raw_text: String::new(),
            pieces: Vec::new(),
        };
        let mut in_dct = false;
        let mut in_doc_id = false;
        let mut in_text = false;
        let mut text_done = false;
        let mut open: Vec<(usize, TimexAnnotation)> = Vec::new();
        let mut last = 0usize;
        loop {
            let event = reader
                .read_event()
                .map_err(|e| anyhow::anyhow!("XML error at byte {}: {e}", reader.error_position()))?;
            let pos = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX).min(source.len());
            let raw = source.get(last..pos).unwrap_or("");
            last = pos;
            match event {
                Event::Eof => break,
                Event::Start(e) => {
                    let name = e.name();
                    let name = name.as_ref();
                    if in_text && name == b"TIMEX3" {
                        open.push((doc.text.len(), annotation(&e, Span::default())?));
                    } else if name == b"TEXT" && !text_done {
                        in_text = true;
                        doc.head = source[..pos].to_string();
                    } else if name == b"DCT" {
                        in_dct = true;
                    } else if name == b"DOCID" {
                        in_doc_id = true;
                    } else if in_dct && name == b"TIMEX3" {
                        doc.dct = dct_value(&e);
                    }
                }
                Event::Empty(e) if in_dct && e.name().as_ref() == b"TIMEX3" => {
                    doc.dct = dct_value(&e);
                }
                Event::End(e) => {
                    let name = e.name();
                    let name = name.as_ref();
                    if in_text && name == b"TIMEX3" {
                        if let Some((start, mut t)) = open.pop() {
                            t.span = Span::new(start, doc.text.len());
                            doc.timexes.push(t);
                        }
                    } else if in_text && name == b"TEXT" {
                        in_text = false;
                        text_done = true;
                    } else if name == b"DCT" {
                        in_dct = false;
                    } else if name == b"DOCID" {
                        in_doc_id = false;
                    }
                }
                Event::Text(_) if in_text => doc.push_piece(raw, raw),
                Event::Text(_) if in_doc_id => {
                    let id = raw.trim();
                    if !id.is_empty() {
                        doc.doc_id = Some(id.to_string());
                    }
                }
                Event::GeneralRef(r) if in_text => {
                    let decoded = match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        _ => {
                            let name = r.decode().unwrap_or_default();
                            quick_xml::escape::resolve_predefined_entity(&name).unwrap_or(raw).to_string()
                        }
                    };
                    doc.push_piece(raw, &decoded);
                }
                Event::CData(c) if in_text => {
                    let inner = c.decode().unwrap_or_default().into_owned();
                    doc.push_piece(raw, &inner);
                }
                _ => {}
            }
        }
        if !text_done && !in_text {
            bail!("no <TEXT> element");
        }
        doc.timexes.sort_by_key(|t| (t.span.start, t.span.end));
        Ok(doc)
    }

    fn push_piece(&mut self, raw: &str, decoded: &str) {
        let piece = Piece {
            decoded_start: self.text.len() as u32,
            decoded_len: decoded.len() as u32,
            raw_start: self.raw_text.len() as u32,
            raw_len: raw.len() as u32,
            verbatim: raw == decoded,
        };
        self.text.push_str(decoded);
        self.raw_text.push_str(raw);
        self.pieces.push(piece);
    }

    /// The raw-content offset of decoded offset `at`: inside plain text one to one, inside an
    /// entity snapped to its start (`after == false`) or end.
    fn raw_offset(&self, at: usize, after: bool) -> usize {
        let at = at as u32;
        // Pieces are contiguous: the first one ending after `at` holds it.
        let i = self.pieces.partition_point(|p| p.decoded_start + p.decoded_len <= at);
        match self.pieces.get(i) {
            None => self.raw_text.len(),
            Some(p) if p.verbatim => (p.raw_start + (at - p.decoded_start)) as usize,
            Some(p) if at == p.decoded_start || !after => p.raw_start as usize,
            Some(p) => (p.raw_start + p.raw_len) as usize,
        }
    }

    /// A document from another gold format (no TimeML markup to write back into).
    pub fn from_parts(text: String, dct: Option<Date>, timexes: Vec<TimexAnnotation>) -> Document {
        Document {
            doc_id: None,
            dct,
            raw_text: text.clone(),
            text,
            timexes,
            head: String::new(),
            pieces: Vec::new(),
        }
    }

    /// The context to tag this document with: its DCT, and TimeML's reading of "eight months
    /// after the victory" as a duration.
    pub fn tag_context(&self) -> TagContext {
        TagContext { dct: self.dct, anchor_event_offsets: false, ..TagContext::default() }
    }

    /// The document with `timexes` as the TEXT's only tags. Ranges are written as their two
    /// ends; tids count from `t1` (the DCT keeps its own).
    pub fn write_tagged(&self, timexes: &[Timex]) -> String {
        let mut flat: Vec<&Timex> = Vec::with_capacity(timexes.len());
        for t in timexes {
            match &t.range {
                Some(ends) => {
                    flat.push(&ends.from);
                    flat.push(&ends.to);
                }
                None => flat.push(t),
            }
        }
        flat.sort_by_key(|t| (t.span.start, t.span.end));
        let mut out = String::with_capacity(self.head.len() + self.raw_text.len() * 2 + 64);
        out.push_str(&self.head);
        let mut cursor = 0;
        let mut tid = 0;
        for t in flat {
            let start = self.raw_offset(t.span.start as usize, false);
            let end = self.raw_offset(t.span.end as usize, true);
            if start < cursor || end <= start || end > self.raw_text.len() {
                continue;
            }
            tid += 1;
            out.push_str(&self.raw_text[cursor..start]);
            let _ = write!(
                out,
                "<TIMEX3 tid=\"t{tid}\" type=\"{}\" value=\"{}\"",
                t.kind.as_str(),
                quick_xml::escape::escape(t.value.as_str())
            );
            if let Some(m) = t.modifier {
                let _ = write!(out, " mod=\"{}\"", m.as_str());
            }
            out.push('>');
            out.push_str(&self.raw_text[start..end]);
            out.push_str("</TIMEX3>");
            cursor = end;
        }
        out.push_str(&self.raw_text[cursor..]);
        out.push_str("</TEXT>\n\n</TimeML>\n");
        out
    }

    /// The TEXT content as written in the file, tags stripped: what `write_tagged` keeps.
    pub fn raw_text(&self) -> &str {
        &self.raw_text
    }
}

fn annotation(e: &quick_xml::events::BytesStart<'_>, span: Span) -> Result<TimexAnnotation> {
    let mut t = TimexAnnotation {
        span,
        tid: String::new(),
        kind: String::new(),
        value: String::new(),
        modifier: None,
    };
    for attr in e.attributes().with_checks(false).flatten() {
        let value = attr
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map(|v| v.into_owned())
            .unwrap_or_default();
        match attr.key.as_ref() {
            b"tid" => t.tid = value,
            b"type" => t.kind = value.trim().to_string(),
            b"value" => t.value = value.trim().to_string(),
            b"mod" => t.modifier = Some(value.trim().to_string()).filter(|m| !m.is_empty()),
            _ => {}
        }
    }
    Ok(t)
}

fn dct_value(e: &quick_xml::events::BytesStart<'_>) -> Option<Date> {
    let attr = e.attributes().with_checks(false).flatten().find(|a| a.key.as_ref() == b"value")?;
    let value = attr.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok()?;
    let value = value.trim();
    // "1998-01-08", "1998-02-06T22:19:00", or the compact "19980108".
    if let Ok(date) = PartialDate::parse(value) {
        return date.as_date();
    }
    if value.len() >= 8 && value.as_bytes()[..8].iter().all(u8::is_ascii_digit) {
        let compact = format!("{}-{}-{}", &value[..4], &value[4..6], &value[6..8]);
        return PartialDate::parse(&compact).ok()?.as_date();
    }
    None
}

/// Strips every tag from a TimeML fragment and decodes entities: for tests comparing the
/// content of two TEXT elements.
pub fn strip_tags(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut in_tag = false;
    for c in raw.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::tag;

    const GOLD: &str = r#"<?xml version="1.0" ?>
<TimeML>
<DOCID>test_doc</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" temporalFunction="false" functionInDocument="CREATION_TIME">March 22, 2013</TIMEX3></DCT>
<TEXT>
AT&amp;T said <TIMEX3 tid="t1" type="DATE" value="2013-03-22">Friday</TIMEX3> it &lt;will&gt; <EVENT eid="e1">pay</EVENT> &#233;xtra &quot;dividends&quot; <TIMEX3 tid="t2" type="SET" value="P1Y">every year</TIMEX3>.
</TEXT>
<TLINK lid="l1" relType="BEFORE" timeID="t1" relatedToTime="t0"/>
</TimeML>
"#;

    #[test]
    fn reads_dct_text_and_gold_timexes() {
        let doc = Document::parse(GOLD).unwrap();
        assert_eq!(doc.doc_id.as_deref(), Some("test_doc"));
        assert_eq!(doc.dct, Some(jiff::civil::date(2013, 3, 22)));
        assert_eq!(doc.text, "\nAT&T said Friday it <will> pay éxtra \"dividends\" every year.\n");
        let spans: Vec<&str> = doc.timexes.iter().map(|t| &doc.text[t.span.range()]).collect();
        assert_eq!(spans, ["Friday", "every year"]);
        assert_eq!(doc.timexes[1].kind, "SET");
        assert_eq!(doc.timexes[1].value, "P1Y");
    }

    #[test]
    fn writes_tags_without_changing_the_text() {
        let doc = Document::parse(GOLD).unwrap();
        let timexes = tag(&doc.text, &doc.tag_context());
        let out = doc.write_tagged(&timexes);
        let reread = Document::parse(&out).unwrap();
        assert_eq!(reread.text, doc.text);
        assert_eq!(reread.raw_text(), doc.raw_text());
        assert!(out.contains(r#"<TIMEX3 tid="t1" type="DATE" value="2013-03-22">Friday</TIMEX3>"#), "{out}");
        assert!(out.contains("AT&amp;T said"));
        assert!(!out.contains("TLINK"));
        let values: Vec<&str> = reread.timexes.iter().map(|t| t.value.as_str()).collect();
        assert_eq!(values, ["2013-03-22", "P1Y"]);
    }

    #[test]
    fn offsets_snap_around_entities() {
        let doc = Document::parse("<TimeML><TEXT>a&amp;b &#x2014; c</TEXT></TimeML>").unwrap();
        assert_eq!(doc.text, "a&b \u{2014} c");
        // "b" is decoded byte 2, raw byte 6.
        assert_eq!(doc.raw_offset(2, false), 6);
        // Inside the em dash (decoded bytes 4..7): snapped to the entity's ends.
        assert_eq!(doc.raw_offset(4, false), 8);
        assert_eq!(doc.raw_offset(7, true), 16);
        assert_eq!(doc.raw_offset(doc.text.len(), true), doc.raw_text().len());
    }

    #[test]
    fn refuses_documents_without_text() {
        assert!(Document::parse("<TimeML><DCT/></TimeML>").is_err());
        assert!(Document::parse("not xml at all <<<").is_err());
    }

    #[test]
    fn strips_tags() {
        assert_eq!(strip_tags("a <X y=\"1\">b</X> c"), "a b c");
    }
}

//! Folding names to compare spellings: case, diacritics and hyphens set aside, so that
//! `Erdogan`, `ERDOĞAN` and `Erdoğan`, or `Rasi-zade` and `Rasizade`, fold alike.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Letters that do not decompose into a base letter plus a mark, mapped to the ASCII a
/// reader would type instead. Azerbaijani `ə` and Turkish dotless `ı` matter here.
fn base_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'ı' => "i",
        'ə' | 'Ə' => "a",
        'ø' | 'Ø' => "o",
        'ł' | 'Ł' => "l",
        'đ' | 'Đ' => "d",
        'ß' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'þ' | 'Þ' => "th",
        _ => return None,
    })
}

/// The spelling with its diacritics removed but case kept: `Yaşar Güler` -> `Yasar Guler`.
pub fn strip_diacritics(text: &str) -> String {
    // Most text is ASCII: nothing to decompose.
    if text.is_ascii() {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match base_letter(c) {
            Some(base) => {
                // Keep the case of the original letter for upper-case forms.
                if c.is_uppercase() {
                    out.extend(base.chars().flat_map(char::to_uppercase));
                } else {
                    out.push_str(base);
                }
            }
            None => out.push(c),
        }
    }
    out
}

/// The comparison key of a name: no diacritics, lower case, and no hyphens, apostrophes
/// or spaces (`Rasi-zade` and `Rasizade` are one spelling, written two ways).
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text
            .bytes()
            .filter(|b| !matches!(b, b'-' | b'\'' | b' ' | b'.'))
            .map(|b| char::from(b.to_ascii_lowercase()))
            .collect();
    }
    strip_diacritics(text)
        .chars()
        .filter(|c| !matches!(c, '-' | '‐' | '\'' | '’' | ' ' | '.'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `text` has letters that [`strip_diacritics`] would change.
pub fn has_diacritics(text: &str) -> bool {
    !text.is_ascii() && strip_diacritics(text) != text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_names_for_comparison() {
        let cases = [
            ("Erdoğan", "erdogan"),
            ("Yaşar Güler", "yasarguler"),
            ("Türkiye", "turkiye"),
            ("Rasi-zade", "rasizade"),
            ("Kavaklıoğlu", "kavaklioglu"),
            ("Əliyev", "aliyev"),
            ("Hikmet Hajjiyev", "hikmethajjiyev"),
        ];
        for (input, folded) in cases {
            assert_eq!(fold(input), folded, "{input}");
        }
    }

    #[test]
    fn strips_diacritics_keeping_case() {
        assert_eq!(strip_diacritics("Yaşar Güler"), "Yasar Guler");
        assert_eq!(strip_diacritics("Cahit Bağcı"), "Cahit Bagci");
        assert_eq!(strip_diacritics("ƏLİYEV"), "ALIYEV");
        assert!(has_diacritics("Türkiye") && !has_diacritics("Turkey") && !has_diacritics("“quoted”"));
    }
}

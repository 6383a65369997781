//! Cyrillic names in Latin letters: Russian romanised the way BGN/PCGN does (the system
//! behind most English-language news spellings: `Шойгу` → `Shoygu`, `Пашинян` →
//! `Pashinyan`, `Лавров` → `Lavrov`), so a KB written in Latin letters can recognise the
//! same name written in Cyrillic. Other romanisations differ in the ways
//! `mentions::near_miss::romanised` folds away (`y`/`i`, `kh`/`h`, `zh`/`j`).

/// The Latin spelling of a word written in Russian Cyrillic letters, or `None` when the
/// word has other letters too.
pub fn romanize_russian(word: &str) -> Option<String> {
    let mut out = String::with_capacity(word.len() * 2);
    let mut previous: Option<char> = None;
    for c in word.chars() {
        let lower = c.to_lowercase().next().unwrap_or(c);
        // `е` is `ye` at the start and after a vowel, `ъ` or `ь`.
        let after_vowel =
            previous.is_none_or(|p| "аеёиоуыэюяйъь".contains(p.to_lowercase().next().unwrap_or(p)));
        let latin = match lower {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'д' => "d",
            'е' if after_vowel => "ye",
            'е' => "e",
            // News writes `yo` after consonants too (`Pyotr`, `Fyodor`), where BGN has `ë`.
            'ё' => "yo",
            'ж' => "zh",
            'з' => "z",
            'и' => "i",
            'й' => "y",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ъ' | 'ь' => "",
            'ы' => "y",
            'э' => "e",
            'ю' => "yu",
            'я' => "ya",
            '-' => "-",
            _ => return None,
        };
        out.push_str(latin);
        previous = Some(c);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_spellings_of_russian_and_caucasus_names() {
        let cases = [
            ("Шойгу", "shoygu"),
            ("Пашинян", "pashinyan"),
            ("Лавров", "lavrov"),
            ("Алиев", "aliyev"),
            ("Сергей", "sergey"),
            ("Хачатурян", "khachaturyan"),
            ("Зеленский", "zelenskiy"),
            ("Ерохин", "yerokhin"),
            ("Щукин", "shchukin"),
            ("Пётр", "pyotr"),
        ];
        for (cyrillic, latin) in cases {
            assert_eq!(romanize_russian(cyrillic).as_deref(), Some(latin), "{cyrillic}");
        }
        assert_eq!(romanize_russian("Pashinyan"), None);
        assert_eq!(romanize_russian("Путин2"), None);
    }
}

//! The shapes of each pack's dates, one case per line: the text, the publication date, and
//! every expression found with its TIMEX3 value. These prove the mechanism on sentences we
//! wrote; the figures on real news are the gold sets' (`dateline timeml eval --lang`).

use crate::dates::{DateLanguage, TagContext, tag};

fn run(lang: &str, text: &str, dct: &str) -> Vec<(String, String)> {
    let ctx = TagContext {
        dct: Some(dct.parse().unwrap()),
        language: DateLanguage::from_code(lang).unwrap(),
        ..TagContext::default()
    };
    tag(text, &ctx).into_iter().map(|t| (text[t.span.range()].to_string(), t.value.to_string())).collect()
}

fn check(lang: &str, dct: &str, cases: &[(&str, &[(&str, &str)])]) {
    for (text, want) in cases {
        let got = run(lang, text, dct);
        let want: Vec<(String, String)> = want.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
        assert_eq!(got, want, "{lang}: {text}");
    }
}

#[test]
fn russian() {
    check("ru", "2021-06-20", &[
        ("Встреча прошла 15 июня 2021 г. в Москве.", &[("15 июня 2021 г.", "2021-06-15")]),
        ("Документ от 15.06.2021 опубликован.", &[("15.06.2021", "2021-06-15")]),
        ("В июне прошла встреча.", &[("июне", "2021-06")]),
        ("В прошлом году было тихо.", &[("прошлом году", "2020")]),
        ("Вчера начались бои.", &[("Вчера", "2021-06-19")]),
        ("В понедельник начались бои.", &[("понедельник", "2021-06-14")]),
        ("Война шла с 27 сентября по 10 ноября 2020 года.", &[("27 сентября по 10 ноября 2020 года", "2020-09-27/2020-11-10")]),
        ("Это была 44-дневная война.", &[("44-дневная", "P44D")]),
        ("В XX веке всё было иначе.", &[("XX веке", "19")]),
        ("В 1970-х годах и в 1985—1990 годах.", &[("1970-х годах", "197"), ("1985—1990 годах", "1985/1990")]),
        ("Два года назад он уехал.", &[("Два года назад", "2019")]),
        ("Он вернётся через неделю.", &[("через неделю", "2021-W25")]),
        ("В начале 2017 года и весной 2020 года.", &[("начале 2017 года", "2017"), ("весной 2020 года", "2020-SP")]),
        ("Прошло полгода, а в 2019-м году ничего.", &[("полгода", "P6M"), ("2019-м году", "2019")]),
        ("В феврале этого года он уехал.", &[("феврале этого года", "2021-02")]),
        // Ages are not durations.
        ("Ему было 64 года. В 19 лет он уехал. Сейчас Келли 52 года.", &[]),
        // "окружающей среды" is the environment, not Wednesday.
        ("Охрана окружающей среды.", &[]),
    ]);
}

#[test]
fn turkish() {
    check("tr", "2021-06-20", &[
        ("Bakan 15 Haziran 2021 tarihinde konuştu.", &[("15 Haziran 2021", "2021-06-15")]),
        ("15 Haziran'da toplantı yapıldı.", &[("15 Haziran'da", "2021-06-15")]),
        ("Geçen yıl savaş bitti.", &[("Geçen yıl", "2020")]),
        ("Dün Pazartesi günü görüşme başladı.", &[("Dün", "2021-06-19"), ("Pazartesi günü", "2021-06-14")]),
        ("Savaş 27 Eylül-10 Kasım 2020 tarihleri arasında sürdü.", &[("27 Eylül-10 Kasım 2020", "2020-09-27/2020-11-10")]),
        ("44 günlük savaş 2020'de oldu.", &[("44 günlük", "P44D"), ("2020'de", "2020")]),
        ("1990'larda durum farklıydı.", &[("1990'larda", "199")]),
        ("Üç yıl önce ayrıldı.", &[("Üç yıl önce", "2018")]),
        ("İSTANBUL'da ARALIK ayında.", &[("ARALIK ayında", "2021-12")]),
    ]);
}

#[test]
fn french_spanish_german() {
    check("fr", "1999-05-27", &[
        ("L'aviation est entrée en action hier au Cachemire.", &[("hier", "1999-05-26")]),
        ("Le 15 juin 2021, puis le 1er juillet.", &[("15 juin 2021", "2021-06-15"), ("1er juillet", "1999-07-01")]),
        ("Il y a deux ans, au XXe siècle, dans les années 1990.", &[("Il y a deux ans", "1997"), ("XXe siècle", "19"), ("années 1990", "199")]),
        ("Rendez-vous à 20 h 30 ce soir.", &[("20 h 30", "1999-05-27T20:30"), ("soir", "1999-05-27TEV")]),
    ]);
    check("es", "2005-10-04", &[
        ("El 4 de octubre de 2005 Apple presentó.", &[("4 de octubre de 2005", "2005-10-04")]),
        ("Hace dos años, el año pasado y ayer.", &[("Hace dos años", "2003"), ("año pasado", "2004"), ("ayer", "2005-10-03")]),
    ]);
    check("de", "2011-04-12", &[
        ("Am 15. Juni 2010 und im Mai.", &[("15. Juni 2010", "2010-06-15"), ("Mai", "2011-05")]),
        ("Vor zwei Jahren, letztes Jahr, gestern.", &[("Vor zwei Jahren", "2009"), ("letztes Jahr", "2010"), ("gestern", "2011-04-11")]),
    ]);
}

#[test]
fn hostile_text_never_panics() {
    let samples = ["", "15.", "15.06.", "99.99.9999", "1990'", "XX", "с по", "31 февраля 2021 года", "2021г", "1-го", "🙂15 июня🙂"];
    for lang in ["ru", "tr", "fr", "es", "de"] {
        for text in samples {
            let _ = run(lang, text, "2021-06-20");
        }
    }
    assert!(run("ru", "31 февраля 2021 года", "2021-06-20").iter().all(|(_, v)| v != "2021-02-31"));
}

//! The synthetic news corpus the benches share: deterministic (the same on every run),
//! with names, titles and dates at the seed articles' density and a few planted errors.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::Path;

/// A small deterministic generator: the corpus is the same on every run.
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "ri", "mo", "sel", "dan", "vor", "li", "ta", "bek", "nur", "zar", "han", "el", "ya", "şa", "gü",
    "ov", "ian", "er", "us", "ma", "ko", "ti", "ra", "ne", "ba", "lo", "qu", "fi", "do",
];
const FILLER: &[&str] = &[
    "The talks covered military education, joint exercises and the supply of equipment.",
    "Officials said the meeting had been planned for several weeks.",
    "Both sides stressed the importance of stability in the region.",
    "The statement did not give further details about the agreement.",
    "Observers noted that cooperation had grown steadily over the past decade.",
    "A spokesperson declined to comment on the timing of the visit.",
    "The delegation also visited a training centre outside the capital.",
];
pub const TITLES: &[&str] =
    &["Defence Minister", "President", "Prime Minister", "General", "Ambassador", "Chief of Staff"];

fn word(rng: &mut Lcg, syllables: usize) -> String {
    let mut out = String::new();
    for _ in 0..syllables {
        out.push_str(SYLLABLES[rng.below(SYLLABLES.len())]);
    }
    let mut chars = out.chars();
    let first = chars.next().unwrap().to_uppercase().collect::<String>();
    first + chars.as_str()
}

pub struct Entity {
    pub id: String,
    pub name: String,
    pub aliases: [String; 2],
    /// The title this person holds (people only): articles mostly get it right.
    pub title: Option<&'static str>,
}

/// Writes `articles` articles (~3 KB each, under `articles/`) and a KB of 5,000 entities
/// (`kb/entities.toml`) to `root`; returns the bytes written and the entities.
pub fn generate(root: &Path, articles: usize) -> (usize, Vec<Entity>) {
    let mut rng = Lcg(0x00da_7e11);
    let mut entities = Vec::with_capacity(5000);
    let mut seen = std::collections::HashSet::new();
    while entities.len() < 5000 {
        let given = word(&mut rng, 2);
        let family = word(&mut rng, 3);
        let name = format!("{given} {family}");
        if !seen.insert(name.clone()) || !seen.insert(family.clone()) {
            continue;
        }
        let initial = format!("{}. {family}", given.chars().next().unwrap());
        if !seen.insert(initial.clone()) {
            continue;
        }
        let id = format!("e{}", entities.len());
        let index = entities.len();
        let title = (index % 4 == 0).then(|| TITLES[index % TITLES.len()]);
        entities.push(Entity { id, name, aliases: [family, initial], title });
    }
    let mut kb = String::new();
    for (i, e) in entities.iter().enumerate() {
        let kind = ["person", "organization", "place", "event"][i % 4];
        let _ = writeln!(
            kb,
            "[[entity]]\nid = \"{}\"\nkind = \"{kind}\"\nname = \"{}\"\naliases = [\"{}\", \"{}\"]\ndescription = \"Synthetic entity number {i}.\"",
            e.id, e.name, e.aliases[0], e.aliases[1]
        );
        if kind == "person" {
            let _ = writeln!(
                kb,
                "  [[entity.role]]\n  title = \"{}\"\n  from = \"20{:02}-01-01\"\n",
                TITLES[i % TITLES.len()],
                10 + i % 5
            );
        } else {
            kb.push('\n');
        }
    }
    std::fs::create_dir_all(root.join("kb")).unwrap();
    std::fs::write(root.join("kb/entities.toml"), &kb).unwrap();
    let mut bytes = kb.len();
    for a in 0..articles {
        let dir = root.join("articles").join(format!("{:03}", a / 100));
        std::fs::create_dir_all(&dir).unwrap();
        let mut text = format!(
            "---\ntitle: Synthetic article {a}\ndate: 20{:02}-{:02}-{:02}\nsource: bench\n---\n",
            15 + a % 9,
            1 + a % 12,
            1 + a % 28
        );
        while text.len() < 3000 {
            let e = &entities[rng.below(entities.len())];
            let mention = match rng.below(4) {
                0 => e.aliases[0].clone(),
                1 => e.aliases[1].clone(),
                _ => e.name.clone(),
            };
            // News density, as in the seed articles: a name in most sentences, a title on
            // about half of them, a date on about a third.
            // The right title, but one time in twenty another (a planted role mismatch).
            let title = match e.title {
                Some(own) if rng.below(20) != 0 => own,
                _ => TITLES[rng.below(TITLES.len())],
            };
            let sentence = match rng.below(6) {
                0 => format!("{title} {mention} met officials in the capital on Tuesday."),
                1 => format!("{mention} said the talks had covered training and equipment."),
                2 => format!("{title} {mention} is expected to visit the region next month."),
                3 => format!("According to {mention}, the two sides agreed to meet again."),
                4 => format!("{title} {mention} attended the ceremony."),
                _ => format!("The delegation, led by {mention}, arrived on March 3, {}.", 2014 + a % 9),
            };
            let _ = write!(text, "{sentence} {} ", FILLER[rng.below(FILLER.len())]);
            if rng.below(5) == 0 {
                text.push_str("\n\n");
            }
        }
        text.push('\n');
        bytes += text.len();
        std::fs::write(dir.join(format!("{a:05}.md")), text).unwrap();
    }
    (bytes, entities)
}

//! Generates a deterministic benchmark corpus of synthetic news articles.
//!
//! `cargo run --release --example gen_corpus -- OUT_DIR [MEGABYTES] [SEED]`
//!
//! Articles are assembled from this file's own sentence templates (no
//! third-party text) and the project's `samples/`, in plain text (70%),
//! Markdown (20%) and HTML (10%), about 2.5–6 KB each, 500 to a folder. About
//! one article in eight carries a defect newslint reports (a template call,
//! a chat reply, page furniture, an unsourced figure), so the run exercises
//! reporting as well as scanning. The same arguments give the same bytes.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

const PEOPLE: &[&str] = &[
    "Renata Osei",
    "Tomas Reyes",
    "Priya Lindqvist",
    "Marcus Bell",
    "Dana Whitfield",
    "Ines Varga",
    "Kwame Mensah",
    "Laura Chen",
    "Oskar Nyberg",
    "Amara Okafor",
    "Julien Moreau",
    "Sofia Marquez",
    "Henrik Dahl",
    "Yuki Tanaka",
    "Fatima Zahra",
];
const ROLES: &[&str] = &[
    "the mayor",
    "a council spokesperson",
    "the company's chief executive",
    "a union organiser",
    "the finance minister",
    "the head of the regional utility",
    "a hospital administrator",
    "the board chair",
    "a local business owner",
    "the transport commissioner",
];
const ORGS: &[&str] = &[
    "Northline Power",
    "Fenwick Foods",
    "the Marlow Bay transit board",
    "Ashford council",
    "Bayline Marine",
    "the regional health authority",
    "Carrow University",
    "Port Elsin Bank",
    "the state education department",
    "Riverside Public Library",
];
const PLACES: &[&str] = &[
    "Port Elsin",
    "Carrow",
    "Ashford",
    "Marlow Bay",
    "Riverside",
    "Kestrel Point",
    "Dunmore",
    "Halvard",
    "Selby Cross",
    "the northern coast",
];
const TOPICS: &[&str] = &[
    "the new budget",
    "the ferry timetable",
    "the hospital expansion",
    "the school funding plan",
    "the storm recovery effort",
    "the housing proposal",
    "the bus network review",
    "the water rate increase",
    "the downtown redevelopment",
    "the library reopening",
];
const VERBS: &[&str] = &[
    "said",
    "told reporters",
    "said in a statement",
    "wrote in a memo",
    "said on Tuesday",
];

/// Sentence templates: `{p}` person, `{r}` role, `{o}` organisation,
/// `{l}` place, `{t}` topic, `{n}` number, `{v}` reporting verb. An article
/// draws them without replacement, so it never repeats a sentence.
const SENTENCES: &[&str] = &[
    "{o} approved {t} on Tuesday after a debate that lasted well into the evening.",
    "\"We heard the same concerns at every meeting,\" {p}, {r}, {v}.",
    "The plan will cost about ${n} million over three years, according to a staff report.",
    "Residents of {l} have waited years for a decision on {t}.",
    "{p} {v} that the work would begin in the spring if the weather allows.",
    "Ridership has recovered to roughly {n} percent of its earlier level, {o} said.",
    "The vote was {n} to 4, with two members absent.",
    "{o} told the committee it could hire the extra staff within eight weeks.",
    "A final decision on {t} is expected before the end of the year.",
    "In {l}, the change will be felt first by shift workers and students.",
    "\"I support the goal,\" {p} {v}. \"I do not support spending money before we know the costs.\"",
    "The proposal drew more than {n} written comments during the consultation, officials said.",
    "{p} declined to say whether {o} would seek further funding.",
    "The last comparable project in {l} ran two years late, a state audit found.",
    "Opponents packed the public gallery, and several held handwritten signs.",
    "The meeting opened with a minute of silence for a former councillor who died last month.",
    "{p} asked staff to return in June with a revised timetable.",
    "Under the agreement, {o} will publish quarterly progress reports.",
    "Neighbouring towns are watching the outcome closely.",
    "The measure passed its first reading without amendment.",
    "Parents at two primary schools in {l} started a petition in the autumn.",
    "{o} said the cost estimate includes a contingency for rising material prices.",
    "Work on the first phase is scheduled to finish by late summer.",
    "\"This is the most important decision we will make this year,\" {p} {v}.",
    "The committee also heard from bus drivers, cleaners and two local pharmacists.",
    "A second public hearing is planned for next month at the community centre in {l}.",
    "Those who cannot attend can submit comments online until the end of the month.",
    "{p} thanked volunteers who had collected signatures door to door.",
    "The state grant covers about {n} percent of the total, the finance office said.",
    "{o} has hired an outside firm to review the contracts.",
    "Traffic on the coastal road will be diverted through {l} during the works.",
    "Some members wanted the project split into smaller contracts.",
    "The chamber adjourned shortly before ten o'clock.",
    "{p} said she would bring the question back to the board in the new year.",
    "Local businesses in {l} said they had been consulted too late.",
    "Engineers will inspect the site again after the winter storms.",
    "The decision follows a review that began under the previous administration.",
    "{o} did not respond to a request for comment on Wednesday.",
    "Members spent most of the session on the details of the tender process.",
    "A spokesperson for {o} said the figures would be updated in the spring.",
    "Several speakers urged the board to protect the evening services.",
    "The final text will be published on the council website next week.",
    "Students from Carrow University presented a survey of {n} commuters.",
    "{p} noted that the plan had changed three times since it was first proposed.",
    "The board will hold a closed session on staffing before the next vote.",
];
const HEADINGS: &[&str] = &[
    "Background",
    "What happens next",
    "Reaction",
    "The numbers",
    "Costs and funding",
    "Other business",
];
const DEFECTS: &[&str] = &[
    "{build_related_html(get_related_articles(slug, section), slug)}",
    "Share this article: Facebook Twitter LinkedIn Email",
    "Certainly! Here is the rewritten article you asked for:",
    "The above content is generated by AI and is for reference only.",
    "Subscribe now to keep reading and get access to the full archive.",
    "Details are not specified in the provided information.",
    "Revenue tripled to $4.2 billion last year.",
    "Industry analysts believe the plan will succeed.",
];

/// An article body: sections, each an optional heading and its paragraphs.
type Sections = Vec<(Option<String>, Vec<String>)>;

struct Writer {
    rng: fastrand::Rng,
    /// Sentence templates not yet used in the current article.
    unused: Vec<&'static str>,
}

impl Writer {
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.rng.usize(..items.len())]
    }

    /// The next sentence of the article, or `None` when every template is used.
    fn sentence(&mut self) -> Option<String> {
        if self.unused.is_empty() {
            return None;
        }
        let template = self.unused.swap_remove(self.rng.usize(..self.unused.len()));
        let mut out = String::new();
        let mut chars = template.chars();
        while let Some(c) = chars.next() {
            if c != '{' {
                out.push(c);
                continue;
            }
            let key = chars.next().unwrap_or('?');
            chars.next(); // the closing brace
            let filler = match key {
                'p' => self.pick(PEOPLE).to_string(),
                'r' => self.pick(ROLES).to_string(),
                'o' => self.pick(ORGS).to_string(),
                'l' => self.pick(PLACES).to_string(),
                't' => self.pick(TOPICS).to_string(),
                'v' => self.pick(VERBS).to_string(),
                'n' => self.rng.u32(2..99).to_string(),
                _ => String::new(),
            };
            out.push_str(&filler);
        }
        if let Some(first) = out.get(..1) {
            let upper = first.to_uppercase();
            out.replace_range(..1, &upper);
        }
        Some(out)
    }

    /// A paragraph of two to five sentences, or `None` when the templates are used up.
    fn paragraph(&mut self) -> Option<String> {
        let n = self.rng.usize(2..6);
        let sentences: Vec<String> = (0..n).map_while(|_| self.sentence()).collect();
        (!sentences.is_empty()).then(|| sentences.join(" "))
    }

    /// An article as (headline, sections of paragraphs), with an optional defect line.
    fn article(&mut self, target_bytes: usize) -> (String, Sections) {
        let org = self.pick(ORGS);
        let headline = format!(
            "{}{} moves ahead on {}",
            org[..1].to_uppercase(),
            &org[1..],
            self.pick(TOPICS)
        );
        let mut sections: Sections = vec![(None, Vec::new())];
        let mut size = headline.len();
        self.unused = SENTENCES.to_vec();
        let mut headings = HEADINGS.to_vec();
        while size < target_bytes {
            let Some(p) = self.paragraph() else {
                break;
            };
            if self.rng.u8(..6) == 0 && !headings.is_empty() {
                let heading = headings.swap_remove(self.rng.usize(..headings.len()));
                sections.push((Some(heading.to_string()), Vec::new()));
            }
            size += p.len() + 2;
            sections.last_mut().expect("one section").1.push(p);
        }
        if self.rng.u8(..8) == 0 {
            let defect = self.pick(DEFECTS).to_string();
            sections.last_mut().expect("one section").1.push(defect);
        }
        (headline, sections)
    }
}

fn render_plain(headline: &str, sections: &Sections) -> String {
    let mut out = format!("{headline}\n\n");
    for (heading, paragraphs) in sections {
        if let Some(h) = heading {
            let _ = write!(out, "{h}\n\n");
        }
        for p in paragraphs {
            let _ = write!(out, "{p}\n\n");
        }
    }
    out
}

fn render_markdown(headline: &str, sections: &Sections) -> String {
    let summary = sections[0]
        .1
        .first()
        .map_or("", |p| p.split(". ").next().unwrap_or(""));
    let mut out =
        format!("---\ntitle: \"{headline}\"\ndescription: \"{summary}\"\n---\n\n# {headline}\n\n");
    for (heading, paragraphs) in sections {
        if let Some(h) = heading {
            let _ = write!(out, "## {h}\n\n");
        }
        for p in paragraphs {
            let _ = write!(out, "{p}\n\n");
        }
    }
    out
}

fn render_html(headline: &str, sections: &Sections) -> String {
    let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;");
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title></head>\n<body><article>\n<h1>{}</h1>\n",
        escape(headline),
        escape(headline)
    );
    for (heading, paragraphs) in sections {
        if let Some(h) = heading {
            let _ = writeln!(out, "<h2>{}</h2>", escape(h));
        }
        for p in paragraphs {
            let _ = writeln!(out, "<p>{}</p>", escape(p));
        }
    }
    out.push_str("</article></body></html>\n");
    out
}

fn main() {
    let mut args = std::env::args().skip(1);
    let out = PathBuf::from(
        args.next()
            .expect("usage: gen_corpus OUT_DIR [MEGABYTES] [SEED]"),
    );
    let megabytes: usize = args
        .next()
        .map_or(100, |s| s.parse().expect("MEGABYTES is a number"));
    let seed: u64 = args
        .next()
        .map_or(20261123, |s| s.parse().expect("SEED is a number"));
    let samples_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut samples: Vec<(String, String)> = fs::read_dir(&samples_dir)
        .expect("samples/ exists")
        .map(|e| {
            let path = e.expect("readable samples/").path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read_to_string(&path).expect("samples are UTF-8"))
        })
        .collect();
    samples.sort();

    let mut writer = Writer {
        rng: fastrand::Rng::with_seed(seed),
        unused: Vec::new(),
    };
    let budget = megabytes * 1_000_000;
    let (mut written, mut index) = (0usize, 0usize);
    while written < budget {
        let folder = out.join(format!("{:04}", index / 500));
        fs::create_dir_all(&folder).expect("output folder is writable");
        let (name, text) = if index % 50 == 49 {
            let (name, text) = &samples[writer.rng.usize(..samples.len())];
            (format!("{index:07}-{name}"), text.clone())
        } else {
            let target = writer.rng.usize(2_500..6_000);
            let (headline, sections) = writer.article(target);
            match writer.rng.u8(..10) {
                0..=6 => (
                    format!("{index:07}.txt"),
                    render_plain(&headline, &sections),
                ),
                7 | 8 => (
                    format!("{index:07}.md"),
                    render_markdown(&headline, &sections),
                ),
                _ => (
                    format!("{index:07}.html"),
                    render_html(&headline, &sections),
                ),
            }
        };
        fs::write(folder.join(name), &text).expect("output file is writable");
        written += text.len();
        index += 1;
    }
    eprintln!(
        "wrote {index} articles, {written} bytes, to {}",
        out.display()
    );
}

//! Where the article is on a saved page, found as a reader finds it.
//!
//! A saved page is mostly the site: menus, "Most Popular" lists, teaser
//! cards, comment forms, cookie banners, footers and hidden widget
//! templates, several of them inside the `<article>` element itself. This
//! pass lays the page out from the same tokens the blocks are built from
//! and decides, for every element, whether it is the article's container,
//! part of it, or passed over.
//!
//! The container is found the way Readability finds it: every paragraph of
//! prose (25 characters or more, outside elements whose class, id or role
//! names site furniture) scores its parent, grandparent and three more
//! ancestors, less with each step; a candidate's score is weighted by its
//! class and id hints and by how little of its text is links; the best one,
//! merged with its parent when several close runners-up share it, and with
//! its siblings that score well too, is the article. Inside it the site's
//! widgets are passed over by the same signals: hidden elements, `<nav>`,
//! `<aside>`, `<footer>`, `<header>`, `<form>`, templates, furniture hints
//! (share, related, newsletter, comments, ...) and blocks that are mostly
//! links.
//!
//! Why not a crate: rs-trafilatura, dom_smoothie and readability all build
//! an html5ever tree and return the article's text or HTML, not the source
//! elements it came from, so newslint would lose the byte positions its
//! diagnostics point at; they also walk the tree recursively, which a
//! 100,000-deep page overflows. This pass works on lol_html's byte ranges in
//! a constant number of steps per tag (see the `open` module).

use std::fmt;
use std::ops::Range;

use super::open::{OpenElements, BLOCK};
use super::{attributes, Token, SKIPPED};

/// What the page's layout decided for one element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Verdict {
    /// As its parent: part of the article or not.
    Inherit,
    /// The article's container (or one of its parts).
    Take,
    /// Passed over: a widget or hidden element inside the article.
    Drop,
}

/// Why a region of a page was passed over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Outside the article's container: the site around the article.
    OutsideArticle,
    /// Hidden (`hidden`, `aria-hidden="true"`, `display:none`, a
    /// screen-reader-only class).
    Hidden,
    /// An element that is never the article's prose (`nav`, `aside`,
    /// `footer`, `header`, `form`, `template`, `noscript`).
    Element(&'static str),
    /// An ARIA role of site furniture (`navigation`, `complementary`, ...).
    Role(&'static str),
    /// A class or id that names site furniture (`share`, `related`, ...).
    Hint(&'static str),
    /// Mostly links: a menu, a list of teasers.
    Links,
    /// A paragraph that is nothing but a CMS shortcode (`[button
    /// link="…"]Send us your review[/button]`): a widget the site failed
    /// to render, not the article's words.
    Shortcode,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::OutsideArticle => f.write_str("outside the article"),
            Reason::Hidden => f.write_str("hidden"),
            Reason::Element(name) => write!(f, "<{name}> element"),
            Reason::Role(role) => write!(f, "role \"{role}\""),
            Reason::Hint(word) => write!(f, "class or id names site furniture (\"{word}\")"),
            Reason::Links => f.write_str("mostly links"),
            Reason::Shortcode => f.write_str("a CMS widget left unrendered (shortcode)"),
        }
    }
}

/// A region of a page the reader passed over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassedOver {
    /// Source bytes of the element, from its start tag to its end.
    pub range: Range<usize>,
    /// Why it is not part of the article.
    pub reason: Reason,
}

/// Class and id words that name site furniture whatever else the element is
/// called (`article-comments` is comments).
const FURNITURE: &[&str] = &[
    "comment",
    "related",
    "recommend",
    "popular",
    "most-read",
    "mostread",
    "trending",
    "newsletter",
    "subscri",
    "signup",
    "sign-up",
    "share",
    "sharing",
    "social",
    "follow-us",
    "cookie",
    "consent",
    "gdpr",
    "promo",
    "sidebar",
    "breadcrumb",
    "outbrain",
    "taboola",
    "advert",
    "sponsor",
    "paywall",
    "disqus",
    "read-more",
    "readmore",
    "more-stories",
    "morestories",
    "also-read",
    "you-may",
    "author-bio",
    "authorbio",
    "author-box",
    "authorbox",
    "about-the-author",
];

/// Words that name furniture unless the element is also called article,
/// body, content and so on (`article-header` is part of the article).
const WEAK_FURNITURE: &[&str] = &[
    "footer",
    "header",
    "masthead",
    "menu",
    "navbar",
    "banner",
    "author",
    "byline",
    "widget",
    "toolbar",
    "pagination",
    "pager",
    "login",
    "modal",
    "popup",
    "overlay",
    "ticker",
    "teaser",
    "rail",
    "supplement",
    "contact",
    "skip",
    "print",
    "topics",
    "tags",
    "meta",
    "bio",
    "nav",
    "ad",
    "ads",
    "adv",
    "dfp",
    "extra",
    "prev",
    "next",
    "postinfo",
    "post-info",
    "postmeta",
    "controls",
];

/// Weak furniture words that must be a whole word of the class or id
/// (`ad` is not `head`).
const WHOLE_WORD: &[&str] = &[
    "rail", "skip", "print", "tags", "meta", "bio", "nav", "ad", "ads", "adv", "dfp", "extra",
    "topics", "contact", "prev", "next",
];

/// Words that name the article's own content.
const CONTENT: &[&str] = &[
    "article", "body", "content", "entry", "main", "post", "text", "story", "prose", "blog",
];

/// Class words of elements hidden from readers.
const HIDDEN_CLASSES: &[&str] = &[
    "hidden",
    "hide",
    "sr-only",
    "visually-hidden",
    "visuallyhidden",
    "screen-reader-text",
    "screenreader",
    "d-none",
    "is-hidden",
];

/// ARIA roles of site furniture.
const FURNITURE_ROLES: &[&str] = &[
    "navigation",
    "complementary",
    "menu",
    "menubar",
    "dialog",
    "alertdialog",
    "banner",
    "contentinfo",
    "search",
];

/// Elements that are never the article's prose.
const NOT_PROSE: &[&str] = &[
    "nav", "aside", "footer", "header", "form", "template", "noscript", "dialog", "button",
];

/// Elements whose text is a paragraph for scoring.
const PARAGRAPHS: &[&str] = &["p", "pre", "td", "blockquote"];

/// Elements whose tag name the layout needs later.
const KNOWN: &[&str] = &[
    "p",
    "pre",
    "td",
    "blockquote",
    "div",
    "section",
    "article",
    "main",
    "ul",
    "ol",
    "dl",
    "table",
    "li",
    "dd",
    "dt",
    "th",
    "address",
    "form",
    "body",
    "html",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "nav",
    "aside",
    "footer",
    "header",
    "template",
    "noscript",
    "dialog",
    "button",
];

/// No parent.
const NONE: u32 = u32::MAX;

/// One element of the page, with what the scoring needs.
#[derive(Debug, Clone, Default)]
struct Node {
    parent: u32,
    /// Tag name if it is one of [`KNOWN`], else empty.
    tag: &'static str,
    /// Source bytes from the start tag to the end of the element.
    start: usize,
    end: usize,
    /// One past the last descendant's index (nodes are in document order).
    subtree_end: u32,
    /// Element children.
    children: u32,
    /// Element children with link text in them.
    linked_children: u32,
    /// Class/id weight: +25 for a content word, −25 for a furniture word.
    weight: i32,
    /// The furniture word of its class or id, and whether a content word
    /// rescues it.
    furniture: Option<(&'static str, bool)>,
    role: Option<&'static str>,
    hidden: bool,
    /// Has a block element child (a `div` without one is a paragraph).
    block_child: bool,
    /// Prose characters in the subtree, those inside links, commas.
    text: u32,
    link: u32,
    commas: u32,
    /// Paragraph score received from the paragraphs below it: [0] from
    /// paragraphs outside furniture, [1] from all (Readability's second try,
    /// when the first finds too little).
    score: [f32; 2],
    /// Whether a paragraph gave it a score, in each try.
    candidate: [bool; 2],
}

impl Node {
    fn link_density(&self) -> f32 {
        if self.text == 0 {
            0.0
        } else {
            self.link as f32 / self.text as f32
        }
    }

    /// Readability's starting score of a candidate, by tag and class.
    fn initial_score(&self) -> f32 {
        let tag = match self.tag {
            "div" => 5,
            "pre" | "td" | "blockquote" => 3,
            "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5,
            _ => 0,
        };
        (tag + self.weight) as f32
    }

    /// The candidate's final score.
    fn final_score(&self, pass: usize) -> f32 {
        (self.score[pass] + self.initial_score()) * (1.0 - self.link_density())
    }

    /// Whether the element names site furniture, by class, id or role.
    fn unlikely(&self) -> bool {
        matches!(self.furniture, Some((_, false))) || self.role.is_some()
    }

    /// Why the element is passed over inside the article, if it is.
    fn drop_reason(&self, article_text: u32) -> Option<Reason> {
        if self.hidden {
            return Some(Reason::Hidden);
        }
        if let Some(name) = NOT_PROSE.iter().find(|&&n| n == self.tag) {
            return Some(Reason::Element(name));
        }
        if let Some(role) = self.role {
            return Some(Reason::Role(role));
        }
        if let Some((word, rescued)) = self.furniture {
            // A furniture word in the class of a part of the article's body
            // (`article-body l-sidebar`) does not drop a third of its text.
            if !rescued || self.text.saturating_mul(3) < article_text {
                return Some(Reason::Hint(word));
            }
        }
        // A list of links is a menu or a teaser list. A paragraph or a
        // subheading that is mostly one link ("Read more: <a>headline</a>",
        // a teaser's linked title) is the site's link between its stories:
        // on a whole page the body's own prose is not a link. A fragment is
        // taken whole, so a pipeline that pasted the same words into its
        // article as text is still what page-chrome reports.
        let listing = matches!(self.tag, "div" | "section" | "ul" | "ol" | "dl" | "table");
        let link_line = matches!(self.tag, "p" | "h2" | "h3" | "h4" | "h5" | "h6");
        if (listing || link_line) && self.text > 0 && self.link_density() > 0.5 {
            return Some(Reason::Links);
        }
        // A list whose every item links out, a third of its text links,
        // is a teaser list ("More stories: ... <a>headline</a>") even when
        // each item leads in with words of its own.
        if matches!(self.tag, "ul" | "ol")
            && self.children > 1
            && self.linked_children >= self.children
            && self.link_density() > LIST_LINK_DENSITY
        {
            return Some(Reason::Links);
        }
        None
    }
}

/// Link share from which a list whose every item links out is a teaser
/// list (Readability removes lists from a link density of 0.2).
const LIST_LINK_DENSITY: f32 = 0.33;

/// What the layout pass keeps open for each element.
#[derive(Debug, Clone, Copy)]
struct Open {
    node: u32,
    /// Text here is not prose (script, style, hidden, ...).
    skip: bool,
    /// Inside a link.
    link: bool,
    /// Inside an element whose class, id or role names furniture: its
    /// paragraphs score nothing.
    unlikely: bool,
}

/// The layout of a page: every element's verdict, in the order elements
/// open.
pub(super) struct Layout {
    is_page: bool,
    nodes: Vec<Node>,
    verdicts: Vec<Verdict>,
    /// Why each dropped element was dropped.
    reasons: Vec<Option<Reason>>,
    /// Steps the open-element stack took (held linear in the tags).
    steps: u64,
}

impl Layout {
    /// Lays out the page in `tokens` (of `source`) and finds its article; a
    /// fragment (no `<html>` or `<body>`) is taken whole.
    pub(super) fn of(source: &str, tokens: &[Token]) -> Layout {
        let mut nodes: Vec<Node> = Vec::new();
        let mut stack: OpenElements<Open> = OpenElements::new();
        let mut is_page = false;
        for token in tokens {
            match token {
                Token::Start(name, range) => {
                    is_page |= name == "html" || name == "body";
                    let at = range.start;
                    let tag = &source[range.clone()];
                    let mut node = describe(name, tag, at);
                    let id = nodes.len() as u32;
                    let mut open = None;
                    let opened =
                        stack.start(name, &mut |frame| close(&mut nodes, frame, at), |parent| {
                            let frame = Open {
                                node: id,
                                skip: parent.is_some_and(|p| p.skip)
                                    || SKIPPED.contains(&name.as_str())
                                    || node.hidden,
                                link: parent.is_some_and(|p| p.link) || name == "a",
                                unlikely: parent.is_some_and(|p| p.unlikely)
                                    || (node.unlikely() && !matches!(node.tag, "body" | "html")),
                            };
                            open = Some((parent.map_or(NONE, |p| p.node), frame));
                            frame
                        });
                    if let (true, Some((parent, _))) = (opened, open) {
                        node.parent = parent;
                        if let Some(p) = nodes.get_mut(parent as usize) {
                            p.children += 1;
                            p.block_child |= BLOCK.contains(&name.as_str());
                        }
                        nodes.push(node);
                    }
                }
                Token::End(name, range) => {
                    let at = range.end;
                    stack.end(name, &mut |frame| close(&mut nodes, frame, at));
                }
                Token::Text(range) => {
                    if let Some(frame) = stack.top().filter(|f| !f.skip) {
                        let (chars, commas) = count(&source[range.clone()]);
                        let node = &mut nodes[frame.node as usize];
                        node.text += chars;
                        node.commas += commas;
                        if frame.link {
                            node.link += chars;
                        }
                    }
                }
            }
        }
        stack.close_all(&mut |frame| close(&mut nodes, frame, source.len()));
        let mut layout = Layout {
            is_page,
            verdicts: Vec::new(),
            reasons: Vec::new(),
            steps: stack.work(),
            nodes,
        };
        if is_page {
            (layout.verdicts, layout.reasons) = layout.decide();
        }
        layout
    }

    /// Steps the layout's open-element stack took.
    pub(super) fn steps(&self) -> u64 {
        self.steps
    }

    /// Source ranges of the widgets dropped inside the article, in order.
    pub(super) fn dropped(&self) -> Vec<Range<usize>> {
        self.nodes
            .iter()
            .zip(&self.reasons)
            .filter(|(_, reason)| reason.is_some())
            .map(|(node, _)| node.start..node.end)
            .collect()
    }

    /// Whether the source is a whole page (not a fragment).
    pub(super) fn is_page(&self) -> bool {
        self.is_page
    }

    /// Each element's verdict, by the order the elements open in (empty for
    /// a fragment).
    pub(super) fn verdicts(&self) -> &[Verdict] {
        &self.verdicts
    }

    /// The article's container(s): the best-scoring candidate, settled as
    /// Readability settles it, and its siblings that look like more of it.
    ///
    /// Also returns the best-scoring candidate itself: the element that
    /// holds the most prose, which no furniture hint around it may drop.
    fn containers(&self) -> (Vec<usize>, Option<usize>) {
        let strict = self.containers_by(0);
        let all = self.containers_by(1);
        let text: u32 = strict.0.iter().map(|&c| self.nodes[c].text).sum();
        let best = |found: &(Vec<usize>, Option<usize>), pass: usize| {
            found.1.map_or(0.0, |b| self.nodes[b].final_score(pass))
        };
        // Too little prose outside the furniture, or far less than inside
        // it: the site calls a wrapper of its article `widget` or
        // `sidebar` (`has-sidebar`); Readability tries again with every
        // paragraph.
        if strict.1.is_none() || text < 500 || best(&all, 1) > 2.0 * best(&strict, 0) {
            all
        } else {
            strict
        }
    }

    /// [`Layout::containers`] by the scores of try `pass`.
    fn containers_by(&self, pass: usize) -> (Vec<usize>, Option<usize>) {
        let nodes = &self.nodes;
        let mut ranked: Vec<(f32, usize)> = nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.candidate[pass] && !matches!(n.tag, "html"))
            .map(|(i, n)| (n.final_score(pass), i))
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let Some(&(best, first)) = ranked.first() else {
            // No prose at all: the body, if there is one.
            let body = nodes.iter().position(|n| n.tag == "body");
            return (body.into_iter().collect(), None);
        };
        let mut top = first;
        let contains = |a: usize, d: usize| a <= d && d < nodes[a].subtree_end as usize;
        // Several close runners-up in one ancestor: the article is split
        // into parts (by ads, by pull quotes), and the ancestor holds it.
        let runners: Vec<usize> = ranked[1..ranked.len().min(5)]
            .iter()
            .filter(|(score, _)| *score >= 0.75 * best)
            .map(|&(_, i)| i)
            .collect();
        let mut merged = false;
        if runners.len() >= 3 {
            let mut ancestor = nodes[top].parent;
            while ancestor != NONE && !matches!(nodes[ancestor as usize].tag, "body" | "html") {
                let a = ancestor as usize;
                if runners.iter().filter(|&&r| contains(a, r)).count() >= 3 {
                    top = a;
                    merged = true;
                    break;
                }
                ancestor = nodes[a].parent;
            }
        }
        if !merged {
            // A parent that scores higher holds more of the article.
            let mut last = best;
            let threshold = best / 3.0;
            let mut parent = nodes[top].parent;
            while parent != NONE && !matches!(nodes[parent as usize].tag, "body" | "html") {
                let p = &nodes[parent as usize];
                if p.candidate[pass] {
                    let score = p.final_score(pass);
                    if score < threshold {
                        break;
                    }
                    if score > last {
                        top = parent as usize;
                        break;
                    }
                    last = score;
                }
                parent = p.parent;
            }
        }
        // An only child stands for its parent.
        while let Some(parent) = Some(nodes[top].parent).filter(|&p| p != NONE) {
            let p = &nodes[parent as usize];
            if p.children != 1 || matches!(p.tag, "body" | "html") {
                break;
            }
            top = parent as usize;
        }
        let top_score = if nodes[top].candidate[pass] {
            nodes[top].final_score(pass)
        } else {
            best
        };
        let parent = nodes[top].parent;
        if parent == NONE {
            return (vec![top], Some(first));
        }
        // Siblings that score well, or paragraphs of plain prose, are more
        // of the article.
        let threshold = (top_score * 0.2).max(10.0);
        let first_child = parent as usize + 1;
        let end = nodes[parent as usize].subtree_end as usize;
        let mut parts = Vec::new();
        let mut child = first_child;
        while child < end {
            let node = &nodes[child];
            let keep = child == top
                || (node.candidate[pass]
                    && node.final_score(pass) >= threshold
                    && !node.unlikely())
                || (node.tag == "p" && node.text > 80 && node.link_density() < 0.25);
            if keep {
                parts.push(child);
            }
            child = node.subtree_end as usize;
        }
        (parts, Some(first))
    }

    /// Every element's verdict: the containers taken, the widgets inside
    /// them dropped (with the reason).
    fn decide(&self) -> (Vec<Verdict>, Vec<Option<Reason>>) {
        let n = self.nodes.len();
        let mut verdicts = vec![Verdict::Inherit; n];
        let mut reasons = vec![None; n];
        // For an element inside the article, the text of the container it
        // is in; 0 outside.
        let mut article = vec![0u32; n];
        let (containers, best) = self.containers();
        for c in containers {
            verdicts[c] = Verdict::Take;
        }
        // The densest prose and the elements around it stay, whatever
        // their class says (`ad-wrapper`, `l-widget` hold articles too).
        let mut holds_best = vec![false; n];
        let mut at = best.map_or(NONE, |b| b as u32);
        while at != NONE {
            holds_best[at as usize] = true;
            at = self.nodes[at as usize].parent;
        }
        for (i, node) in self.nodes.iter().enumerate() {
            let parent_article = match node.parent {
                NONE => 0,
                p => article[p as usize],
            };
            if verdicts[i] == Verdict::Take {
                if node.hidden {
                    verdicts[i] = Verdict::Drop;
                    reasons[i] = Some(Reason::Hidden);
                } else {
                    article[i] = node.text.max(1);
                }
            } else if parent_article > 0 {
                let reason = if holds_best[i] {
                    node.hidden.then_some(Reason::Hidden)
                } else {
                    node.drop_reason(parent_article)
                };
                match reason {
                    Some(reason) => {
                        verdicts[i] = Verdict::Drop;
                        reasons[i] = Some(reason);
                    }
                    None => article[i] = parent_article,
                }
            }
        }
        (verdicts, reasons)
    }

    /// The regions passed over: the largest elements outside the article
    /// that hold text, and every widget dropped inside it.
    pub(super) fn passed_over(&self) -> Vec<PassedOver> {
        if !self.is_page {
            return Vec::new();
        }
        let n = self.nodes.len();
        // Whether an element holds a part of the article.
        let mut around = vec![false; n];
        for (i, verdict) in self.verdicts.iter().enumerate() {
            if *verdict == Verdict::Take {
                let mut a = self.nodes[i].parent;
                while a != NONE && !around[a as usize] {
                    around[a as usize] = true;
                    a = self.nodes[a as usize].parent;
                }
            }
        }
        let mut regions = Vec::new();
        for (i, node) in self.nodes.iter().enumerate() {
            let parent_around = node.parent == NONE || around[node.parent as usize];
            if let Some(reason) = self.reasons[i] {
                regions.push(PassedOver {
                    range: node.start..node.end,
                    reason,
                });
            } else if parent_around
                && !around[i]
                && self.verdicts[i] == Verdict::Inherit
                && node.text > 0
            {
                regions.push(PassedOver {
                    range: node.start..node.end,
                    reason: Reason::OutsideArticle,
                });
            }
        }
        regions
    }
}

/// A node for the element `name` whose start tag `tag` is at byte `at`.
fn describe(name: &str, tag: &str, at: usize) -> Node {
    let mut node = Node {
        parent: NONE,
        tag: KNOWN.iter().find(|&&k| k == name).copied().unwrap_or(""),
        start: at,
        end: at + tag.len(),
        ..Node::default()
    };
    let mut furniture = None;
    let mut content = false;
    for (attr, value) in attributes(tag) {
        let value = value.map_or("", |v| &tag[v]);
        if attr.eq_ignore_ascii_case("hidden") {
            node.hidden = true;
        } else if attr.eq_ignore_ascii_case("aria-hidden") {
            node.hidden |= value.trim().eq_ignore_ascii_case("true");
        } else if attr.eq_ignore_ascii_case("style") {
            let style: String = value
                .chars()
                .filter(|c| !c.is_whitespace())
                .flat_map(char::to_lowercase)
                .collect();
            node.hidden |= style.contains("display:none") || style.contains("visibility:hidden");
        } else if attr.eq_ignore_ascii_case("role") {
            let role = value.trim().to_ascii_lowercase();
            node.role = FURNITURE_ROLES.iter().find(|&&r| r == role).copied();
        } else if attr.eq_ignore_ascii_case("itemprop") {
            content |= value.to_ascii_lowercase().contains("articlebody");
        } else if attr.eq_ignore_ascii_case("class") || attr.eq_ignore_ascii_case("id") {
            let camel = split_camel_case(value);
            let value = value.to_ascii_lowercase();
            let words = || camel.split(|c: char| !c.is_ascii_alphanumeric());
            node.hidden |= value
                .split_ascii_whitespace()
                .any(|class| HIDDEN_CLASSES.contains(&class));
            content |= CONTENT.iter().any(|w| value.contains(w));
            if furniture.is_none() {
                furniture = FURNITURE
                    .iter()
                    .find(|w| value.contains(*w))
                    .map(|w| (*w, false));
            }
            if furniture.is_none() {
                furniture = WEAK_FURNITURE
                    .iter()
                    .find(|w| {
                        if WHOLE_WORD.contains(w) {
                            words().any(|word| word == **w)
                        } else {
                            value.contains(*w)
                        }
                    })
                    .map(|w| (*w, false));
            }
        }
    }
    // A custom element is named for what it is (`<comments-count>`,
    // `<share-bar>`): its name is read as a class would be.
    if furniture.is_none() && name.contains('-') {
        let name = name.to_ascii_lowercase();
        furniture = FURNITURE
            .iter()
            .find(|w| name.contains(*w))
            .map(|w| (*w, false));
    }
    // A content word rescues the element from being unlikely (Readability's
    // rule): `l-sidebar l-article-body` holds the article.
    node.furniture = furniture.map(|(word, _)| (word, content));
    node.weight = if content { 25 } else { 0 } - if furniture.is_some() { 25 } else { 0 };
    node
}

/// A class or id in lowercase with its camel-case words apart
/// (`GoogleDfpAd-adCaption` -> `google dfp ad-ad caption`).
fn split_camel_case(value: &str) -> String {
    let mut words = String::with_capacity(value.len() + 8);
    let mut lower_before = false;
    for c in value.chars() {
        if c.is_ascii_uppercase() && lower_before {
            words.push(' ');
        }
        lower_before = c.is_ascii_lowercase() || c.is_ascii_digit();
        words.push(c.to_ascii_lowercase());
    }
    words
}

/// Closes the element of `frame` at byte `at`: its totals go to its parent,
/// and a paragraph scores its ancestors.
fn close(nodes: &mut [Node], frame: Open, at: usize) {
    let id = frame.node as usize;
    let count = nodes.len() as u32;
    let node = &mut nodes[id];
    node.end = node.end.max(at);
    node.subtree_end = count;
    let (text, link, commas, parent) = (node.text, node.link, node.commas, node.parent);
    let paragraph = PARAGRAPHS.contains(&node.tag)
        || (matches!(node.tag, "div" | "section") && !node.block_child);
    if paragraph && !frame.skip && text >= 25 {
        let passes = if frame.unlikely { 1..2 } else { 0..2 };
        let score = 1.0 + commas as f32 + (text as f32 / 100.0).min(3.0);
        let mut ancestor = parent;
        for level in 0..5 {
            if ancestor == NONE {
                break;
            }
            let a = &mut nodes[ancestor as usize];
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                _ => level as f32 * 3.0,
            };
            for pass in passes.clone() {
                a.score[pass] += score / divider;
                a.candidate[pass] = true;
            }
            ancestor = a.parent;
        }
    }
    if parent != NONE {
        let p = &mut nodes[parent as usize];
        p.text += text;
        p.link += link;
        p.commas += commas;
        p.linked_children += u32::from(link > 0);
    }
}

/// Characters other than white space, and commas, in raw text.
fn count(text: &str) -> (u32, u32) {
    let mut chars = 0u32;
    let mut commas = 0u32;
    for &b in text.as_bytes() {
        // Count each character once: by its first byte.
        if b & 0xC0 != 0x80 && !b.is_ascii_whitespace() {
            chars += 1;
        }
        commas += u32::from(b == b',');
    }
    (chars, commas)
}

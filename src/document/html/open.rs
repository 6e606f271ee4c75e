//! The stack of open HTML elements, with the end tags HTML implies, in O(1)
//! amortized work per tag however deep the page nests.
//!
//! lol_html reports tags but builds no tree, so the reader keeps its own
//! stack. Asking "is a `<p>` open with no `<button>` inside it?" by walking
//! the stack made a page of 100,000 nested `<div>`s quadratic. Here every
//! tag name has the list of stack positions where it is open, so such a
//! question is a comparison of the last positions of a few names, and an
//! element is pushed and popped once. Each open element carries a frame the
//! caller computes from its parent's when it opens (what kind of block text
//! there is, whether it is skipped), so the caller never walks the stack
//! either. Both passes of the reader (the page's layout and its blocks) open
//! and close elements through [`OpenElements::start`] and
//! [`OpenElements::end`], so they agree on where every element ends.

use rustc_hash::FxHashMap;

/// Elements with no content and no end tag: never pushed.
pub(super) const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements that start and end a block of text.
pub(super) const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "html",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "title",
    "tr",
    "ul",
];

/// Block elements that close an open `<p>` when they start (HTML standard,
/// "in body" insertion mode).
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
];

/// Whether a start tag of `name` may close open elements (a block, or a
/// table cell).
pub(super) fn closes_implied(name: &str) -> bool {
    BLOCK.contains(&name) || matches!(name, "td" | "th")
}

/// Open elements, outermost first, each with the caller's frame.
pub(super) struct OpenElements<F> {
    /// (name id, frame) of each open element.
    entries: Vec<(u32, F)>,
    /// Tag name -> id.
    ids: FxHashMap<String, u32>,
    /// For each name id, the stack positions where it is open, in order.
    positions: Vec<Vec<u32>>,
    /// Steps taken so far: pushes, pops and name look-ups. Tests hold it
    /// to a constant times the number of tags.
    work: u64,
}

impl<F> OpenElements<F> {
    /// An empty stack.
    pub(super) fn new() -> Self {
        OpenElements {
            entries: Vec::new(),
            ids: FxHashMap::default(),
            positions: Vec::new(),
            work: 0,
        }
    }

    /// The innermost open element's frame.
    pub(super) fn top(&self) -> Option<&F> {
        self.entries.last().map(|(_, frame)| frame)
    }

    /// Steps taken so far (see the field).
    pub(super) fn work(&self) -> u64 {
        self.work
    }

    /// The stack position of the innermost open `name`.
    fn last(&mut self, name: &str) -> Option<usize> {
        self.work += 1;
        let id = *self.ids.get(name)?;
        self.positions[id as usize].last().map(|&at| at as usize)
    }

    /// Whether an element `name` is open.
    pub(super) fn is_open(&mut self, name: &str) -> bool {
        self.last(name).is_some()
    }

    /// Whether `name` is open with none of `barriers` open inside it.
    fn open_within(&mut self, name: &str, barriers: &[&str]) -> bool {
        let Some(at) = self.last(name) else {
            return false;
        };
        barriers
            .iter()
            .all(|b| self.last(b).is_none_or(|inner| inner < at))
    }

    fn push(&mut self, name: &str, frame: F) {
        self.work += 1;
        let id = match self.ids.get(name) {
            Some(&id) => id,
            None => {
                let id = self.positions.len() as u32;
                self.ids.insert(name.to_string(), id);
                self.positions.push(Vec::new());
                id
            }
        };
        self.positions[id as usize].push(self.entries.len() as u32);
        self.entries.push((id, frame));
    }

    fn pop(&mut self) -> Option<F> {
        self.work += 1;
        let (id, frame) = self.entries.pop()?;
        self.positions[id as usize].pop();
        Some(frame)
    }

    /// Pops open elements up to and including the innermost `name`, if one
    /// is open, handing each popped frame to `closed`, innermost first.
    fn pop_to(&mut self, name: &str, closed: &mut impl FnMut(F)) -> bool {
        let Some(at) = self.last(name) else {
            return false;
        };
        while self.entries.len() > at {
            if let Some(frame) = self.pop() {
                closed(frame);
            }
        }
        true
    }

    /// Applies the end tags HTML implies when `name` starts.
    fn close_implied(&mut self, name: &str, closed: &mut impl FnMut(F)) {
        if CLOSES_P.contains(&name) && self.open_within("p", &["button"]) {
            self.pop_to("p", closed);
        }
        let implied: Option<(&str, &str, &[&str])> = match name {
            "li" => Some(("li", "li", &["ul", "ol", "menu"])),
            "dt" | "dd" => Some(("dd", "dt", &["dl"])),
            "tr" => Some(("tr", "th", &["table", "thead", "tbody", "tfoot"])),
            "td" | "th" => Some(("td", "th", &["tr", "table"])),
            "thead" | "tbody" | "tfoot" => Some(("tr", "th", &["table"])),
            _ => None,
        };
        if let Some((first, second, barriers)) = implied {
            for candidate in [first, second] {
                if self.open_within(candidate, barriers) {
                    self.pop_to(candidate, closed);
                }
            }
        }
    }

    /// A start tag of `name`: closes the elements it implies closed (each
    /// handed to `closed`), then, unless the element is void, opens it with
    /// the frame `frame` computes from its parent's. Returns whether it was
    /// opened.
    pub(super) fn start(
        &mut self,
        name: &str,
        closed: &mut impl FnMut(F),
        frame: impl FnOnce(Option<&F>) -> F,
    ) -> bool {
        if closes_implied(name) {
            self.close_implied(name, closed);
        }
        if VOID.contains(&name) {
            return false;
        }
        let frame = frame(self.top());
        self.push(name, frame);
        true
    }

    /// An end tag of `name`: closes it and what is open inside it (each
    /// handed to `closed`); an end tag with no open element does nothing.
    pub(super) fn end(&mut self, name: &str, closed: &mut impl FnMut(F)) -> bool {
        self.pop_to(name, closed)
    }

    /// Closes everything still open at the end of the input.
    pub(super) fn close_all(&mut self, closed: &mut impl FnMut(F)) {
        while let Some(frame) = self.pop() {
            closed(frame);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(stack: &OpenElements<&'static str>) -> Vec<&'static str> {
        stack.entries.iter().map(|(_, f)| *f).collect()
    }

    #[test]
    fn implied_ends_follow_the_standard() {
        let mut stack = OpenElements::new();
        let mut closed = Vec::new();
        for name in ["ul", "li", "p", "li"] {
            stack.start(name, &mut |f| closed.push(f), |_| name);
        }
        assert_eq!(names(&stack), ["ul", "li"]);
        assert_eq!(closed, ["p", "li"]);
        stack.start("button", &mut |f| closed.push(f), |_| "button");
        stack.start("p", &mut |f| closed.push(f), |_| "p");
        stack.start("div", &mut |f| closed.push(f), |_| "div");
        assert_eq!(names(&stack), ["ul", "li", "button", "div"]);
        assert!(!stack.end("span", &mut |f| closed.push(f)));
        assert!(stack.end("li", &mut |f| closed.push(f)));
        assert!(names(&stack) == ["ul"] && !stack.is_open("li"));
    }

    #[test]
    fn deep_nesting_costs_constant_work_per_tag() {
        for (open, close) in [
            (&["div"][..], &["div"][..]),
            (&["ul", "li"][..], &["li", "ul"][..]),
            (&["p", "span"][..], &["x"][..]),
        ] {
            let mut stack = OpenElements::new();
            let depth = 20_000;
            let mut tags = 0u64;
            for _ in 0..depth {
                for name in open {
                    stack.start(name, &mut |_| {}, |_| ());
                    tags += 1;
                }
            }
            for _ in 0..depth {
                for name in close {
                    stack.end(name, &mut |_| {});
                    tags += 1;
                }
            }
            assert!(
                stack.work() <= 8 * tags,
                "{open:?}: {} steps for {tags} tags",
                stack.work()
            );
        }
    }
}

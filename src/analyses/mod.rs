//! Per-document analyses: what several checks read of the same document,
//! computed at most once per document.
//!
//! An [`Article`] is a parsed [`Document`] with its analyses, built lazily
//! as checks ask for them: the [`sentences`] of each block, the ASCII word
//! runs of each block (the matching engine's index of a text, see
//! [`crate::engine::runs`]), and the [`figures`] of each block under each
//! figure grammar in use, and the attributed quoted [`quotes::Speech`] of
//! the document. [`quotes`] finds quoted speech. Each analysis is a
//! typed field here, so what a check may read is spelled out in one place.

pub mod figures;
pub mod quotes;
pub mod sentences;

use std::cell::{OnceCell, RefCell};
use std::ops::{Deref, Range};
use std::rc::Rc;
use std::sync::Arc;

use figures::{Figure, FigureGrammar};
use quotes::Speech;

use crate::document::Document;
use crate::engine::runs::Runs;

/// A document and its analyses: what checks read.
///
/// It dereferences to the [`Document`], so a check reads blocks and
/// sections as it would from the document itself, and asks the article for
/// the analyses.
#[derive(Debug)]
pub struct Article<'a> {
    document: &'a Document<'a>,
    /// Sentence ranges (in block-text offsets) of every block, all in one
    /// list, and where each block's begin in it.
    sentences: OnceCell<(Vec<Range<usize>>, Vec<usize>)>,
    /// ASCII word runs of every block.
    word_runs: OnceCell<Vec<Runs>>,
    /// Figures per grammar (by identity: equal grammars are shared when the
    /// checks are built) and block, each found on first use.
    figures: RefCell<Vec<GrammarFigures>>,
    /// The attributed quoted speech of the whole document.
    speech: OnceCell<Speech>,
}

/// The figures one grammar found in the blocks of a document.
#[derive(Debug)]
struct GrammarFigures {
    grammar: Arc<FigureGrammar>,
    blocks: Vec<Option<Rc<Vec<Figure>>>>,
}

impl<'a> Article<'a> {
    /// An article over `document`, with no analysis computed yet.
    pub fn new(document: &'a Document<'a>) -> Article<'a> {
        Article {
            document,
            sentences: OnceCell::new(),
            word_runs: OnceCell::new(),
            figures: RefCell::default(),
            speech: OnceCell::new(),
        }
    }

    /// The parsed document.
    pub fn document(&self) -> &'a Document<'a> {
        self.document
    }

    /// Sentence ranges of a block, in offsets of its clean text.
    pub fn sentences(&self, block: usize) -> &[Range<usize>] {
        let (all, starts) = self.sentences.get_or_init(|| {
            let blocks = self.document.blocks();
            let mut all = Vec::new();
            let mut starts = Vec::with_capacity(blocks.len() + 1);
            for b in blocks {
                starts.push(all.len());
                sentences::split_into(b.text(), &mut all);
            }
            starts.push(all.len());
            (all, starts)
        });
        &all[starts[block]..starts[block + 1]]
    }

    /// The runs of ASCII word bytes of a block's clean text, found once for
    /// every check that matches word lists.
    pub fn word_runs(&self, block: usize) -> &Runs {
        let all = self.word_runs.get_or_init(|| {
            self.document
                .blocks()
                .iter()
                .map(|b| Runs::of(b.text()))
                .collect()
        });
        &all[block]
    }

    /// The figures `grammar` finds in block `block`, found once per
    /// document and grammar.
    pub fn figures(&self, grammar: &Arc<FigureGrammar>, block: usize) -> Rc<Vec<Figure>> {
        let known = self
            .figures
            .borrow()
            .iter()
            .position(|g| Arc::ptr_eq(&g.grammar, grammar));
        let slot = match known {
            Some(slot) => slot,
            None => {
                let mut all = self.figures.borrow_mut();
                all.push(GrammarFigures {
                    grammar: grammar.clone(),
                    blocks: vec![None; self.document.blocks().len()],
                });
                all.len() - 1
            }
        };
        if let Some(found) = &self.figures.borrow()[slot].blocks[block] {
            return found.clone();
        }
        let text = self.document.blocks()[block].text();
        let found = Rc::new(grammar.find_in(text, self.word_runs(block)));
        self.figures.borrow_mut()[slot].blocks[block] = Some(found.clone());
        found
    }

    /// The quotations of the document that are someone's reported words
    /// (see [`quotes::Speech`]), found once per document.
    pub fn speech(&self) -> &Speech {
        self.speech
            .get_or_init(|| Speech::of(self.document, |b| self.word_runs(b)))
    }
}

impl<'a> Deref for Article<'a> {
    type Target = Document<'a>;

    fn deref(&self) -> &Document<'a> {
        self.document
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use crate::source::Source;

    #[test]
    fn analyses_are_per_block_and_computed_once() {
        let source = Source::new("a.md", "One. Two.\n\nThree!\n");
        let doc = Document::parse(&source, Format::Markdown);
        let article = Article::new(&doc);
        assert_eq!(article.sentences(0), [0..4, 5..9]);
        assert_eq!(article.sentences(1).len(), 1);
        assert_eq!(article.sentences(1)[0], 0..6);
        let first = article.sentences(0).as_ptr();
        assert_eq!(article.sentences(0).as_ptr(), first, "computed once");
        assert_eq!(
            article.word_runs(1).overlapping(&(0..6)),
            0..1,
            "one run: `Three`"
        );
    }
}

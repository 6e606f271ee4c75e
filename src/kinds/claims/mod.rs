//! Machinery shared by the claim kinds: `unsourced-figure` (a statistic
//! with no attribution nearby), `hedging-mismatch` (a hedge inside a "What
//! we know" block, or a claim hedged in the body but flat in the summary)
//! and `unnamed-source` (vague attribution with nobody named).
//!
//! The pieces are small and separate: [`attribution`] finds sourcing cues,
//! [`positions`] finds summary positions and certainty frames, [`align`]
//! pairs claims that say the same thing. Figures and quoted speech are
//! per-document analyses (`crate::analyses`); each kind's own file runs its
//! check. Every word list comes from the rules' YAML.

pub mod align;
pub mod attribution;
pub mod positions;

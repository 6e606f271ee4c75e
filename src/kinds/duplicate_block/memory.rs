//! What a document has printed so far, by comparison form.
//!
//! Forms are looked up by their rolling hash (mixed, so the table gets
//! good bits) and length; the caller confirms a candidate by comparing the
//! two texts' forms byte for byte, so a hash collision never makes two
//! different texts equal.

use hashbrown::HashTable;

/// A stored form's hash and length, and what the caller keeps with it.
#[derive(Debug)]
struct Stored<T> {
    hash: u64,
    len: usize,
    value: T,
}

/// Forms seen so far, each with the value of its first sighting.
#[derive(Debug)]
pub struct Memory<T> {
    table: HashTable<Stored<T>>,
}

/// Spreads the rolling hash's entropy over all bits (the SplitMix64
/// finalizer): hashbrown reads both its top and its bottom bits.
fn mix(hash: u64) -> u64 {
    let h = (hash ^ (hash >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    let h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

impl<T> Memory<T> {
    /// An empty memory with room for `capacity` forms.
    pub fn with_capacity(capacity: usize) -> Memory<T> {
        Memory {
            table: HashTable::with_capacity(capacity),
        }
    }

    /// The value stored with a form of this hash and length for which
    /// `same` confirms the texts are equal.
    pub fn get(&self, hash: u64, len: usize, mut same: impl FnMut(&T) -> bool) -> Option<&T> {
        self.table
            .find(mix(hash), |s| {
                s.hash == hash && s.len == len && same(&s.value)
            })
            .map(|s| &s.value)
    }

    /// Stores `value` for a form unless an equal one is stored.
    pub fn insert(&mut self, hash: u64, len: usize, value: T, same: impl FnMut(&T) -> bool) {
        if self.get(hash, len, same).is_some() {
            return;
        }
        self.table
            .insert_unique(mix(hash), Stored { hash, len, value }, |s| mix(s.hash));
    }
}

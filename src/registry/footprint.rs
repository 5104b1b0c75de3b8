//! What the registry's parts hold on the heap, counted by the caller's
//! allocator (the benches' counting global allocator): each part is
//! cloned, the bytes live before and after read, the clone dropped. A
//! `BTreeMap` clones node by node, so a clone has the original's shape and
//! size. For the benches and the README's memory rows (issue 9); not part
//! of the API.

use super::Registry;

/// Heap bytes of each part of a [`Registry`], as counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Footprint {
    /// Clients registered.
    pub clients: usize,
    /// The hot records: the map of ids to what routing and lapse read
    /// (owner, dates, standing), its nodes and keys, without the files.
    pub hot: usize,
    /// The files: each client's details, trail, receptions and the rest.
    pub files: usize,
    /// The text the files hold: names, phones and needs as given.
    pub text: usize,
    /// The lookup indexes by phone number and by name.
    pub lookup: usize,
    /// The index of each agent's clients.
    pub owners: usize,
}

impl Registry {
    /// Counts the heap of each part, `live` reading the bytes allocated
    /// and not yet freed (the caller's counting allocator).
    #[doc(hidden)]
    pub fn footprint(&self, live: impl Fn() -> usize) -> Footprint {
        // The bytes a copy holds, read while it lives.
        fn count<T>(live: &impl Fn() -> usize, copy: impl FnOnce() -> T) -> usize {
            let before = live();
            let kept = std::hint::black_box(copy());
            let bytes = live().saturating_sub(before);
            drop(kept);
            bytes
        }
        let mut files = 0;
        let mut text = 0;
        for rec in self.clients.values() {
            let d = rec.details();
            text += d.name.as_ref().map_or(0, |n| n.expose().len())
                + d.phones.iter().map(|p| p.expose().len()).sum::<usize>()
                + d.needs.as_ref().map_or(0, String::len);
            // A clone of the boxed file: the box and all it owns.
            files += count(&live, || rec.file_clone());
        }
        let map = count(&live, || self.clients.clone());
        Footprint {
            clients: self.clients.len(),
            hot: map.saturating_sub(files),
            files,
            text,
            lookup: count(&live, || (self.phones.clone(), self.names.clone())),
            owners: count(&live, || self.owners.clone()),
        }
    }
}

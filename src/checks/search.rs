//! How the text rules look for their words in a draft's texts: each word in turn for a few
//! dozen texts, or one Aho-Corasick automaton once there are many (building it costs more
//! than a small draft's whole search).

/// The way words are looked for in the texts of one draft or document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Search {
    EachWord,
    Automaton,
}

impl Search {
    /// From this many texts on, the automaton pays for its construction.
    const AUTOMATON_FROM_TEXTS: usize = 200;

    pub fn for_texts(count: usize) -> Search {
        if count >= Self::AUTOMATON_FROM_TEXTS { Search::Automaton } else { Search::EachWord }
    }
}

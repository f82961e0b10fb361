//! Field paths: `parties.buyer.name`, `payment.milestones[0].percent`.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

/// Splits a path into keys and list indexes; `None` if it is malformed.
pub(super) fn parse(path: &str) -> Option<Vec<Segment<'_>>> {
    segments(path).collect()
}

/// The segments of a path one by one, without allocating (lookups run for every field on
/// every check and render); an item is `None` where the path is malformed.
pub(super) fn segments(path: &str) -> Segments<'_> {
    Segments { rest: path, expect: Expect::Key }
}

/// The iterator behind [`segments`]: a byte scan, as paths are short and ASCII-delimited.
pub(super) struct Segments<'a> {
    rest: &'a str,
    expect: Expect,
}

#[derive(Clone, Copy)]
enum Expect {
    /// A key must come next (at the start and after a `.`).
    Key,
    /// After a key or an index: `[n]`, `.` or the end.
    IndexOrDot,
    Done,
}

impl<'a> Iterator for Segments<'a> {
    type Item = Option<Segment<'a>>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.expect {
            Expect::Done => None,
            Expect::Key => {
                let end = self.rest.bytes().position(|b| b == b'.' || b == b'[').unwrap_or(self.rest.len());
                let key = &self.rest[..end];
                if key.is_empty() {
                    return Some(self.malformed());
                }
                self.rest = &self.rest[end..];
                self.expect = Expect::IndexOrDot;
                Some(Some(Segment::Key(key)))
            }
            Expect::IndexOrDot => match self.rest.as_bytes().first() {
                None => {
                    self.expect = Expect::Done;
                    None
                }
                Some(b'.') => {
                    self.rest = &self.rest[1..];
                    self.expect = Expect::Key;
                    self.next()
                }
                Some(b'[') => {
                    let parsed =
                        self.rest[1..].split_once(']').and_then(|(index, after)| Some((index.parse().ok()?, after)));
                    let Some((index, after)) = parsed else { return Some(self.malformed()) };
                    self.rest = after;
                    Some(Some(Segment::Index(index)))
                }
                Some(_) => Some(self.malformed()),
            },
        }
    }
}

impl Segments<'_> {
    /// A malformed path yields one `None` and ends.
    fn malformed<'b>(&mut self) -> Option<Segment<'b>> {
        self.expect = Expect::Done;
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_keys_and_indexes() {
        assert_eq!(
            parse("payment.milestones[2].percent"),
            Some(vec![Segment::Key("payment"), Segment::Key("milestones"), Segment::Index(2), Segment::Key("percent")])
        );
        assert_eq!(parse("a..b"), None);
        assert_eq!(parse("a."), None);
        assert_eq!(parse(""), None);
        assert_eq!(parse(".a"), None);
        assert_eq!(
            parse("a[1][2].b"),
            Some(vec![Segment::Key("a"), Segment::Index(1), Segment::Index(2), Segment::Key("b")])
        );
        assert_eq!(parse("a[1"), None);
        assert_eq!(parse("a[]"), None);
        assert_eq!(parse("a[x]"), None);
        assert_eq!(parse("a[1]b"), None);
    }
}

//! Field paths: `parties.buyer.name`, `payment.milestones[0].percent`.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

/// Splits a path into keys and list indexes; `None` if it is malformed.
pub(super) fn parse(path: &str) -> Option<Vec<Segment<'_>>> {
    let mut segments = Vec::new();
    for part in path.split('.') {
        let (key, mut rest) = match part.find('[') {
            Some(at) => (&part[..at], &part[at..]),
            None => (part, ""),
        };
        if key.is_empty() {
            return None;
        }
        segments.push(Segment::Key(key));
        while let Some(inner) = rest.strip_prefix('[') {
            let (index, after) = inner.split_once(']')?;
            segments.push(Segment::Index(index.parse().ok()?));
            rest = after;
        }
        if !rest.is_empty() {
            return None;
        }
    }
    Some(segments)
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
        assert_eq!(parse("a[x]"), None);
        assert_eq!(parse("a[1]b"), None);
    }
}

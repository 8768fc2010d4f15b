//! The pieces of `--filter key=value` lists that the nouns share: label filters, and how a list
//! of filters combines (as Podman does: every kind given must match; of one kind any filter may
//! match, except that negated label filters must all hold).

use std::collections::BTreeMap;
use std::mem::discriminant;

/// `label=key[=value]`, or `label!=key[=value]` (`negate`) for objects without it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelFilter {
    pub key: String,
    pub value: Option<String>,
    pub negate: bool,
}

impl LabelFilter {
    /// The value of a `label=` (or, with `negate`, `label!=`) filter: `key` or `key=value`.
    pub fn parse(value: &str, negate: bool) -> LabelFilter {
        let (key, value) = match value.split_once('=') {
            Some((k, v)) => (k.to_string(), Some(v.to_string())),
            None => (value.to_string(), None),
        };
        LabelFilter { key, value, negate }
    }

    pub fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        let has = labels
            .get(&self.key)
            .is_some_and(|have| self.value.as_ref().is_none_or(|v| v == have));
        has != self.negate
    }
}

/// Whether an object passes `filters`: `one` tells whether it passes one filter, `negated`
/// whether a filter is a negated label filter. Filters of one enum variant are one kind.
pub fn combine<F>(filters: &[F], negated: impl Fn(&F) -> bool, one: impl Fn(&F) -> bool) -> bool {
    filters.iter().all(|f| {
        let kind = discriminant(f);
        let mut of_kind = filters.iter().filter(|g| discriminant(*g) == kind);
        if filters.iter().any(|g| discriminant(g) == kind && negated(g)) {
            of_kind.all(&one)
        } else {
            of_kind.any(&one)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    enum F {
        A(u8),
        L(LabelFilter),
    }

    #[test]
    fn kinds_combine() {
        let labels: BTreeMap<String, String> = [("env".to_string(), "prod".to_string())].into();
        let check = |fs: &[F], x: u8| {
            combine(
                fs,
                |f| matches!(f, F::L(l) if l.negate),
                |f| match f {
                    F::A(a) => *a == x,
                    F::L(l) => l.matches(&labels),
                },
            )
        };
        let l = |s: &str, n| F::L(LabelFilter::parse(s, n));
        assert!(check(&[], 1));
        assert!(check(&[F::A(2), F::A(1)], 1));
        assert!(!check(&[F::A(2), F::A(3)], 1));
        assert!(check(&[F::A(1), l("env", false)], 1));
        assert!(!check(&[F::A(2), l("env", false)], 1));
        assert!(check(&[l("env=dev", false), l("env=prod", false)], 0));
        assert!(!check(&[l("env=dev", true), l("env=prod", true)], 0));
        assert!(check(&[l("env=dev", true), l("team", true)], 0));
        assert!(!check(&[l("env", false), l("env", true)], 0));
        assert!(check(
            &[l("", false), l("env=", false), l("=x", false), l("env", false)],
            0
        ));
    }
}

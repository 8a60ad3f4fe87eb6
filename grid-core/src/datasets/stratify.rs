//! Stratification: grouping rows by class and sharing a draw among classes as scikit-learn does.

use std::cmp::Ordering;

use crate::data::Encoded;
use crate::rng::RandomState;

/// The rows of each class present, classes in sorted order, rows in increasing order. Labels
/// are their own classes; real-valued targets are grouped by distinct row of values.
pub(crate) fn class_members(encoded: &Encoded) -> Vec<Vec<usize>> {
    match encoded {
        Encoded::Labels { labels, n_classes } => {
            let mut members = vec![Vec::new(); *n_classes];
            for (row, &label) in labels.iter().enumerate() {
                if label >= members.len() {
                    members.resize(label + 1, Vec::new());
                }
                members[label].push(row);
            }
            members.retain(|m| !m.is_empty());
            members
        }
        Encoded::Values(values) => {
            let compare = |a: usize, b: usize| {
                values
                    .row(a)
                    .iter()
                    .zip(values.row(b))
                    .map(|(u, v)| u.total_cmp(v))
                    .find(|o| o.is_ne())
                    .unwrap_or(Ordering::Equal)
            };
            let mut order: Vec<usize> = (0..values.nrows()).collect();
            order.sort_by(|&a, &b| compare(a, b).then(a.cmp(&b)));
            let mut members: Vec<Vec<usize>> = Vec::new();
            for row in order {
                match members.last_mut() {
                    Some(group) if compare(group[0], row).is_eq() => group.push(row),
                    _ => members.push(vec![row]),
                }
            }
            members
        }
    }
}

/// How many of `n_draws` samples each class gets, given the class sizes `counts`: scikit-learn's
/// `_approximate_mode`. Each class gets the floor of its proportional share; the rest go to the
/// classes with the largest fractional parts, ties broken at random with scikit-learn's draws
/// (`rng.choice(tied, take, replace=False)`, that is the first `take` of a permutation of the
/// tied classes, drawn even when all of them are taken).
pub(crate) fn stratified_counts(rng: &mut RandomState, counts: &[usize], n_draws: usize) -> Vec<usize> {
    let total: usize = counts.iter().sum();
    // The same operations, in the same order, as numpy: counts / counts.sum() * n_draws.
    let continuous: Vec<f64> = counts.iter().map(|&c| c as f64 / total as f64 * n_draws as f64).collect();
    let mut allocated: Vec<usize> = continuous.iter().map(|c| c.floor() as usize).collect();
    let mut need = n_draws.saturating_sub(allocated.iter().sum());
    let remainders: Vec<f64> = continuous.iter().map(|c| c - c.floor()).collect();
    let mut values = remainders.clone();
    values.sort_by(|a, b| b.total_cmp(a));
    values.dedup();
    for value in values {
        if need == 0 {
            break;
        }
        let tied: Vec<usize> = (0..counts.len()).filter(|&k| remainders[k] == value).collect();
        let take = tied.len().min(need);
        for &i in &rng.permutation(tied.len())[..take] {
            allocated[tied[i]] += 1;
        }
        need -= take;
    }
    allocated
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datasets_stratified_counts_match_sklearn_docstring_examples() {
        // sklearn.utils.extmath._approximate_mode docstring: class_counts=[4, 2], n_draws=3 -> [2, 1];
        // [5, 2], 4 -> [3, 1]. Both have no ties, so any generator gives the same answer.
        let mut rng = RandomState::new(0);
        assert_eq!(stratified_counts(&mut rng, &[4, 2], 3), [2, 1]);
        assert_eq!(stratified_counts(&mut rng, &[5, 2], 4), [3, 1]);
    }

    #[test]
    fn datasets_stratified_counts_break_ties_among_the_tied_only() {
        // sklearn docstring: [2, 2, 2, 1], n_draws=2 -> one of the first three classes' ties.
        for seed in 0..20 {
            let counts = stratified_counts(&mut RandomState::new(seed), &[2, 2, 2, 1], 2);
            assert_eq!(counts.iter().sum::<usize>(), 2);
            assert_eq!(counts[3], 0);
            assert!(counts.iter().all(|&c| c <= 1));
        }
    }

    #[test]
    fn datasets_class_members_group_values_by_distinct_row() {
        let values = ndarray::array![[2.0], [1.0], [2.0], [1.0], [3.0]];
        assert_eq!(class_members(&Encoded::Values(values)), vec![vec![1, 3], vec![0, 2], vec![4]]);
    }
}

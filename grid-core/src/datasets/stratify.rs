//! Stratification: grouping rows by class and sharing a draw among classes as scikit-learn does.

use std::cmp::Ordering;

use crate::data::Encoded;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datasets_class_members_group_values_by_distinct_row() {
        let values = ndarray::array![[2.0], [1.0], [2.0], [1.0], [3.0]];
        assert_eq!(class_members(&Encoded::Values(values)), vec![vec![1, 3], vec![0, 2], vec![4]]);
    }
}

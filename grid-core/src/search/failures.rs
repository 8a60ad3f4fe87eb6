//! The warning of a candidate whose fits failed: one line per candidate, with its failed fits
//! counted and each distinct cause named once with its splits, as scikit-learn's summary of
//! failed fits ("15 fits failed out of a total of 45 ...").

use super::settings::ErrorScore;

/// One line for `candidate` (displayed as `params`) from its per-split errors (`None` where
/// the fit succeeded); `None` when no fit failed.
///
/// ```text
/// candidate 2 {units: 5} failed on 2 of 3 splits and scores NaN there: split 0: <cause>; split 2: <other cause>
/// ```
pub(crate) fn failure_summary(
    candidate: usize,
    params: &impl std::fmt::Display,
    errors: &[Option<String>],
    error_score: ErrorScore,
) -> Option<String> {
    // Distinct causes in the order of their first split, each with the splits it failed.
    let mut causes: Vec<(&str, Vec<usize>)> = Vec::new();
    for (split, error) in errors.iter().enumerate() {
        let Some(error) = error.as_deref() else { continue };
        match causes.iter_mut().find(|(cause, _)| *cause == error) {
            Some((_, splits)) => splits.push(split),
            None => causes.push((error, vec![split])),
        }
    }
    if causes.is_empty() {
        return None;
    }
    let failed: usize = causes.iter().map(|(_, splits)| splits.len()).sum();
    let causes: Vec<String> = causes
        .iter()
        .map(|(cause, splits)| {
            let list: Vec<String> = splits.iter().map(usize::to_string).collect();
            let word = if splits.len() == 1 { "split" } else { "splits" };
            format!("{word} {}: {cause}", list.join(", "))
        })
        .collect();
    Some(format!(
        "candidate {candidate} {params} failed on {failed} of {} splits and scores {} there: {}",
        errors.len(),
        error_score.value(),
        causes.join("; ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_per_candidate_with_the_fits_counted_and_each_cause_once() {
        let diverged = Some("training diverged at epoch 3: the loss is inf".to_string());
        let errors = vec![diverged.clone(), None, diverged.clone(), Some("other".into()), diverged];
        let line = failure_summary(4, &"{lr: 1}", &errors, ErrorScore::Nan).unwrap();
        assert_eq!(
            line,
            "candidate 4 {lr: 1} failed on 4 of 5 splits and scores NaN there: splits 0, 2, 4: training \
             diverged at epoch 3: the loss is inf; split 3: other"
        );
        assert_eq!(failure_summary(0, &"{}", &[None, None], ErrorScore::Value(-1.0)), None);
    }
}

//! Iterating over the candidates of any grid.

use super::ParamGrid;

/// The candidates of a grid in order, computed one at a time ([`ParamGrid::candidates`],
/// `Grid::iter`).
///
/// ```
/// use grid_core::grid::ParamGrid;
/// let grid = vec![1, 2, 3];
/// let mut candidates = grid.candidates();
/// assert_eq!(candidates.len(), 3);
/// assert_eq!(candidates.next_back(), Some(3));
/// assert_eq!(candidates.collect::<Vec<_>>(), [1, 2]);
/// ```
#[derive(Debug)]
pub struct Candidates<'a, G: ?Sized> {
    grid: &'a G,
    front: usize,
    back: usize,
}

impl<'a, G: ParamGrid + ?Sized> Candidates<'a, G> {
    /// Every candidate of `grid`.
    ///
    /// ```
    /// use grid_core::grid::Candidates;
    /// assert_eq!(Candidates::new(&vec![0.5_f64]).count(), 1);
    /// ```
    pub fn new(grid: &'a G) -> Self {
        Candidates { grid, front: 0, back: grid.len() }
    }
}

impl<G: ?Sized> Clone for Candidates<'_, G> {
    fn clone(&self) -> Self {
        Candidates { grid: self.grid, front: self.front, back: self.back }
    }
}

impl<G: ParamGrid + ?Sized> Iterator for Candidates<'_, G> {
    type Item = G::Params;

    fn next(&mut self) -> Option<G::Params> {
        if self.front == self.back {
            return None;
        }
        self.front += 1;
        self.grid.get(self.front - 1)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.back - self.front;
        (left, Some(left))
    }

    fn nth(&mut self, n: usize) -> Option<G::Params> {
        self.front = self.front.saturating_add(n).min(self.back);
        self.next()
    }
}

impl<G: ParamGrid + ?Sized> DoubleEndedIterator for Candidates<'_, G> {
    fn next_back(&mut self) -> Option<G::Params> {
        if self.front == self.back {
            return None;
        }
        self.back -= 1;
        self.grid.get(self.back)
    }
}

impl<G: ParamGrid + ?Sized> ExactSizeIterator for Candidates<'_, G> {}

//! The check `#[tunable]` makes on a build function's parameter named like a fit parameter.

/// Implemented for `T` alone: `Self: FitParamType<T>` holds when `Self` and `T` are one type.
///
/// `#[tunable]` passes the value of a fit parameter (say `optimizer`, an `Optimizer`) to a
/// build function that takes a parameter of that name through this trait, so declaring it
/// with another type is one error, at that type, saying which type it must be.
///
/// ```
/// use grid_core::grid::FitParamType;
/// use grid_core::nn::Optimizer;
/// let optimizer: Optimizer = Optimizer::Sgd.into_param();
/// assert_eq!(optimizer, Optimizer::Sgd);
/// assert_eq!(<Optimizer as FitParamType<Optimizer>>::from_param(Optimizer::Adam), Optimizer::Adam);
/// ```
#[diagnostic::on_unimplemented(
    message = "this parameter is named like a fit parameter, which has type `{Self}`, not `{T}`",
    label = "declare it as `{Self}`, or rename it"
)]
pub trait FitParamType<T> {
    /// `self`, as the build function's parameter.
    ///
    /// ```
    /// use grid_core::grid::FitParamType;
    /// let epochs: usize = 50_usize.into_param();
    /// assert_eq!(epochs, 50);
    /// ```
    fn into_param(self) -> T;

    /// The build function's parameter (its `#[default(..)]`), as the fit parameter.
    ///
    /// ```
    /// use grid_core::grid::FitParamType;
    /// assert_eq!(<bool as FitParamType<bool>>::from_param(true), true);
    /// ```
    fn from_param(param: T) -> Self;
}

impl<T> FitParamType<T> for T {
    fn into_param(self) -> T {
        self
    }

    fn from_param(param: T) -> T {
        param
    }
}

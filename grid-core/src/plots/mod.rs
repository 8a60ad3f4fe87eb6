//! Pictures of a search, as SVG files drawn with `plotters`, and a self-contained HTML report.
//!
//! - [`CvResults::plot_heatmap`](crate::results::CvResults::plot_heatmap): mean test score over
//!   two parameters, with a colour scale;
//! - [`CvResults::plot_validation_curve`](crate::results::CvResults::plot_validation_curve):
//!   train and test score against one parameter, with a band of one standard deviation;
//! - [`plot_history`]: loss and val_loss per epoch of a fit (Keras' `History`);
//! - [`plot_halving`]: the candidates' scores per round of successive halving;
//! - [`Report`]: the results table, the best parameters and the pictures in one HTML file, and
//!   [`write_plots`], which writes every picture of a search and the report into a folder.
//!
//! Only plotters' SVG backend is used, without its `ttf` feature: the text is laid out by
//! plotters' own estimate and drawn by whatever shows the SVG, so nothing needs a system font.
//! Every function also has an `*_svg` form returning the SVG text instead of writing a file.
//!
//! ```
//! use grid_core::estimator::{DummyRegressor, Strategy};
//! use grid_core::search::GridSearchCV;
//! let x = ndarray::Array2::<f32>::zeros((6, 1));
//! let y = ndarray::array![1.0_f32, 2.0, 3.0, 1.0, 2.0, 9.0];
//! let grid = vec![Strategy::Mean, Strategy::Median, Strategy::Constant(0.0)];
//! let search = GridSearchCV::new(DummyRegressor, grid).cv(3).return_train_score(true).verbose(0).fit(&x, &y)?;
//! let svg = search.cv_results().validation_curve_svg("value")?;
//! assert!(svg.starts_with("<svg") && svg.contains("Validation curve"));
//! # Ok::<(), grid_core::Error>(())
//! ```

mod canvas;
mod curve;
mod halving;
mod heatmap;
mod history;
mod levels;
mod report;

pub use halving::{halving_svg, plot_halving, HalvingScore};
pub use history::{history_svg, plot_history};
pub use report::{write_plots, Picture, Report};

//! Typed search spaces: the distributions `space!` axes draw from, and the sampling of
//! candidates for [`RandomizedSearchCV`](crate::search::RandomizedSearchCV) and
//! `HalvingRandomSearchCV`.
//!
//! `space!(f { units: 8..=64, learning_rate: log_uniform(1e-4, 1e-1), activation: [Relu, Tanh] })`
//! expands to a [`Space`]: static [`SpaceAxis`]es sorted by name and a closure building one
//! candidate as a struct literal, each value read from a [`Draw`]: a list's value by index, a
//! distribution's through the [`Distribution`] trait (ranges, [`uniform`], [`log_uniform`], or
//! your own type). A [`SampledGrid`] is `n_iter` candidates drawn from it.

mod distribution;
mod draw;
mod param_space;
mod rng;
mod sample;

pub use distribution::{log_uniform, uniform, Distribution, LogUniform, Uniform};
pub use draw::Draw;
pub use param_space::{ParamSpace, Space, SpaceAxis};
pub use rng::SpaceRng;
pub use sample::SampledGrid;

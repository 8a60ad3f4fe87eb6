//! `#[tunable]` and `grid!` end to end: scikit-learn's `ParameterGrid` order (expected orders
//! computed with scikit-learn 1.9.1, the Python is in each comment), unions, defaults, the
//! fit-parameter routing, `Display`, serde, and a million-candidate grid.

use std::sync::atomic::{AtomicUsize, Ordering};

use gridcv::grid::{Grid, HasFitParams, TrainedWith};
use gridcv::nn::{FitParams, Optimizer};
use gridcv::prelude::*;

/// Layer widths: an output of a user's own that is trained with the neural fit parameters
/// (`TrainedWith` is how an output declares them).
#[derive(Debug, PartialEq)]
struct Widths(Vec<usize>);

impl TrainedWith for Widths {
    type FitParams = FitParams;
}

#[tunable]
fn create_model(
    meta: &Meta,
    #[default(10)] units: usize,
    #[default(Activation::Relu)] activation: Activation,
) -> Widths {
    let _ = activation;
    Widths(vec![meta.n_features, units])
}

/// No `&Meta` at all, and names whose order is not the declaration order.
#[tunable]
fn layered(
    #[default(8)] units: usize,
    #[default(1)] layers: usize,
    #[default(2)] layer_size: usize,
) -> usize {
    units * layers * layer_size
}

#[tunable]
fn six(a: u32, b: u32, c: u32, d: u32, e: u32, f: u32) -> [u32; 6] {
    [a, b, c, d, e, f]
}

mod models {
    use gridcv::prelude::*;

    /// A public build function in another module.
    #[tunable]
    pub fn small(#[default(3)] width: usize, #[default(String::from("adam"))] name: String) -> String {
        format!("{name}-{width}")
    }
}

use models::{small, SmallParams};

#[test]
fn order_follows_parameter_grid() {
    // ParameterGrid({'batch_size': [10, 20, 30], 'epochs': [50, 100], 'optimizer': ['adam', 'sgd']})
    let expected = [
        (10, 50, Optimizer::Adam),
        (10, 50, Optimizer::Sgd),
        (10, 100, Optimizer::Adam),
        (10, 100, Optimizer::Sgd),
        (20, 50, Optimizer::Adam),
        (20, 50, Optimizer::Sgd),
        (20, 100, Optimizer::Adam),
        (20, 100, Optimizer::Sgd),
        (30, 50, Optimizer::Adam),
        (30, 50, Optimizer::Sgd),
        (30, 100, Optimizer::Adam),
        (30, 100, Optimizer::Sgd),
    ];
    // Written in another order than sorted: the grid sorts the axes by name.
    let grid = grid!(create_model { optimizer: [Adam, Sgd], batch_size: [10, 20, 30], epochs: [50, 100] });
    assert_eq!(grid.len(), 12);
    let got: Vec<_> = grid.iter().map(|p| (p.batch_size, p.epochs, p.optimizer)).collect();
    assert_eq!(got, expected);
}

#[test]
fn names_sort_by_code_point_as_python() {
    // ParameterGrid({'units': [5, 10], 'layers': [1, 2], 'layer_size': [3, 4, 5]}), printed as
    // (layer_size, layers, units): '_' sorts before 's'.
    let expected = [
        (3, 1, 5),
        (3, 1, 10),
        (3, 2, 5),
        (3, 2, 10),
        (4, 1, 5),
        (4, 1, 10),
        (4, 2, 5),
        (4, 2, 10),
        (5, 1, 5),
        (5, 1, 10),
        (5, 2, 5),
        (5, 2, 10),
    ];
    let grid = grid!(layered { units: [5, 10], layers: [1, 2], layer_size: [3, 4, 5] });
    let got: Vec<_> = grid.iter().map(|p| (p.layer_size, p.layers, p.units)).collect();
    assert_eq!(got, expected);
    assert_eq!(grid.axis_names(), ["layer_size", "layers", "units"]);
}

#[test]
fn unions_enumerate_branches_in_order() {
    // list(ParameterGrid([{'units': [5, 10]}, {'epochs': [10], 'units': [1]}, {}]))
    // == [{'units': 5}, {'units': 10}, {'epochs': 10, 'units': 1}, {}]
    let grid = grid!(create_model { units: [5, 10] } | { epochs: [10], units: [1] } | {});
    assert_eq!(grid.len(), 4);
    let default_epochs = FitParams::default().epochs;
    let got: Vec<_> = grid.iter().map(|p| (p.units, p.epochs)).collect();
    assert_eq!(got, [(5, default_epochs), (10, default_epochs), (1, 10), (10, default_epochs)]);
    assert_eq!(grid.axis_names(), ["epochs", "units"]);
    assert_eq!(grid.to_string(), "4 candidates: units(2) | epochs(1) x units(1) | defaults");
}

#[test]
fn axes_not_named_take_their_default() {
    let grid = grid!(create_model { epochs: [5] });
    let candidate = grid.get(0).unwrap();
    let defaults = CreateModelParams::default();
    assert_eq!((candidate.units, candidate.activation), (10, Activation::Relu));
    assert_eq!(candidate.batch_size, FitParams::default().batch_size);
    let mut expected = defaults;
    expected.epochs = 5; // a fit parameter, a field through `Deref`
    assert_eq!(candidate, expected);
    assert_eq!(LayeredParams::default().layer_size, 2);
    assert_eq!(SixParams::default().a, 0); // no `#[default]`: the type's default
}

#[test]
fn get_at_both_ends_and_past_the_end() {
    let grid = grid!(create_model { units: [1, 2, 3], activation: [Relu, Tanh] });
    let len = grid.len();
    assert_eq!(len, 6);
    let first = grid.get(0).unwrap();
    let last = grid.get(len - 1).unwrap();
    assert_eq!((first.activation, first.units), (Activation::Relu, 1));
    assert_eq!((last.activation, last.units), (Activation::Tanh, 3));
    assert_eq!(grid.get(len), None);
    assert_eq!(grid.get(usize::MAX), None);
    let mut iter = grid.iter();
    assert_eq!(iter.len(), 6);
    assert_eq!(iter.next_back(), Some(last));
    assert_eq!(iter.nth(4), grid.get(4));
    assert_eq!(iter.next(), None);
}

#[test]
fn build_calls_the_function() {
    let meta = Meta { n_features: 4, n_outputs: 1, n_classes: 0 };
    let grid = grid!(create_model { units: [7] });
    assert_eq!(grid.get(0).unwrap().build(&meta), Widths(vec![4, 7]));
    assert_eq!(grid!(layered { layers: [3] }).get(0).unwrap().build(&meta), 8 * 3 * 2);
}

#[test]
fn fit_params_carry_the_fit_fields() {
    let grid = grid!(create_model {
        batch_size: [10],
        epochs: [50],
        learning_rate: [Some(0.01)],
        early_stopping: [Some(EarlyStopping { patience: 3, ..EarlyStopping::default() })],
    });
    let expected = FitParams {
        batch_size: 10,
        epochs: 50,
        learning_rate: Some(0.01),
        early_stopping: Some(EarlyStopping { patience: 3, ..EarlyStopping::default() }),
        ..FitParams::default()
    };
    assert_eq!(*grid.get(0).unwrap().fit_params(), expected);
    // Set generically, as a search that makes `epochs` a resource does.
    let mut candidate = grid.get(0).unwrap();
    candidate.fit_params_mut().epochs = 7;
    assert_eq!(candidate.epochs, 7);
}

#[test]
fn display_of_params_shows_the_searched_axes() {
    // Built by hand: every parameter of the function, and the fit parameters that differ.
    assert_eq!(CreateModelParams::default().to_string(), "{activation: Relu, units: 10}");
    let mut custom = CreateModelParams::default();
    custom.fit_params_mut().learning_rate = Some(0.5);
    assert_eq!(custom.to_string(), "{activation: Relu, learning_rate: Some(0.5), units: 10}");
    // From a grid: the axes searched only, as scikit-learn's `best_params_`, even a value equal
    // to the default.
    let grid = grid!(create_model {
        batch_size: [10, 20, 30],
        epochs: [50, FitParams::default().epochs],
        optimizer: [Adam, Sgd],
    });
    assert_eq!(grid.get(0).unwrap().to_string(), "{batch_size: 10, epochs: 50, optimizer: Adam}");
    assert_eq!(grid.get(2).unwrap().to_string(), "{batch_size: 10, epochs: 100, optimizer: Adam}");
    // A union: the axes of the candidate's branch; a branch of defaults shows none.
    let union = grid!(create_model { units: [5] } | { epochs: [10], activation: [Tanh] } | {});
    let shown: Vec<String> = union.iter().map(|p| p.to_string()).collect();
    assert_eq!(shown, ["{units: 5}", "{activation: Tanh, epochs: 10}", "{}"]);
    // Early stopping, short.
    let stopping = grid!(create_model {
        early_stopping: [None, Some(EarlyStopping { patience: 5, ..EarlyStopping::default() })]
    });
    assert_eq!(stopping.get(1).unwrap().to_string(), "{early_stopping: EarlyStopping(5)}");
    assert_eq!(
        small(4, "sgd".into()),
        SmallParams { width: 4, name: "sgd".into(), ..SmallParams::default() }.build(&Meta::default())
    );
    assert_eq!(SmallParams::default().to_string(), r#"{name: "adam", width: 3}"#);
}

#[test]
fn debug_hides_the_axes_record() {
    let candidate = grid!(create_model { units: [3] }).get(0).unwrap();
    let debug = format!("{candidate:?}");
    assert!(
        debug.starts_with("CreateModelParams { units: 3, activation: Relu, fit: FitParams { epochs: 100,"),
        "{debug}"
    );
    assert!(!debug.contains("set_by_grid"), "{debug}");
}

#[test]
fn display_of_the_grid() {
    let grid = grid!(create_model { batch_size: [10, 20, 30], epochs: [50, 100], optimizer: [Adam, Sgd] });
    assert_eq!(grid.to_string(), "12 candidates: batch_size(3) x epochs(2) x optimizer(2)");
    assert_eq!(grid!(create_model { units: [1] }).to_string(), "1 candidate: units(1)");
}

#[test]
fn serde_round_trip() {
    let grid = grid!(create_model { units: [3], activation: [Tanh], learning_rate: [Some(0.1)] });
    let candidate = grid.get(0).unwrap();
    let json = serde_json::to_string(&candidate).unwrap();
    assert!(json.starts_with(r#"{"units":3,"activation":"Tanh","epochs":100,"#), "{json}");
    let back: CreateModelParams = serde_json::from_str(&json).unwrap();
    assert_eq!(back, candidate);
    // Fields left out take their defaults.
    let partial: CreateModelParams = serde_json::from_str(r#"{"units": 7}"#).unwrap();
    assert_eq!(partial, CreateModelParams { units: 7, ..CreateModelParams::default() });
}

static EVALUATED: AtomicUsize = AtomicUsize::new(0);

fn counted(value: usize) -> usize {
    EVALUATED.fetch_add(1, Ordering::SeqCst);
    value
}

#[test]
fn values_are_evaluated_lazily_and_may_capture_locals() {
    let widths = [30, 40];
    let grid =
        grid!(layered { units: [counted(widths[0]), counted(widths[1])], layers: [counted(1), counted(2)] });
    assert_eq!(EVALUATED.load(Ordering::SeqCst), 0);
    let candidate = grid.get(3).unwrap();
    assert_eq!((candidate.layers, candidate.units), (2, 40));
    // One value per axis for one candidate.
    assert_eq!(EVALUATED.load(Ordering::SeqCst), 2);
}

#[test]
fn functions_are_named_through_their_module_path_or_an_import() {
    let imported = grid!(small { width: [1, 2] });
    let by_path = grid!(models::small { width: [1, 2] });
    assert_eq!(imported.get(1), by_path.get(1));
    assert_eq!(imported.get(1).unwrap().build(&Meta::default()), "adam-2");
    // A value may use an owned local: the grid moves it in and evaluates the value each time.
    let prefix = String::from("sgd");
    let names = grid!(small { name: [prefix.clone(), format!("{prefix}-nesterov")] });
    assert_eq!(names.get(1).unwrap().build(&Meta::default()), "sgd-nesterov-3");
    assert_eq!(names.get(1).unwrap().build(&Meta::default()), "sgd-nesterov-3");
}

/// The number of candidates is the const parameter of the grid's type.
fn candidates_of<P, F, const N: usize>(_: &Grid<P, F, N>) -> usize {
    N
}

#[test]
fn a_million_candidates_built_and_indexed_at_both_ends() {
    let grid = grid!(six {
        a: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        b: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        c: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        d: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        e: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        f: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    });
    assert_eq!(grid.len(), 1_000_000);
    assert_eq!(candidates_of(&grid), 1_000_000);
    let meta = Meta::default();
    // g = ParameterGrid({k: list(range(10)) for k in 'abcdef'})
    // g[0] -> all 0; g[999999] -> all 9; g[123456] -> a=1, b=2, c=3, d=4, e=5, f=6
    assert_eq!(grid.get(0).unwrap().build(&meta), [0; 6]);
    assert_eq!(grid.get(999_999).unwrap().build(&meta), [9; 6]);
    assert_eq!(grid.get(123_456).unwrap().build(&meta), [1, 2, 3, 4, 5, 6]);
    assert_eq!(grid.get(1_000_000), None);
}

/// Raw and `mut` parameter names.
#[tunable]
fn raw_names(#[default(1)] r#type: usize, #[default(2)] mut depth: usize) -> usize {
    depth += r#type;
    depth
}

#[test]
fn raw_and_mut_parameters_become_plain_fields() {
    let grid = grid!(raw_names { r#type: [5, 6], depth: [1] });
    assert_eq!(grid.axis_names(), ["depth", "type"]);
    let candidate = grid.get(1).unwrap();
    assert_eq!(candidate.r#type, 6);
    assert_eq!(candidate.build(&Meta::default()), 7);
    assert_eq!(candidate.to_string(), "{depth: 1, type: 6}");
    // serde names the fields as `Display` does, without `r#`, in declaration order; a `usize`
    // output has no fit parameters.
    let json = serde_json::to_string(&candidate).unwrap();
    assert_eq!(json, r#"{"type":6,"depth":1}"#);
    assert_eq!(serde_json::from_str::<RawNamesParams>(&json).unwrap(), candidate);
}

#[test]
fn candidates_of_any_grid_and_slice_iter_untouched() {
    let grid = grid!(create_model { units: [1, 2, 3] });
    assert!(gridcv::grid::ParamGrid::candidates(&grid).eq(grid.iter()));
    // `ParamGrid` is implemented for `Vec` but not in the prelude, so a `Vec`'s own `get` and
    // `iter` are untouched by `use gridcv::prelude::*`; its candidates need the trait.
    let widths = vec![1_usize, 2];
    let second: Option<&usize> = widths.get(1);
    assert_eq!(second, Some(&2));
    assert_eq!(gridcv::grid::ParamGrid::candidates(&widths).collect::<Vec<_>>(), widths);
}

#[test]
fn axis_values_from_a_runtime_collection() -> gridcv::Result<()> {
    // As read from a config file or the command line.
    let widths: Vec<usize> = "5,10,20".split(',').map(|w| w.parse().unwrap()).collect();
    let activations = vec![Activation::Relu, Activation::Tanh];
    let grid = grid!(create_model { units: [..widths], activation: [..activations], epochs: [10, 20] })?;
    assert_eq!(grid.len(), 12);
    assert_eq!(grid.to_string(), "12 candidates: activation(2) x epochs(2) x units(3)");
    // ParameterGrid({'units': [5, 10, 20], 'activation': ['relu', 'tanh'], 'epochs': [10, 20]})[7]
    // == {'activation': 'tanh', 'epochs': 10, 'units': 10}
    let seventh = grid.get(7).unwrap();
    assert_eq!((seventh.activation, seventh.epochs, seventh.units), (Activation::Tanh, 10, 10));
    assert_eq!(seventh.to_string(), "{activation: Tanh, epochs: 10, units: 10}");
    assert_eq!(grid.get(12), None);
    // Variants are in scope in a collection written in the grid, and unions mix both kinds.
    let union = grid!(create_model { activation: [..vec![Sigmoid, Gelu]] } | { units: [1] })?;
    let got: Vec<_> = union.iter().map(|p| (p.activation, p.units)).collect();
    assert_eq!(got, [(Activation::Sigmoid, 10), (Activation::Gelu, 10), (Activation::Relu, 1)]);
    assert_eq!(gridcv::grid::ParamGrid::axes_of(&union, 2).unwrap()[0].name, "units");
    // No values is an error naming the axis, not a grid silently missing a branch.
    let none: Vec<usize> = Vec::new();
    let err = grid!(create_model { units: [..none] } | { units: [1] }).unwrap_err();
    assert_eq!(err.to_string(), "the value list of the grid axis `units` is empty");
    Ok(())
}

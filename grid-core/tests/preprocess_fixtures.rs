//! Every preprocessing step against scikit-learn 1.9.1: fitted statistics, output names and
//! transformed values (training and test rows) equal to 1e-6 (relative to values above 1).
//! The fixtures come from `fixtures/preprocess.py` (run it to regenerate `preprocess.json`).

use grid_core::preprocess::{
    Column, ColumnTransformer, FittedStep, HandleUnknown, Imputation, MaxAbsScaler, MinMaxScaler, OneHotDrop,
    OneHotEncoder, Remainder, RobustScaler, SimpleImputer, StandardScaler, Step, Transform, Transformer,
};
use grid_core::Error;
use ndarray::Array2;
use serde_json::Value;

fn fixtures() -> Value {
    serde_json::from_str(include_str!("fixtures/preprocess.json")).unwrap()
}

fn number(v: &Value) -> f64 {
    v.as_f64().unwrap_or(f64::NAN)
}

fn matrix(v: &Value) -> Array2<f32> {
    let rows: Vec<Vec<f64>> =
        v.as_array().unwrap().iter().map(|r| r.as_array().unwrap().iter().map(number).collect()).collect();
    Array2::from_shape_fn((rows.len(), rows[0].len()), |(i, j)| rows[i][j] as f32)
}

#[track_caller]
fn close(what: &str, got: f64, expected: f64) {
    let ok = (got.is_nan() && expected.is_nan()) || (got - expected).abs() <= 1e-6 * expected.abs().max(1.0);
    assert!(ok, "{what}: got {got}, scikit-learn gives {expected}");
}

#[track_caller]
fn same_matrix(what: &str, got: &Array2<f32>, expected: &Value) {
    let expected = matrix(expected);
    assert_eq!(got.dim(), expected.dim(), "{what}: shape");
    for ((i, j), &e) in expected.indexed_iter() {
        close(&format!("{what}[{i}, {j}]"), f64::from(got[[i, j]]), f64::from(e));
    }
}

/// The city column as codes into `categories` (NaN for a missing cell).
fn city_codes(v: &Value, categories: &[&str]) -> Array2<f32> {
    let cells = v.as_array().unwrap();
    Array2::from_shape_fn((cells.len(), 1), |(i, _)| match cells[i].as_str() {
        None => f32::NAN,
        Some(c) => categories.iter().position(|k| *k == c).unwrap() as f32,
    })
}

/// The table's vocabulary of cities (training and test rows, as a loader reads the file).
const CITIES: [&str; 5] = ["Lille", "Lyon", "Marseille", "Nice", "Paris"];

fn case<'a>(all: &'a Value, name: &str) -> &'a Value {
    all["cases"].as_array().unwrap().iter().find(|c| c["name"] == name).unwrap()
}

/// Fits `step` on the training rows and compares statistics and outputs with the case.
/// A fitted statistic by its scikit-learn name, and how to read it from a fitted step.
type Stat = (&'static str, fn(&FittedStep) -> Vec<f64>);

fn check_numeric(name: &str, step: Step, stats: &[Stat]) {
    let all = fixtures();
    let (train, test) = (matrix(&all["train"]), matrix(&all["test"]));
    let columns: Vec<Column> = ["wide", "skewed", "constant", "small"].map(Column::numeric).to_vec();
    let fitted = step.fit(train.view(), &columns).unwrap();
    let expected = case(&all, name);
    for (stat, get) in stats {
        let got = get(&fitted);
        let want = expected["stats"][*stat].as_array().unwrap();
        assert_eq!(got.len(), want.len(), "{name}.{stat}");
        for (j, (g, w)) in got.iter().zip(want).enumerate() {
            close(&format!("{name}.{stat}[{j}]"), *g, number(w));
        }
    }
    same_matrix(&format!("{name} train"), &fitted.transform(train.view()).unwrap(), &expected["train"]);
    same_matrix(&format!("{name} test"), &fitted.transform(test.view()).unwrap(), &expected["test"]);
    assert_eq!(fitted.columns_out(), columns, "{name}: a scaler or imputer keeps the columns");
}

macro_rules! stat {
    ($variant:ident . $field:ident) => {
        |f: &FittedStep| match f {
            FittedStep::$variant(s) => s.$field.clone(),
            other => panic!("unexpected {other:?}"),
        }
    };
}

#[test]
fn standard_scaler_matches_scikit_learn() {
    check_numeric(
        "standard",
        StandardScaler::default().into(),
        &[("mean_", stat!(Standard.mean)), ("var_", stat!(Standard.var)), ("scale_", stat!(Standard.scale))],
    );
    let no_mean = StandardScaler { with_mean: false, with_std: true };
    check_numeric(
        "standard_no_mean",
        no_mean.into(),
        &[("mean_", stat!(Standard.mean)), ("scale_", stat!(Standard.scale))],
    );
    let no_std = StandardScaler { with_mean: true, with_std: false };
    check_numeric("standard_no_std", no_std.into(), &[("mean_", stat!(Standard.mean))]);
}

#[test]
fn minmax_scaler_matches_scikit_learn() {
    let stats: [Stat; 4] = [
        ("data_min_", stat!(MinMax.data_min)),
        ("data_max_", stat!(MinMax.data_max)),
        ("scale_", stat!(MinMax.scale)),
        ("min_", stat!(MinMax.min)),
    ];
    check_numeric("minmax", MinMaxScaler::default().into(), &stats);
    check_numeric("minmax_range", MinMaxScaler { feature_range: (-1.0, 2.0) }.into(), &stats);
}

#[test]
fn robust_and_maxabs_scalers_match_scikit_learn() {
    let stats: [Stat; 2] = [("center_", stat!(Robust.center)), ("scale_", stat!(Robust.scale))];
    check_numeric("robust", RobustScaler::default().into(), &stats);
    let range = RobustScaler { quantile_range: (10.0, 90.0), ..RobustScaler::default() };
    check_numeric("robust_range", range.into(), &stats);
    check_numeric(
        "maxabs",
        MaxAbsScaler.into(),
        &[("max_abs_", stat!(MaxAbs.max_abs)), ("scale_", stat!(MaxAbs.scale))],
    );
}

#[test]
fn simple_imputer_matches_scikit_learn() {
    let stats: [Stat; 1] = [("statistics_", stat!(Impute.statistics))];
    check_numeric("impute_mean", SimpleImputer::new(Imputation::Mean).into(), &stats);
    check_numeric("impute_median", SimpleImputer::new(Imputation::Median).into(), &stats);
    check_numeric("impute_most_frequent", SimpleImputer::new(Imputation::MostFrequent).into(), &stats);
    let constant = SimpleImputer { fill_value: 7.0, ..SimpleImputer::new(Imputation::Constant) };
    check_numeric("impute_constant", constant.into(), &stats);
}

#[test]
fn scalers_invert_their_transform() {
    let train = matrix(&fixtures()["train"]);
    let columns = grid_core::preprocess::numeric_columns(4);
    let steps: [Step; 4] = [
        StandardScaler::default().into(),
        MinMaxScaler::default().into(),
        RobustScaler::default().into(),
        MaxAbsScaler.into(),
    ];
    for step in steps {
        let fitted = step.fit(train.view(), &columns).unwrap();
        let back = fitted.inverse_transform(fitted.transform(train.view()).unwrap().view()).unwrap();
        for (a, b) in back.iter().zip(train.iter()) {
            assert!(
                (a.is_nan() && b.is_nan()) || (a - b).abs() <= 1e-4 * b.abs().max(1.0),
                "{step:?}: {a} vs {b}"
            );
        }
    }
}

/// Fits `encoder` on `train` and checks its categories, output names and transforms of
/// `train` and `test` against fixture case `name`.
fn check_onehot_on(
    name: &str,
    encoder: OneHotEncoder,
    columns: &[Column],
    train: &Array2<f32>,
    test: &Array2<f32>,
) {
    let all = fixtures();
    let expected = case(&all, name);
    let fitted = encoder.fit(train.view(), columns).unwrap();
    let categories: Vec<Option<&str>> = fitted.categories[0].iter().map(|c| c.as_deref()).collect();
    let want: Vec<Option<&str>> =
        expected["categories"].as_array().unwrap().iter().map(Value::as_str).collect();
    assert_eq!(categories, want, "{name}: categories_");
    let names: Vec<String> = fitted.columns_out().into_iter().map(|c| c.name).collect();
    assert_eq!(
        names,
        expected["names"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect::<Vec<_>>()
    );
    same_matrix(name, &fitted.transform(train.view()).unwrap(), &expected["train"]);
    same_matrix(name, &fitted.transform(test.view()).unwrap(), &expected["test"]);
}

fn check_onehot(name: &str, encoder: OneHotEncoder) {
    let all = fixtures();
    let (train, test) = (city_codes(&all["city_train"], &CITIES), city_codes(&all["city_test"], &CITIES));
    check_onehot_on(name, encoder, &[Column::categorical("city", CITIES)], &train, &test);
}

#[test]
fn one_hot_encoder_matches_scikit_learn() {
    check_onehot(
        "onehot_ignore",
        OneHotEncoder { handle_unknown: HandleUnknown::Ignore, drop: OneHotDrop::None },
    );
    check_onehot(
        "onehot_drop_first",
        OneHotEncoder { handle_unknown: HandleUnknown::Ignore, drop: OneHotDrop::First },
    );
}

#[test]
fn one_hot_encoder_encodes_a_numeric_column_as_scikit_learn() {
    // Small integers in float32 with missing cells; test row 0 holds 7, unseen in training.
    let all = fixtures();
    let expected = case(&all, "onehot_numeric");
    let columns = [Column::numeric("small")];
    let (train, test) = (matrix(&expected["x_train"]), matrix(&expected["x_test"]));
    let encoder = OneHotEncoder { handle_unknown: HandleUnknown::Ignore, drop: OneHotDrop::None };
    check_onehot_on("onehot_numeric", encoder, &columns, &train, &test);
    // With the default `handle_unknown`, the unseen value is an error naming it.
    let strict = OneHotEncoder::default().fit(train.view(), &columns).unwrap();
    let err = strict.transform(test.view()).unwrap_err();
    assert!(
        matches!(&err, Error::UnknownCategory { column, category, row: 0 } if column == "small" && category == "7.0"),
        "{err}"
    );
}

#[test]
fn one_hot_encoder_names_an_unseen_category() {
    let all = fixtures();
    let columns = [Column::categorical("city", CITIES)];
    let fitted =
        OneHotEncoder::default().fit(city_codes(&all["city_train"], &CITIES).view(), &columns).unwrap();
    // Test row 1 is Lille, absent from the training rows.
    let err = fitted.transform(city_codes(&all["city_test"], &CITIES).view()).unwrap_err();
    assert!(
        matches!(&err, Error::UnknownCategory { column, category, row: 1 } if column == "city" && category == "Lille"),
        "{err}"
    );
}

#[test]
fn column_transformer_matches_scikit_learn() {
    let all = fixtures();
    let expected = case(&all, "column_transformer");
    let with_city = |rows: &Value, cities: &Value| {
        let x = matrix(rows);
        ndarray::concatenate(ndarray::Axis(1), &[x.view(), city_codes(cities, &CITIES).view()]).unwrap()
    };
    let (train, test) =
        (with_city(&all["train"], &all["city_train"]), with_city(&all["test"], &all["city_test"]));
    let mut columns: Vec<Column> = ["wide", "skewed", "constant", "small"].map(Column::numeric).to_vec();
    columns.push(Column::categorical("city", CITIES));
    let ct = ColumnTransformer::new()
        .add_steps(
            "num",
            ["wide", "skewed"],
            vec![SimpleImputer::new(Imputation::Median).into(), StandardScaler::default().into()],
        )
        .add_steps(
            "cat",
            ["city"],
            vec![
                SimpleImputer::new(Imputation::MostFrequent).into(),
                OneHotEncoder { handle_unknown: HandleUnknown::Ignore, ..OneHotEncoder::default() }.into(),
            ],
        )
        .remainder(Remainder::Passthrough);
    let fitted = ct.fit(train.view(), &columns).unwrap();
    let names: Vec<String> = fitted.columns_out().into_iter().map(|c| c.name).collect();
    assert_eq!(
        names,
        expected["names"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect::<Vec<_>>()
    );
    same_matrix("column_transformer train", &fitted.transform(train.view()).unwrap(), &expected["train"]);
    same_matrix("column_transformer test", &fitted.transform(test.view()).unwrap(), &expected["test"]);
}

#[test]
fn steps_reject_bad_input_with_typed_errors() {
    let x = ndarray::array![[1.0_f32, f32::NAN], [2.0, f32::NAN]];
    let columns = [Column::numeric("a"), Column::numeric("empty")];
    // An all-missing column.
    let err = StandardScaler::default().fit(x.view(), &columns).unwrap_err();
    assert!(matches!(&err, Error::AllMissing { column, .. } if column == "empty"), "{err}");
    let err = SimpleImputer::default().fit(x.view(), &columns).unwrap_err();
    assert!(matches!(&err, Error::AllMissing { column, .. } if column == "empty"), "{err}");
    // A different number of columns than fitted.
    let fitted = MaxAbsScaler.fit(x.column(0).insert_axis(ndarray::Axis(1)), &columns[..1]).unwrap();
    let err = fitted.transform(x.view()).unwrap_err();
    assert!(matches!(err, Error::ShapeMismatch { expected: 1, got: 2, .. }), "{err}");
    // A column missing from the data.
    let err = ColumnTransformer::new()
        .add("num", ["b"], StandardScaler::default())
        .fit(x.view(), &columns)
        .unwrap_err();
    assert!(matches!(&err, Error::UnknownColumn { column, .. } if column == "b"), "{err}");
    assert!(err.to_string().contains("`a`, `empty`"), "{err}");
    // A categorical column given to a scaler; the encoder takes both kinds, and a code past a
    // categorical column's categories is an error.
    let mixed = [Column::numeric("a"), Column::categorical("city", ["Paris"])];
    let codes = ndarray::array![[1.0_f32, 0.0], [2.0, 0.0]];
    let err = StandardScaler::default().fit(codes.view(), &mixed).unwrap_err();
    assert!(err.to_string().contains("`city` is categorical"), "{err}");
    let fitted = OneHotEncoder::default().fit(codes.view(), &mixed).unwrap();
    let names: Vec<String> = fitted.columns_out().into_iter().map(|c| c.name).collect();
    assert_eq!(names, ["a_1.0", "a_2.0", "city_Paris"]);
    let err = OneHotEncoder::default().fit(ndarray::array![[1.0_f32, 3.0]].view(), &mixed).unwrap_err();
    assert!(err.to_string().contains("3 is not a category code"), "{err}");
}

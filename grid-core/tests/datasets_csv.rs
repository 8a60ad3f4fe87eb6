//! `load_csv` / `load_csv_str`: loading, options, and every error naming file, line and column.

// In a module named `datasets` so that `cargo test -p grid-core datasets` selects these tests.
mod datasets {
    use std::path::PathBuf;

    use grid_core::datasets::{load_csv, load_csv_str};
    use grid_core::preprocess::Column;
    use grid_core::Error;
    use ndarray::array;

    /// Writes `text` to a fresh file in the temp directory and returns its path.
    fn temp_csv(name: &str, text: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("gridcv-datasets-csv-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    fn parse_error(e: Error) -> (String, Option<usize>, String) {
        match e {
            Error::Parse { source_name, line, reason } => (source_name, line, reason),
            other => panic!("expected a parse error, got {other:?}"),
        }
    }

    #[test]
    fn loads_a_file_with_a_named_target() {
        let path = temp_csv("houses.csv", "area,price,rooms\n1.5,200,3\n2.0, 310.5 ,4\n\n0.5,90,1\n");
        let data = load_csv(&path).target("price").build().unwrap();
        assert_eq!(data.x, array![[1.5_f32, 3.0], [2.0, 4.0], [0.5, 1.0]]);
        assert_eq!(data.y, array![200.0_f32, 310.5, 90.0]);
        assert_eq!(data.feature_names, ["area", "rooms"]);
        assert_eq!(data.target_names, ["price"]);
    }

    #[test]
    fn the_target_defaults_to_the_last_column_and_can_be_chosen_by_index() {
        let text = "a,b,c\n1,2,3\n4,5,6\n";
        let last = load_csv_str(text).build().unwrap();
        assert_eq!(last.y, array![3.0_f32, 6.0]);
        let first = load_csv_str(text).target_index(0).build().unwrap();
        assert_eq!(first.y, array![1.0_f32, 4.0]);
        assert_eq!(first.x, array![[2.0_f32, 3.0], [5.0, 6.0]]);
        assert_eq!(first.feature_names, ["b", "c"]);
    }

    #[test]
    fn other_delimiters_and_scientific_notation() {
        let data = load_csv_str("x;y\n1e-3;-2.5E2\n").delimiter(b';').build().unwrap();
        assert_eq!(data.x, array![[0.001_f32]]);
        assert_eq!(data.y, array![-250.0_f32]);
    }

    #[test]
    fn class_labels_load_as_strings_with_sorted_class_names() {
        let data = load_csv_str("w,species,h\n1,virginica,2\n3,setosa,4\n5,virginica,6\n")
            .target("species")
            .build_labels()
            .unwrap();
        assert_eq!(data.y.to_vec(), ["virginica", "setosa", "virginica"]);
        assert_eq!(data.target_names, ["setosa", "virginica"]);
        assert_eq!(data.x, array![[1.0_f32, 2.0], [3.0, 4.0], [5.0, 6.0]]);
    }

    #[test]
    fn a_missing_file_is_an_io_error_naming_the_path() {
        let path = std::env::temp_dir().join("gridcv-no-such-dir").join("missing.csv");
        let e = load_csv(&path).build().unwrap_err();
        assert!(matches!(&e, Error::Io { path: p, .. } if p == &path), "{e:?}");
        assert!(e.to_string().contains("missing.csv"), "{e}");
    }

    #[test]
    fn a_short_row_names_file_line_and_the_missing_column() {
        let path = temp_csv("ragged.csv", "a,b,price\n1,2,3\n4,5\n");
        let e = load_csv(&path).build().unwrap_err();
        assert_eq!(
            e.to_string(),
            format!(
                "{}, line 3: found 2 fields where the header has 3 (no value for column `price`)",
                path.display()
            )
        );
        let (source, line, _) = parse_error(e);
        assert_eq!((source, line), (path.display().to_string(), Some(3)));
    }

    #[test]
    fn a_long_row_names_line_and_the_last_column() {
        let e = load_csv_str("a,b\n1,2\n3,4\n5,6,7\n").build().unwrap_err();
        assert_eq!(
            e.to_string(),
            "CSV text, line 4: found 3 fields where the header has 2 (extra field after the last column `b`)"
        );
    }

    #[test]
    fn a_non_numeric_feature_cell_names_file_line_and_column() {
        let path = temp_csv("words.csv", "area,rooms,price\n1,2,3\n4,five,6\n");
        let e = load_csv(&path).target("price").build().unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("{}, line 3: column `rooms`: cannot read \"five\" as a number", path.display())
        );
    }

    #[test]
    fn a_non_numeric_target_cell_names_the_target_column() {
        let e = load_csv_str("x,species\n1,setosa\n").build().unwrap_err();
        assert_eq!(e.to_string(), "CSV text, line 2: column `species`: cannot read \"setosa\" as a number");
    }

    #[test]
    fn empty_and_non_finite_cells_are_refused() {
        // An empty feature cell is a missing value; an empty target cell is an error.
        let (_, line, reason) = parse_error(load_csv_str("a,b\n1,2\n3,\n").build().unwrap_err());
        assert_eq!((line, reason.as_str()), (Some(3), "column `b`: empty cell (a target cannot be missing)"));
        let (_, line, reason) = parse_error(load_csv_str("a,b\n1,NaN\n").build().unwrap_err());
        assert_eq!(line, Some(2));
        assert!(reason.starts_with("column `b`: \"NaN\" is not a finite number"), "{reason}");
        let (_, _, reason) = parse_error(load_csv_str("a,b\ninf,1\n").build().unwrap_err());
        assert!(reason.starts_with("column `a`"), "{reason}");
        let (_, line, reason) = parse_error(load_csv_str("a,b\n1,x\n2,\n").build_labels().unwrap_err());
        assert_eq!((line, reason.as_str()), (Some(3), "column `b`: empty label"));
    }

    #[test]
    fn an_unknown_target_lists_the_columns() {
        let e = load_csv_str("area,rooms,price\n1,2,3\n").target("cost").build().unwrap_err();
        assert!(matches!(&e, Error::InvalidParameter { name, .. } if name == "target"), "{e:?}");
        assert_eq!(
        e.to_string(),
        "invalid parameter `target`: CSV text has no column `cost`; its columns are `area`, `rooms`, `price`"
    );
        let e = load_csv_str("a,b\n1,2\n").target_index(2).build().unwrap_err();
        assert!(matches!(&e, Error::InvalidParameter { name, .. } if name == "target_index"), "{e:?}");
        assert!(e.to_string().contains("has 2 columns"), "{e}");
    }

    #[test]
    fn files_without_rows_header_or_features_are_empty() {
        let path = temp_csv("header_only.csv", "a,b,price\n");
        let e = load_csv(&path).build().unwrap_err();
        assert!(
            matches!(e, Error::Empty(ref what) if what.contains("header_only.csv") && what.contains("no data rows")),
            "{e}"
        );
        let e = load_csv(temp_csv("nothing.csv", "")).build().unwrap_err();
        assert!(
            matches!(e, Error::Empty(ref what) if what.contains("nothing.csv") && what.contains("no header")),
            "{e}"
        );
        let e = load_csv_str("price\n1\n2\n").build().unwrap_err();
        assert!(matches!(e, Error::Empty(ref what) if what.contains("target `price`")), "{e}");
    }

    #[test]
    fn a_duplicated_column_name_is_refused() {
        let (_, line, reason) = parse_error(load_csv_str("a,b,a\n1,2,3\n").build().unwrap_err());
        assert_eq!(line, Some(1));
        assert_eq!(reason, "column `a` appears twice in the header (columns 0 and 2)");
    }

    #[test]
    fn invalid_utf8_is_a_parse_error_with_its_line() {
        let path = std::env::temp_dir().join(format!("gridcv-datasets-utf8-{}.csv", std::process::id()));
        std::fs::write(&path, b"a,b\n1,2\n3,\xff\n").unwrap();
        let (source, line, _) = parse_error(load_csv(&path).build().unwrap_err());
        assert_eq!((source, line), (path.display().to_string(), Some(3)));
    }

    #[test]
    fn a_mixed_table_loads_numbers_with_missing_cells_and_text_as_categories() {
        let text = "area,city,rooms,price\n50,Paris,2,300\n,Lyon,3,200\n70,Paris,,350\n40,,1,150\n";
        let data = load_csv_str(text).target("price").build().unwrap();
        assert_eq!(data.feature_names, ["area", "city", "rooms"]);
        assert_eq!(
            data.columns(),
            [
                Column::numeric("area"),
                Column::categorical("city", ["Lyon", "Paris"]),
                Column::numeric("rooms")
            ]
        );
        let nan = f32::NAN;
        let expected = array![[50.0_f32, 1.0, 2.0], [nan, 0.0, 3.0], [70.0, 1.0, nan], [40.0, nan, 1.0]];
        assert!(
            data.x.iter().zip(expected.iter()).all(|(a, b)| a == b || (a.is_nan() && b.is_nan())),
            "{}",
            data.x
        );
        assert_eq!(data.y, array![300.0_f32, 200.0, 350.0, 150.0]);
        // Numbers can be declared categories.
        let coded = load_csv_str(text).target("price").categorical(["rooms"]).build().unwrap();
        assert_eq!(coded.columns()[2], Column::categorical("rooms", ["1", "2", "3"]));
        let e = load_csv_str(text).categorical(["room"]).build().unwrap_err();
        assert!(e.to_string().contains("no feature column `room`"), "{e}");
    }

    #[test]
    fn a_bad_cell_in_a_numeric_column_and_an_all_missing_column_are_named() {
        let (_, line, reason) =
            parse_error(load_csv_str("a,b,y\n1,2,0\n3,4,0\n5,x6,0\n").build().unwrap_err());
        assert_eq!((line, reason.as_str()), (Some(4), "column `b`: cannot read \"x6\" as a number"));
        let e = load_csv_str("a,b,y\n1,,0\n3,,0\n").build().unwrap_err();
        assert!(
            matches!(&e, Error::AllMissing { column, context } if column == "b" && context == "CSV text"),
            "{e}"
        );
    }

    #[test]
    fn a_pandas_index_column_is_dropped_and_other_unnamed_columns_are_refused() {
        // pandas' `df.to_csv(path)`: an unnamed first column holding 0, 1, 2, ...
        let data = load_csv_str(",area,price\n0,50,300\n1,60,310\n2,70,320\n").build().unwrap();
        assert_eq!(data.feature_names, ["area"]);
        assert_eq!(data.x, array![[50.0_f32], [60.0], [70.0]]);
        let (_, line, reason) =
            parse_error(load_csv_str(",area,price\n5,50,300\n9,60,310\n").build().unwrap_err());
        assert_eq!((line, reason.as_str()), (Some(1), "column 0 has no name in the header; name it"));
        let (_, _, reason) = parse_error(load_csv_str("area,,price\n5,50,300\n").build().unwrap_err());
        assert_eq!(reason, "column 1 has no name in the header; name it");
    }

    #[test]
    fn a_semicolon_file_read_with_commas_gets_a_delimiter_hint() {
        let (_, line, reason) =
            parse_error(load_csv_str("area;rooms;price\n50;2;300\n").build().unwrap_err());
        assert_eq!(line, Some(1));
        assert!(reason.contains("`area;rooms;price`") && reason.contains(".delimiter(b';')"), "{reason}");
        let (_, _, reason) = parse_error(load_csv_str("a\tb\n1\t2\n").build().unwrap_err());
        assert!(reason.contains(".delimiter(b'\\t')"), "{reason}");
    }
}

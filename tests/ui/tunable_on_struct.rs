use gridcv::prelude::*;

#[tunable]
struct ModelParams {
    units: usize,
}

fn main() {
    let _params = ModelParams { units: 3 };
}

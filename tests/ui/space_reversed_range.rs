use gridcv::prelude::*;

#[tunable]
fn create_model(meta: &Meta, #[default(10)] units: usize, #[default(0.0)] dropout: f64) -> Vec<usize> {
    let _ = (meta, units, dropout);
    vec![]
}

fn main() {
    let _a = space!(create_model { units: 64..=8 });
    let _b = space!(create_model { units: 8..8 });
    let _c = space!(create_model { dropout: uniform(0.5, 0.1) });
    let _d = space!(create_model { learning_rate: log_uniform(0.0, 1e-1) });
    let _e = space!(create_model { units: 8.. });
}

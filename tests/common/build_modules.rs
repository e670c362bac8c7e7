// The build's model reader (`build/`, with `src/site.rs`), compiled into a test crate so that a test
// can run it on the real model and on broken copies. Included at a test crate's root with
// `include!("common/build_modules.rs")`; its paths are relative to this file.

#[allow(dead_code)]
#[path = "../../build/checks.rs"]
mod checks;
#[allow(dead_code)]
#[path = "../../build/emit.rs"]
mod emit;
#[allow(dead_code)]
#[path = "../../build/kinds.rs"]
mod kinds;
#[allow(dead_code)]
#[path = "../../build/life.rs"]
mod life;
#[allow(dead_code)]
#[path = "../../build/lookups.rs"]
mod lookups;
#[allow(dead_code)]
#[path = "../../build/model.rs"]
mod model;
#[allow(dead_code)]
#[path = "../../build/render.rs"]
mod render;
#[allow(dead_code)]
#[path = "../../src/site.rs"]
mod site;
#[allow(dead_code)]
#[path = "../../build/specs.rs"]
mod specs;

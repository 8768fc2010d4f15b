//! ferry as a library: the store, image, registry, runtime and network subsystems, the command
//! implementations, and the CLI definitions. `src/main.rs` is the thin binary over it; integration
//! tests, fuzz targets and benches link it directly.

pub mod api;
pub mod build;
pub mod cli;
pub mod commands;
pub mod compose;
pub mod config;
pub mod engine;
pub mod image;
pub mod kube;
pub mod monitor;
pub mod network;
pub mod output;
pub mod registry;
pub mod runtime;
pub mod spec;
pub mod store;
pub mod sys;
pub mod yaml;

//! `ferry build`: Containerfile parsing, ignore rules, context, executor and cache.

pub mod ast;
pub mod cache;
pub mod context;
pub mod copy;
pub mod executor;
mod flags;
mod heredoc;
pub mod ignore;
mod lexer;
pub mod parser;
pub mod run_step;
pub mod subst;
pub mod workspace;

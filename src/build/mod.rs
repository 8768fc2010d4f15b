//! `ferry build`: Containerfile parsing, ignore rules, context, executor and cache.

pub mod ast;
mod flags;
mod heredoc;
pub mod ignore;
mod lexer;
pub mod parser;
pub mod subst;
pub mod cache;
pub mod run_step;
pub mod workspace;
pub mod context;
pub mod copy;
pub mod executor;

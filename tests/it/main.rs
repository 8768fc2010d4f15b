//! Integration tests: the real ferry binary, run as root and as the unprivileged `ferrytest`
//! user, against images built offline by `support::fixtures`.

#[macro_use]
mod support;

mod archives;
mod cli;
mod concurrency;
mod containers;
mod crash;
mod detach;
mod harness;
mod hostile;
mod images;
mod import;
mod layers;
mod login;
mod names;
mod nosubids;
mod podman;
mod pull;
mod push;
mod registry;
mod run;
mod system;
mod terminal;
mod unshare;

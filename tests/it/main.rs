//! Integration tests: the real ferry binary, run as root and as the unprivileged `ferrytest`
//! user, against images built offline by `support::fixtures`.

#[macro_use]
mod support;

mod api;
mod archives;
mod build;
mod cgroups;
mod cgroups_v2;
mod check;
mod cli;
mod commit;
mod compose_config;
mod concurrency;
mod container_mount;
mod containers;
mod containers_conf;
mod cp;
mod crash;
mod demo;
mod detach;
mod diff;
mod escapes;
mod exec;
mod export;
mod guest;
mod harness;
mod hostile;
mod images;
mod import;
mod layering;
mod layers;
mod lifecycle;
mod login;
mod names;
mod network_bridges;
mod network_modes;
mod nosubids;
mod podman;
mod pull;
mod push;
mod registry;
mod run;
mod run_mounts;
mod sparse;
mod system;
mod top;
mod tty_containers;
mod tty_registry;
mod unshare;
mod userns;
mod volumes;

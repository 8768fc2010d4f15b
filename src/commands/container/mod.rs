//! The container verbs (`ferry run`, `ps`, `container …`): one file per verb.

pub mod attach;
pub mod commit;
mod conf;
pub mod cp;
pub mod create;
pub mod diff;
pub mod exec;
pub mod exists;
pub mod export;
pub mod inspect;
pub mod kill;
pub mod logs;
pub mod mount;
pub mod port;
pub mod prune;
pub mod ps;
pub mod rename;
pub mod restart;
pub mod rm;
pub mod run;
pub mod start;
pub mod stop;
pub mod top;
pub mod unmount;
pub mod wait;

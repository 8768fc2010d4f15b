//! Attaching to a running container: a connection to its monitor's attach socket, which the
//! caller relays (`monitor::attach::AttachClient`).

use std::os::fd::OwnedFd;

use super::{RunError, RunResult, read_spec, short};
use crate::monitor::attach;
use crate::store::Store;
use crate::store::containers::{ContainerRecord, Status};

/// A connection to a running container's monitor.
pub struct Attached {
    pub record: ContainerRecord,
    pub connection: OwnedFd,
    /// The container has a terminal.
    pub terminal: bool,
    /// It was created with `-i`: its monitor forwards input (and drops it otherwise).
    pub interactive: bool,
}

/// Connects to the monitor of the running container `name`.
pub fn attach(store: &Store, name: &str) -> RunResult<Attached> {
    let containers = store.containers();
    let record = containers.lookup(name)?;
    if containers.refresh(&record)?.status != Status::Running {
        return Err(RunError::AttachNotRunning);
    }
    let connection = match attach::connect(&containers.dir(&record.id)) {
        Ok(sock) => sock,
        // It exited in between: its monitor has closed the socket.
        Err(_) if containers.refresh(&record).is_ok_and(|s| s.status != Status::Running) => {
            return Err(RunError::AttachNotRunning);
        }
        Err(source) => {
            return Err(RunError::ConnectMonitor {
                id: short(&record.id),
                source,
            });
        }
    };
    let spec = read_spec(store, &record.id)?;
    let interactive = containers.read_settings(&record.id)?.interactive;
    Ok(Attached {
        terminal: spec.process().as_ref().and_then(|p| p.terminal()).unwrap_or(false),
        record,
        connection,
        interactive,
    })
}

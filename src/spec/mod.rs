//! What users write, resolved into typed values for the engine, shared by every front end:
//! containers.conf (the defaults under the flags of `run`, read with the same parsers).

pub mod containers_conf;

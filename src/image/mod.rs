//! Images: references, manifests and configs, layer application, archives.

pub mod apply;
pub mod archive;
pub mod check;
pub mod commit;
pub mod copy;
pub mod diff;
pub mod gc;
pub mod import;
pub mod lookup;
pub mod manifest;
pub mod reference;
pub mod sparse;
pub mod unpack;

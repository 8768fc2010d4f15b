//! Images: references, manifests and configs, layer application, archives.

pub mod manifest;
pub mod reference;
pub mod apply;
pub mod unpack;
pub mod lookup;
pub mod gc;
pub mod import;
pub mod archive;

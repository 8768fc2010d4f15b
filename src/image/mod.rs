//! Images: references, manifests and configs, layer application, archives.

pub mod manifest;

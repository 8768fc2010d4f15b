//! Configuration files users already have (registries.conf), with the XDG search order.

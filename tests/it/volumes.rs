//! Named and anonymous volumes: created on first use, kept across containers, the image's
//! content copied in, `volume` commands, `rm -v`, `run --rm`, prune, export and import.

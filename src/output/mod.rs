//! Output for people and scripts: tables, JSON, Go templates, sizes and times.

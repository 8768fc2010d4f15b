//! Pull and push progress on stderr for people: bars on a terminal, one line per finished blob
//! otherwise, nothing with `-q`.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::registry::pull::PullProgress;
use crate::store::Digest;

/// How often a progress bar may be redrawn.
const REDRAW_EVERY: Duration = Duration::from_millis(100);
const BAR_WIDTH: usize = 30;

/// Pull progress on stderr: bars on a terminal, one line per finished blob otherwise, nothing with -q.
pub struct Display {
    mode: Mode,
    bars: Mutex<Bars>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Quiet,
    Lines,
    Bars,
}

#[derive(Default)]
struct Bars {
    rows: Vec<Row>,
    /// Lines of bars currently on screen below the last message.
    drawn: usize,
    last_draw: Option<Instant>,
}

struct Row {
    digest: Digest,
    size: u64,
    received: u64,
    state: RowState,
}

#[derive(PartialEq, Eq)]
enum RowState {
    Running,
    Done,
    Skipped,
}

impl Display {
    pub fn new(quiet: bool) -> Display {
        let mode = if quiet {
            Mode::Quiet
        } else if std::io::stderr().is_terminal() {
            Mode::Bars
        } else {
            Mode::Lines
        };
        Display {
            mode,
            bars: Mutex::new(Bars::default()),
        }
    }

    fn with_bars(&self, f: impl FnOnce(&mut Bars)) {
        let mut bars = self.bars.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut bars);
    }

    fn set_row(&self, digest: &Digest, size: u64, state: RowState) {
        self.with_bars(|b| {
            match b.rows.iter_mut().find(|r| &r.digest == digest) {
                Some(r) => r.state = state,
                None => b.rows.push(Row {
                    digest: digest.clone(),
                    size,
                    received: 0,
                    state,
                }),
            }
            b.redraw();
        });
    }
}

impl PullProgress for Display {
    fn message(&self, text: &str) {
        match self.mode {
            Mode::Quiet => {}
            Mode::Lines => eprintln!("{text}"),
            Mode::Bars => self.with_bars(|b| {
                let mut out = b.clear();
                // Finished bars stay on screen above what follows.
                if b.rows.iter().all(|r| r.state != RowState::Running) {
                    out.push_str(&b.render());
                    b.rows.clear();
                }
                out.push_str(text);
                out.push('\n');
                out.push_str(&b.render());
                b.drawn = b.rows.len();
                write_stderr(&out);
            }),
        }
    }

    fn layer_started(&self, digest: &Digest, size: u64) {
        if self.mode == Mode::Bars {
            self.set_row(digest, size, RowState::Running);
        }
    }

    fn layer_progress(&self, digest: &Digest, bytes: u64) {
        if self.mode != Mode::Bars {
            return;
        }
        self.with_bars(|b| {
            if let Some(r) = b.rows.iter_mut().find(|r| &r.digest == digest) {
                r.received = bytes;
            }
            if b.last_draw.is_none_or(|t| t.elapsed() >= REDRAW_EVERY) {
                b.redraw();
            }
        });
    }

    fn layer_done(&self, digest: &Digest, skipped: bool) {
        match self.mode {
            Mode::Quiet => {}
            Mode::Lines if skipped => eprintln!("Copying blob {} skipped: already exists", digest.short()),
            Mode::Lines => eprintln!("Copying blob {} done", digest.short()),
            Mode::Bars => {
                let state = if skipped { RowState::Skipped } else { RowState::Done };
                self.set_row(digest, 0, state);
            }
        }
    }
}

impl Bars {
    /// Escape sequences that move the cursor back over the bars and erase them.
    fn clear(&self) -> String {
        if self.drawn == 0 {
            String::new()
        } else {
            format!("\x1b[{}A\r\x1b[J", self.drawn)
        }
    }

    fn render(&self) -> String {
        let width = terminal_width().saturating_sub(1).max(20);
        let mut out = String::new();
        for r in &self.rows {
            let line = match r.state {
                RowState::Skipped => format!("Copying blob {} skipped: already exists", r.digest.short()),
                RowState::Done => format!("Copying blob {} done", r.digest.short()),
                RowState::Running => {
                    let filled = if r.size == 0 {
                        0
                    } else {
                        (r.received.min(r.size) as u128 * BAR_WIDTH as u128 / r.size as u128) as usize
                    };
                    format!(
                        "Copying blob {} [{}{}] {} / {}",
                        r.digest.short(),
                        "=".repeat(filled),
                        "-".repeat(BAR_WIDTH - filled),
                        human(r.received),
                        human(r.size)
                    )
                }
            };
            out.extend(line.chars().take(width));
            out.push('\n');
        }
        out
    }

    fn redraw(&mut self) {
        let mut out = self.clear();
        out.push_str(&self.render());
        self.drawn = self.rows.len();
        self.last_draw = Some(Instant::now());
        write_stderr(&out);
    }
}

fn write_stderr(s: &str) {
    let mut err = std::io::stderr().lock();
    // Progress is best effort: a closed stderr must not fail the pull.
    let _ = err.write_all(s.as_bytes());
    let _ = err.flush();
}

/// Sizes as Podman's progress bars show them.
fn human(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut v = n as f64;
    let mut unit = 0;
    while v >= 1024.0 && unit + 1 < UNITS.len() {
        v /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{n}B")
    } else {
        format!("{v:.1}{}", UNITS[unit])
    }
}

/// Columns of the terminal on stderr (80 when unknown).
fn terminal_width() -> usize {
    use std::os::fd::AsFd;
    crate::sys::tty::size(std::io::stderr().as_fd())
        .map(|ws| ws.cols)
        .filter(|&cols| cols > 0)
        .map_or(80, usize::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_sizes() {
        assert_eq!(human(0), "0B");
        assert_eq!(human(1023), "1023B");
        assert_eq!(human(1536), "1.5KiB");
        assert_eq!(human(200 << 20), "200.0MiB");
        assert_eq!(human(u64::MAX), "16777216.0TiB");
    }

    #[test]
    fn bars_render_within_bounds() {
        let d = Digest::of_bytes(b"x");
        let mut b = Bars::default();
        b.rows.push(Row {
            digest: d.clone(),
            size: 10,
            received: 50,
            state: RowState::Running,
        });
        b.rows.push(Row {
            digest: d,
            size: 0,
            received: 7,
            state: RowState::Running,
        });
        let out = b.render();
        assert_eq!(out.lines().count(), 2);
        assert!(out.lines().next().unwrap().contains(&"=".repeat(BAR_WIDTH)));
    }
}

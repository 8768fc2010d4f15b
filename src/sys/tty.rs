//! Terminal window sizes (TIOCGWINSZ, TIOCSWINSZ).

use std::os::fd::{AsRawFd, BorrowedFd};

use nix::errno::Errno;

/// A terminal's size in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WinSize {
    pub rows: u16,
    pub cols: u16,
}

/// The size of the terminal `fd` refers to as the kernel reports it (0 where never set);
/// `None` when `fd` is not a terminal.
pub fn size(fd: BorrowedFd<'_>) -> Option<WinSize> {
    let mut ws = libc::winsize {
        ws_row: 0,
        ws_col: 0,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCGWINSZ writes one struct winsize into `ws`, which we own.
    if unsafe { libc::ioctl(fd.as_raw_fd(), libc::TIOCGWINSZ, &mut ws) } != 0 {
        return None;
    }
    Some(WinSize {
        rows: ws.ws_row,
        cols: ws.ws_col,
    })
}

/// Sets the size of the terminal `fd` (a master or a slave); the foreground process group of
/// the terminal gets SIGWINCH when it changes.
pub fn set_size(fd: BorrowedFd<'_>, size: WinSize) -> Result<(), Errno> {
    let ws = libc::winsize {
        ws_row: size.rows,
        ws_col: size.cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCSWINSZ reads a struct winsize we own.
    if unsafe { libc::ioctl(fd.as_raw_fd(), libc::TIOCSWINSZ, &ws) } != 0 {
        return Err(Errno::last());
    }
    Ok(())
}

//! Extended attributes of a path (a final symlink followed or not) or an open descriptor.
//! Values of any size are read whole (asking the kernel for the size first).

use std::ffi::CString;
use std::io;
use std::os::fd::{AsRawFd, BorrowedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use super::{Error, Result};

fn fail(path: &Path, name: &[u8], source: io::Error) -> Error {
    Error::Xattr {
        path: path.to_path_buf(),
        name: String::from_utf8_lossy(name).into_owned(),
        source,
    }
}

fn cstrings(path: &Path, name: &[u8]) -> Result<(CString, CString)> {
    let invalid = || fail(path, name, io::Error::from(io::ErrorKind::InvalidInput));
    let p = CString::new(path.as_os_str().as_bytes()).map_err(|_| invalid())?;
    let n = CString::new(name).map_err(|_| invalid())?;
    Ok((p, n))
}

/// Calls `f(buffer, len)` first with no buffer to learn the size, then with one that large,
/// again when the value grew in between.
fn sized(mut f: impl FnMut(*mut libc::c_void, usize) -> isize) -> io::Result<Vec<u8>> {
    loop {
        let Ok(len) = usize::try_from(f(std::ptr::null_mut(), 0)) else {
            return Err(io::Error::last_os_error());
        };
        let mut buf = vec![0u8; len];
        match usize::try_from(f(buf.as_mut_ptr().cast(), len)) {
            Ok(n) => {
                buf.truncate(n);
                return Ok(buf);
            }
            Err(_) if io::Error::last_os_error().raw_os_error() == Some(libc::ERANGE) => continue,
            Err(_) => return Err(io::Error::last_os_error()),
        }
    }
}

/// The value of xattr `name` of `path`; `None` when it is not set or the filesystem has no
/// xattrs. A final symlink is followed only with `follow` (which is for `/proc/self/fd/N`
/// links to a directory the caller has open).
pub fn get(path: &Path, name: impl AsRef<[u8]>, follow: bool) -> Result<Option<Vec<u8>>> {
    let name = name.as_ref();
    let (p, n) = cstrings(path, name)?;
    let get = if follow { libc::getxattr } else { libc::lgetxattr };
    // SAFETY: NUL-terminated strings alive for the call; `buf` is null with size 0 (a size
    // query) or a writable buffer of `len` bytes.
    match sized(|buf, len| unsafe { get(p.as_ptr(), n.as_ptr(), buf, len) }) {
        Ok(v) => Ok(Some(v)),
        Err(e) if matches!(e.raw_os_error(), Some(libc::ENODATA) | Some(libc::ENOTSUP)) => Ok(None),
        Err(e) => Err(fail(path, name, e)),
    }
}

/// The names of the xattrs of `path` (none when the filesystem has no xattrs); `follow` as
/// for [`get`].
pub fn list(path: &Path, follow: bool) -> Result<Vec<Vec<u8>>> {
    let p = CString::new(path.as_os_str().as_bytes())
        .map_err(|_| fail(path, b"", io::Error::from(io::ErrorKind::InvalidInput)))?;
    let list = if follow { libc::listxattr } else { libc::llistxattr };
    // SAFETY: a NUL-terminated path alive for the call; `buf` is null with size 0 (a size
    // query) or a writable buffer of `len` bytes.
    match sized(|buf, len| unsafe { list(p.as_ptr(), buf.cast(), len) }) {
        Ok(names) => Ok(names
            .split(|&b| b == 0)
            .filter(|n| !n.is_empty())
            .map(<[u8]>::to_vec)
            .collect()),
        Err(e) if e.raw_os_error() == Some(libc::ENOTSUP) => Ok(Vec::new()),
        Err(e) => Err(fail(path, b"", e)),
    }
}

/// Sets xattr `name` of `path` to `value`; `follow` as for [`get`]. A name with a NUL byte
/// fails with `InvalidInput`.
pub fn set(path: &Path, name: impl AsRef<[u8]>, value: &[u8], follow: bool) -> Result<()> {
    let name = name.as_ref();
    let (p, n) = cstrings(path, name)?;
    let set = if follow { libc::setxattr } else { libc::lsetxattr };
    // SAFETY: NUL-terminated strings and a valid buffer of `value.len()` bytes, all alive for
    // the duration of the call.
    if unsafe { set(p.as_ptr(), n.as_ptr(), value.as_ptr().cast(), value.len(), 0) } != 0 {
        return Err(fail(path, name, io::Error::last_os_error()));
    }
    Ok(())
}

/// Sets xattr `name` of the file open as `fd` to `value`.
pub fn set_fd(fd: BorrowedFd<'_>, name: impl AsRef<[u8]>, value: &[u8]) -> Result<()> {
    let name = name.as_ref();
    let path = Path::new("/proc/self/fd").join(fd.as_raw_fd().to_string());
    let n = CString::new(name).map_err(|_| fail(&path, name, io::Error::from(io::ErrorKind::InvalidInput)))?;
    // SAFETY: `n` is NUL-terminated and `value` a valid buffer of the given length, both alive
    // for the duration of the call; `fd` is an open descriptor.
    if unsafe { libc::fsetxattr(fd.as_raw_fd(), n.as_ptr(), value.as_ptr().cast(), value.len(), 0) } != 0 {
        return Err(fail(&path, name, io::Error::last_os_error()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_get_list_and_absent() {
        let dir = std::env::temp_dir().join(super::super::atomic::unique_name("ferry-xattr-"));
        std::fs::create_dir(&dir).unwrap();
        let f = dir.join("f");
        std::fs::write(&f, b"").unwrap();
        set(&f, "user.ferry.test", b"", false).unwrap();
        let big = vec![b'x'; 3000];
        set(&f, "user.ferry.big", &big, false).unwrap();
        assert_eq!(get(&f, "user.ferry.big", false).unwrap(), Some(big));
        assert_eq!(get(&f, "user.ferry.test", false).unwrap(), Some(Vec::new()));
        assert_eq!(get(&f, "user.ferry.none", false).unwrap(), None);
        let mut names = list(&f, false).unwrap();
        names.retain(|n| n.starts_with(b"user.ferry."));
        names.sort();
        assert_eq!(names, [b"user.ferry.big".to_vec(), b"user.ferry.test".to_vec()]);
        let file = std::fs::File::open(&f).unwrap();
        use std::os::fd::AsFd;
        set_fd(file.as_fd(), "user.ferry.fd", b"1").unwrap();
        assert_eq!(get(&f, "user.ferry.fd", true).unwrap(), Some(b"1".to_vec()));
        let err = set(&f, "user.a\0b", b"", false).unwrap_err().into_io();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        let err = get(&dir.join("missing"), "user.x", false).unwrap_err().into_io();
        assert_eq!(err.raw_os_error(), Some(libc::ENOENT));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

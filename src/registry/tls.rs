//! TLS settings for one registry: the system CA bundle plus the registry's `certs.d` directory (extra CAs
//! `*.crt`, a client certificate `*.cert` with its `*.key`), or no verification for insecure registries.
//!
//! certs.d roots searched for `<host[:port]>/`, all of them used: `$FERRY_CERTS_D` (for tests, which cannot
//! write /etc as an unprivileged user), `/etc/containers/certs.d`, `/etc/docker/certs.d`, and the per-user
//! `$XDG_CONFIG_HOME/containers/certs.d` (`~/.config/…`). `--cert-dir` replaces all of them.

use std::path::{Path, PathBuf};

use ureq::tls::{Certificate, ClientCert, PemItem, PrivateKey, RootCerts, TlsConfig};

use super::RegistryError;

/// The system's CA bundle (Debian's ca-certificates).
const SYSTEM_CA_BUNDLE: &str = "/etc/ssl/certs/ca-certificates.crt";
/// An extra certs.d root, read before the standard ones.
pub const CERTS_D_ENV: &str = "FERRY_CERTS_D";
/// Certificate files bigger than this are not certificates.
const MAX_PEM_FILE: u64 = 1 << 20;

/// The certs.d directories for `host_port`, in the order they are read.
pub fn cert_dirs(host_port: &str, cert_dir: Option<&Path>) -> Vec<PathBuf> {
    if let Some(dir) = cert_dir {
        return vec![dir.to_path_buf()];
    }
    let mut roots: Vec<PathBuf> = Vec::new();
    if let Some(extra) = std::env::var_os(CERTS_D_ENV).filter(|v| !v.is_empty()) {
        roots.push(PathBuf::from(extra));
    }
    roots.push(PathBuf::from("/etc/containers/certs.d"));
    roots.push(PathBuf::from("/etc/docker/certs.d"));
    if let Some(user) = crate::config::user_config_dir() {
        roots.push(user.join("certs.d"));
    }
    // A host_port never contains `/` (checked by the reference grammar), so the join stays inside the root.
    roots.into_iter().map(|r| r.join(host_port)).collect()
}

/// Builds the TLS configuration: verification against the system CAs plus those of `dirs`, or none at all
/// when `insecure`. A client certificate found in `dirs` is used either way.
pub fn config(dirs: &[PathBuf], insecure: bool) -> Result<TlsConfig, RegistryError> {
    let mut roots: Vec<Certificate<'static>> = Vec::new();
    let system = Path::new(SYSTEM_CA_BUNDLE);
    if !insecure && system.exists() {
        roots.extend(read_certs(system)?);
    }
    let mut client: Option<ClientCert> = None;
    for dir in dirs {
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
            Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(source) => {
                return Err(RegistryError::Io {
                    path: dir.clone(),
                    source,
                });
            }
        };
        entries.sort();
        for path in entries {
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            match ext {
                "crt" if !insecure => roots.extend(read_certs(&path)?),
                "cert" => {
                    let key = path.with_extension("key");
                    if !key.exists() {
                        return Err(RegistryError::Certificate {
                            path,
                            message: format!("missing key {}", key.display()),
                        });
                    }
                    if client.is_none() {
                        client = Some(ClientCert::new_with_certs(&read_certs(&path)?, read_key(&key)?));
                    }
                }
                "key" if !path.with_extension("cert").exists() => {
                    return Err(RegistryError::Certificate {
                        path: path.clone(),
                        message: format!("missing client certificate {}", path.with_extension("cert").display()),
                    });
                }
                _ => {}
            }
        }
    }
    let builder = TlsConfig::builder().client_cert(client);
    Ok(if insecure {
        builder.disable_verification(true).build()
    } else if roots.is_empty() {
        // No system bundle (a minimal container): fall back to the bundled Mozilla roots.
        builder.root_certs(RootCerts::WebPki).build()
    } else {
        builder.root_certs(RootCerts::new_with_certs(&roots)).build()
    })
}

fn read_pem(path: &Path) -> Result<Vec<u8>, RegistryError> {
    use std::io::Read;
    let io = |source| RegistryError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut data = Vec::new();
    std::fs::File::open(path)
        .map_err(io)?
        .take(MAX_PEM_FILE)
        .read_to_end(&mut data)
        .map_err(io)?;
    Ok(data)
}

fn read_certs(path: &Path) -> Result<Vec<Certificate<'static>>, RegistryError> {
    let data = read_pem(path)?;
    let mut certs = Vec::new();
    for item in ureq::tls::parse_pem(&data) {
        match item {
            Ok(PemItem::Certificate(c)) => certs.push(c),
            Ok(_) => {}
            Err(e) => {
                return Err(RegistryError::Certificate {
                    path: path.to_path_buf(),
                    message: format!("invalid PEM: {e}"),
                });
            }
        }
    }
    if certs.is_empty() {
        return Err(RegistryError::Certificate {
            path: path.to_path_buf(),
            message: "no PEM certificate found".to_string(),
        });
    }
    Ok(certs)
}

fn read_key(path: &Path) -> Result<PrivateKey<'static>, RegistryError> {
    let data = read_pem(path)?;
    PrivateKey::from_pem(&data).map_err(|_| RegistryError::Certificate {
        path: path.to_path_buf(),
        message: "no PEM private key found".to_string(),
    })
}

/// A TLS failure from rustls, in the words Go's crypto/x509 uses (which users search for); None when `text`
/// does not look like a TLS failure.
pub fn describe_tls_error(text: &str) -> Option<String> {
    let why = if text.contains("UnknownIssuer") {
        "x509: certificate signed by unknown authority"
    } else if text.contains("NotValidForName") {
        "x509: certificate is not valid for this host name"
    } else if text.contains("Expired") {
        "x509: certificate has expired"
    } else if text.contains("NotValidYet") {
        "x509: certificate is not valid yet"
    } else if text.contains("BadSignature") || text.contains("BadEncoding") {
        "x509: invalid certificate"
    } else if text.contains("CorruptMessage") || text.contains("InvalidContentType") || text.contains("corrupt message")
    {
        "the server does not speak TLS (a plain HTTP registry? see --tls-verify=false)"
    } else if text.contains("certificate") || text.contains("HandshakeFailure") || text.contains("AlertReceived") {
        return Some(format!("tls: {text}"));
    } else {
        return None;
    };
    Some(format!("tls: {why}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cert_dir_replaces_the_search_path() {
        assert_eq!(cert_dirs("h:5000", Some(Path::new("/x"))), [PathBuf::from("/x")]);
        let dirs = cert_dirs("h:5000", None);
        assert!(dirs.contains(&PathBuf::from("/etc/containers/certs.d/h:5000")));
    }

    #[test]
    fn reads_certs_d() {
        let dir = std::env::temp_dir().join(crate::store::atomic::unique_name("ferry-tls-test-"));
        std::fs::create_dir_all(&dir).unwrap();
        // Nothing there: fine.
        config(std::slice::from_ref(&dir), false).unwrap();
        // A key without its certificate, a certificate without its key, garbage as a CA: clear errors.
        std::fs::write(dir.join("client.key"), "x").unwrap();
        let msg = config(std::slice::from_ref(&dir), false).unwrap_err().to_string();
        assert!(msg.contains("missing client certificate"), "{msg}");
        std::fs::remove_file(dir.join("client.key")).unwrap();
        std::fs::write(dir.join("client.cert"), "x").unwrap();
        let msg = config(std::slice::from_ref(&dir), false).unwrap_err().to_string();
        assert!(msg.contains("missing key"), "{msg}");
        std::fs::remove_file(dir.join("client.cert")).unwrap();
        std::fs::write(dir.join("ca.crt"), "-----BEGIN CERTIFICATE-----\n!!!\n").unwrap();
        let msg = config(std::slice::from_ref(&dir), false).unwrap_err().to_string();
        assert!(msg.contains("ca.crt"), "{msg}");
        std::fs::write(dir.join("ca.crt"), "not pem at all").unwrap();
        let msg = config(std::slice::from_ref(&dir), false).unwrap_err().to_string();
        assert!(msg.contains("no PEM certificate"), "{msg}");
        // Insecure ignores CAs.
        config(std::slice::from_ref(&dir), true).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn describes_tls_errors() {
        assert_eq!(
            describe_tls_error("invalid peer certificate: UnknownIssuer").unwrap(),
            "tls: x509: certificate signed by unknown authority"
        );
        assert_eq!(describe_tls_error("connection reset"), None);
    }
}

//! `build`: an image from a Containerfile and a build context.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::Error;
use crate::build::context::BuildContext;
use crate::build::executor::{self, BuildOptions, Built, Progress};
use crate::build::parser;
use crate::store::Store;

/// Where the build context comes from.
pub enum ContextSource<'a> {
    /// A directory.
    Dir(PathBuf),
    /// A tar stream (`build -`), unpacked into a temporary directory of the store.
    Tar(&'a mut dyn Read),
}

/// Where the Containerfile comes from.
#[derive(Debug, Clone)]
pub enum ContainerfileSource {
    /// `Containerfile`, else `Dockerfile`, in the context.
    Default,
    /// A path relative to the current directory, else to the context (as `-f` gives it).
    Path(String),
    /// The text itself (`-f -`), named `-` in messages.
    Text(String),
}

/// What to build.
pub struct BuildRequest<'a> {
    pub context: ContextSource<'a>,
    pub containerfile: ContainerfileSource,
    pub options: BuildOptions<'a>,
}

/// Builds the image; the step narrative goes to `progress`. The build enters the rootless user
/// namespace itself, only when a step needs it.
pub fn build(store: &Store, request: BuildRequest, progress: &mut dyn Progress) -> Result<Built, Error> {
    let build_ctx = match request.context {
        ContextSource::Tar(input) => {
            let dir = store.temp_dir("build-context-")?;
            BuildContext::from_tar(input, &dir).map_err(Error::BuildContextStdin)?
        }
        ContextSource::Dir(path) => BuildContext::dir(&path)?,
    };
    let (file_name, text) = containerfile(request.containerfile, build_ctx.root())?;
    let file = parser::parse(&file_name, &text)?;
    Ok(executor::build(store, &file, &build_ctx, &request.options, progress)?)
}

/// The Containerfile's name for messages and its text.
fn containerfile(source: ContainerfileSource, context_dir: &Path) -> Result<(String, String), Error> {
    let file = match source {
        ContainerfileSource::Text(text) => return Ok(("-".into(), text)),
        ContainerfileSource::Path(f) => Some(f),
        ContainerfileSource::Default => None,
    };
    let path = match &file {
        Some(f) => {
            let p = PathBuf::from(f);
            if p.exists() || p.is_absolute() {
                p
            } else {
                context_dir.join(f)
            }
        }
        None => {
            let c = context_dir.join("Containerfile");
            if c.exists() { c } else { context_dir.join("Dockerfile") }
        }
    };
    let text = std::fs::read_to_string(&path).map_err(|source| Error::NoContainerfile {
        context: context_dir.to_path_buf(),
        path: path.clone(),
        source,
    })?;
    let name = match file {
        Some(f) => f,
        None => path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    };
    Ok((name, text))
}

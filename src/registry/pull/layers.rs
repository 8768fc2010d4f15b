//! Downloading an image's layers in parallel while applying them in order.
//!
//! Every layer's chain id is known from the config before anything is downloaded, so a layer is
//! skipped when its chain is unpacked and its compressed blob is stored (both are needed: the blob
//! to push the image back unchanged). Missing blobs are downloaded by up to `jobs` threads, lowest
//! layer first. A layer has to be applied on top of its committed parent (the parents' files are
//! consulted to refuse paths through symlinks), so a download whose parent is already committed
//! streams straight into the layer directory while the compressed bytes go to the blob store;
//! any other download stores only the blob, and the layer is then applied from it by whichever
//! thread commits its parent. Applying runs on two threads (one inflates, one writes files), since
//! layers are applied one after the other. A layer is never held whole in memory, and it is committed
//! only after its compressed blob verified.

use std::collections::{HashSet, VecDeque};
use std::io::{self, BufReader, Read};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};
use std::sync::{Mutex, MutexGuard};

use super::{PullError, PullProgress, Result};
use crate::image::apply::ApplyOptions;
use crate::image::manifest::decompress;
use crate::image::unpack::{StagedLayer, stage_stream};
use crate::registry::client::Client;
use crate::store::blobs::{BlobInfo, BlobWriter};
use crate::store::images::Descriptor;
use crate::store::layers::chain_id;
use crate::store::{Digest, Store};

/// Read buffer between the network (or blob file) and the decompressor.
const BUF_SIZE: usize = 256 * 1024;
/// Decompressed bytes travel to the applying thread in chunks of this size, at most `CHUNKS` of
/// them queued: a layer in flight holds a few MiB, whatever its size.
const CHUNK_SIZE: usize = 1 << 20;
const CHUNKS: usize = 4;

/// What to fetch and where to put it.
pub(super) struct Job<'a> {
    pub store: &'a Store,
    pub client: &'a Client,
    pub repo: &'a str,
    pub layers: &'a [Descriptor],
    /// The config's `rootfs.diff_ids`, one per layer.
    pub diff_ids: &'a [Digest],
    pub apply: &'a ApplyOptions,
    pub jobs: usize,
    pub progress: &'a dyn PullProgress,
}

#[derive(Default)]
struct State {
    /// Layer i's chain is committed.
    applied: Vec<bool>,
    /// Someone is applying layer i (streaming or from its blob).
    claimed: Vec<bool>,
    /// Blobs in the store.
    stored: HashSet<Digest>,
    /// Layers whose blob is to be downloaded (one per distinct blob), lowest first.
    queue: VecDeque<usize>,
    error: Option<PullError>,
    warnings: Vec<String>,
}

struct Shared<'a> {
    job: &'a Job<'a>,
    /// Chain id of each layer.
    chains: Vec<Digest>,
    state: Mutex<State>,
    /// Set on the first error so the other downloads stop early.
    abort: AtomicBool,
}

/// Makes every layer's blob and chain present in the store; returns the warnings of applying them.
pub(super) fn fetch(job: &Job<'_>) -> Result<Vec<String>> {
    let store = job.store;
    let mut chains = Vec::with_capacity(job.layers.len());
    let mut parent: Option<Digest> = None;
    for diff in job.diff_ids {
        let chain = chain_id(parent.as_ref(), diff);
        chains.push(chain.clone());
        parent = Some(chain);
    }
    let mut st = State::default();
    for (i, layer) in job.layers.iter().enumerate() {
        st.applied.push(store.layers().has(&chains[i]));
        st.claimed.push(false);
        if st.stored.contains(&layer.digest) || st.queue.iter().any(|&q| job.layers[q].digest == layer.digest) {
            continue;
        }
        if store.blobs().has(&layer.digest) {
            st.stored.insert(layer.digest.clone());
            job.progress.layer_done(&layer.digest, true);
        } else {
            st.queue.push_back(i);
        }
    }
    let threads = job.jobs.min(st.queue.len());
    let shared = Shared {
        job,
        chains,
        state: Mutex::new(st),
        abort: AtomicBool::new(false),
    };
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| shared.worker());
        }
        // Layers whose blobs are already stored need no download thread to be applied.
        shared.advance();
    });
    shared.advance();
    let st = shared.state.into_inner().unwrap_or_else(|p| p.into_inner());
    if let Some(e) = st.error {
        return Err(e);
    }
    debug_assert!(
        st.applied.iter().all(|a| *a),
        "every layer is applied once all blobs are stored"
    );
    Ok(st.warnings)
}

impl Shared<'_> {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A panicking thread propagates through the scope anyway; the state itself stays usable.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn fail(&self, st: &mut State, e: PullError) {
        if st.error.is_none() {
            st.error = Some(e);
        }
        self.abort.store(true, Ordering::Relaxed);
    }

    fn parent(&self, i: usize) -> Option<&Digest> {
        i.checked_sub(1).map(|p| &self.chains[p])
    }

    fn worker(&self) {
        loop {
            let (i, stream) = {
                let mut st = self.lock();
                if st.error.is_some() {
                    return;
                }
                let Some(i) = st.queue.pop_front() else { return };
                let stream = !st.applied[i] && !st.claimed[i] && (i == 0 || st.applied[i - 1]);
                if stream {
                    st.claimed[i] = true;
                }
                (i, stream)
            };
            let mut warnings = Vec::new();
            let res = self.download(i, stream, &mut warnings);
            {
                let mut st = self.lock();
                match res {
                    Ok(()) => {
                        st.stored.insert(self.job.layers[i].digest.clone());
                        if stream {
                            st.applied[i] = true;
                        }
                        st.warnings.extend(warnings);
                    }
                    Err(e) => {
                        self.fail(&mut st, e);
                        return;
                    }
                }
            }
            self.job.progress.layer_done(&self.job.layers[i].digest, false);
            self.advance();
        }
    }

    /// Applies, in order, every layer whose parent is committed and whose blob is stored.
    fn advance(&self) {
        loop {
            let i = {
                let mut st = self.lock();
                if st.error.is_some() {
                    return;
                }
                let Some(i) = st.applied.iter().position(|a| !a) else {
                    return;
                };
                if st.claimed[i] || !st.stored.contains(&self.job.layers[i].digest) {
                    return;
                }
                st.claimed[i] = true;
                i
            };
            let mut warnings = Vec::new();
            let res = self.apply_from_blob(i, &mut warnings);
            let mut st = self.lock();
            match res {
                Ok(_) => {
                    st.applied[i] = true;
                    st.warnings.extend(warnings);
                }
                Err(e) => {
                    self.fail(&mut st, e);
                    return;
                }
            }
        }
    }

    /// Applies layer i from its stored blob (unless another process committed it meanwhile).
    fn apply_from_blob(&self, i: usize, warnings: &mut Vec<String>) -> Result<()> {
        let store = self.job.store;
        if store.layers().has(&self.chains[i]) {
            return Ok(());
        }
        let mut file = store.blobs().open(&self.job.layers[i].digest)?;
        self.stage(i, &mut file, warnings)?.commit()?;
        Ok(())
    }

    /// Decompresses `compressed` on a helper thread while this one applies the tar stream, so
    /// inflating and writing files use two cores; the layer is left staged, not committed.
    fn stage<'s>(
        &'s self,
        i: usize,
        compressed: &mut (dyn Read + Send),
        warnings: &mut Vec<String>,
    ) -> Result<StagedLayer<'s>> {
        let job = self.job;
        std::thread::scope(|s| {
            let (full_tx, full_rx) = mpsc::sync_channel::<io::Result<Vec<u8>>>(CHUNKS);
            let (empty_tx, empty_rx) = mpsc::channel::<Vec<u8>>();
            s.spawn(move || inflate(compressed, &full_tx, &empty_rx));
            let mut tar = ChunkReader {
                full: full_rx,
                empty: empty_tx,
                chunk: Vec::new(),
                pos: 0,
            };
            // Dropping the reader on an early error makes the helper's next send fail, ending it.
            stage_stream(
                job.store,
                self.parent(i),
                &mut tar,
                &job.layers[i].digest,
                Some(&job.diff_ids[i]),
                job.apply,
                warnings,
            )
            .map_err(PullError::from)
        })
    }

    /// Downloads layer i's blob into the store, and when `stream` also applies and commits the layer.
    fn download(&self, i: usize, stream: bool, warnings: &mut Vec<String>) -> Result<()> {
        let job = self.job;
        let desc = &job.layers[i];
        let expected = BlobInfo {
            digest: desc.digest.clone(),
            size: desc.size,
        };
        job.progress.layer_started(&desc.digest, desc.size);
        let body = job.client.get_blob(job.repo, &desc.digest)?;
        let mut tee = Tee {
            // One byte more than announced, so an oversized blob fails verification without being
            // downloaded whole.
            body: body.take(desc.size.saturating_add(1)),
            writer: BlobWriter::create(job.store)?,
            received: 0,
            digest: &desc.digest,
            progress: job.progress,
            abort: &self.abort,
        };
        let download_err = |source| PullError::Download {
            digest: desc.digest.clone(),
            source,
        };
        if !stream {
            io::copy(&mut tee, &mut io::sink()).map_err(download_err)?;
            tee.writer.commit(job.store, Some(&expected))?;
            return Ok(());
        }
        let staged = self.stage(i, &mut tee, warnings);
        // The compressed stream may go on after the end of the tar (padding, a trailing frame):
        // the blob is all of it.
        let drained = io::copy(&mut tee, &mut io::sink());
        let staged = match (staged, drained) {
            (Ok(staged), Ok(_)) => staged,
            (Ok(_), Err(e)) => return Err(download_err(e)),
            // A bad download explains a failed unpack better than the unpack error does.
            (Err(e), Ok(_)) => {
                tee.writer.commit(job.store, Some(&expected))?;
                return Err(e);
            }
            (Err(e), Err(_)) => return Err(e),
        };
        tee.writer.commit(job.store, Some(&expected))?;
        staged.commit()?;
        Ok(())
    }
}

/// The helper thread of [`Shared::stage`]: fills chunks with decompressed bytes until the end of
/// the stream, an error (passed on to the reader), or the reader going away.
fn inflate(compressed: &mut (dyn Read + Send), full: &SyncSender<io::Result<Vec<u8>>>, empty: &Receiver<Vec<u8>>) {
    let mut tar = match decompress(BufReader::with_capacity(BUF_SIZE, compressed)) {
        Ok(t) => t,
        Err(e) => {
            let _ = full.send(Err(e));
            return;
        }
    };
    loop {
        let mut chunk = empty.try_recv().unwrap_or_else(|_| Vec::with_capacity(CHUNK_SIZE));
        chunk.resize(CHUNK_SIZE, 0);
        let mut filled = 0;
        let res = loop {
            match tar.read(&mut chunk[filled..]) {
                Ok(0) => break Ok(()),
                Ok(n) => {
                    filled += n;
                    if filled == chunk.len() {
                        break Ok(());
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => break Err(e),
            }
        };
        chunk.truncate(filled);
        let last = filled < CHUNK_SIZE || res.is_err();
        if filled > 0 && full.send(Ok(chunk)).is_err() {
            return;
        }
        if let Err(e) = res {
            let _ = full.send(Err(e));
            return;
        }
        if last {
            return;
        }
    }
}

/// The reading end of [`inflate`]: the decompressed stream, chunk by chunk.
struct ChunkReader {
    full: Receiver<io::Result<Vec<u8>>>,
    /// Used chunks go back to the helper to be filled again.
    empty: Sender<Vec<u8>>,
    chunk: Vec<u8>,
    pos: usize,
}

impl Read for ChunkReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.pos == self.chunk.len() {
            match self.full.recv() {
                Ok(Ok(next)) => {
                    let used = std::mem::replace(&mut self.chunk, next);
                    let _ = self.empty.send(used);
                    self.pos = 0;
                }
                Ok(Err(e)) => return Err(e),
                // The helper finished: end of stream.
                Err(_) => return Ok(0),
            }
        }
        let n = buf.len().min(self.chunk.len() - self.pos);
        buf[..n].copy_from_slice(&self.chunk[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// Copies everything read from a blob's HTTP body into its blob file, reporting progress.
struct Tee<'a, R> {
    body: R,
    writer: BlobWriter,
    received: u64,
    digest: &'a Digest,
    progress: &'a dyn PullProgress,
    abort: &'a AtomicBool,
}

impl<R: Read> Read for Tee<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.abort.load(Ordering::Relaxed) {
            return Err(io::Error::other("pull aborted"));
        }
        let n = self.body.read(buf)?;
        io::Write::write_all(&mut self.writer, &buf[..n])?;
        if n > 0 {
            self.received += n as u64;
            self.progress.layer_progress(self.digest, self.received);
        }
        Ok(n)
    }
}

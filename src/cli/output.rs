//! Where command output goes: standard output, or a file that appears whole
//! or not at all and never replaces one of the inputs.
//!
//! A file named with `-o` is treated as what it is: a symbolic link is
//! followed and its target replaced (the link stays); a device, FIFO or
//! stream (`/dev/null`, `/dev/stdout`) is written through, never replaced by
//! a regular file; a read-only file is refused, and a replaced file keeps
//! its permissions.

use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use stakenet::batch::{OutputFile, RunRecord, RunSection};

/// Write `bytes` to standard output, or to `output` (see [`destination`]),
/// refusing to replace any of `inputs` ("refusing to write {what} over the
/// input file …").
pub(crate) fn write_output(
    output: Option<&Path>,
    bytes: &[u8],
    inputs: &[&Path],
    what: &str,
) -> anyhow::Result<()> {
    match output {
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes)?;
            out.flush()?;
            Ok(())
        }
        Some(path) => {
            if let Some(input) = inputs.iter().find(|input| same_file(path, input)) {
                bail!(
                    "refusing to write {what} over the input file {}",
                    input.display()
                );
            }
            match destination(path)? {
                Destination::Replace { path, mode } => write_atomically(&path, bytes, mode),
                Destination::Through(path) => {
                    let mut file = open_through(&path)?;
                    file.write_all(bytes)
                        .and_then(|_| file.flush())
                        .with_context(|| format!("cannot write {}", path.display()))
                }
            }
        }
    }
}

/// Whether two paths name the same existing file (through symbolic links,
/// `..` and hard links: the same device and inode on Unix, the same volume
/// and file index on Windows).
///
/// On Unix this reads metadata only: opening a FIFO to compare it would
/// block until someone writes to it.
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        same_file::is_same_file(a, b).unwrap_or(false)
    }
}

/// How a write to a path named on the command line is done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Destination {
    /// A regular file, existing or not, at this path (symbolic links
    /// followed), replaced whole; the permissions of the file it replaces.
    Replace {
        /// The file written.
        path: PathBuf,
        /// Its permission bits now, if it exists.
        mode: Option<u32>,
    },
    /// A device, FIFO or stream, opened and written as it is.
    Through(PathBuf),
}

/// Follow the symbolic links of `path` (not of its folders) to the name
/// they end at, which need not exist.
fn follow_links(path: &Path) -> anyhow::Result<PathBuf> {
    let mut path = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = std::fs::read_link(&path)
                    .with_context(|| format!("cannot read the link {}", path.display()))?;
                path = match path.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            _ => return Ok(path),
        }
    }
    bail!("{}: too many levels of symbolic links", path.display())
}

/// A regular file under `/dev` or `/proc` is an open stream seen through a
/// link (`/dev/stdout` when standard output is a file): written through.
fn is_stream_alias(path: &Path) -> bool {
    path.is_absolute() && (path.starts_with("/dev") || path.starts_with("/proc"))
}

/// How to write to `path`: see [`Destination`]. A folder or a read-only
/// file is refused.
pub(crate) fn destination(path: &Path) -> anyhow::Result<Destination> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => bail!("{} is a folder; name a file", path.display()),
        Ok(meta) if !meta.is_file() => Ok(Destination::Through(path.to_path_buf())),
        Ok(_) if is_stream_alias(path) => Ok(Destination::Through(path.to_path_buf())),
        Ok(meta) => {
            if meta.permissions().readonly() {
                bail!(
                    "refusing to replace the read-only file {}; make it writable or name another file",
                    path.display()
                );
            }
            Ok(Destination::Replace {
                path: follow_links(path)?,
                mode: mode_of(&meta),
            })
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Destination::Replace {
            path: follow_links(path)?,
            mode: None,
        }),
        Err(e) => Err(e).with_context(|| format!("cannot write {}", path.display())),
    }
}

/// The place a path names, for telling whether two outputs are the same
/// file: its links followed and its folder made absolute.
pub(crate) fn resolved(path: &Path) -> PathBuf {
    let Ok(path) = follow_links(path) else {
        return path.to_path_buf();
    };
    if let Ok(real) = std::fs::canonicalize(&path) {
        return real;
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    match (std::fs::canonicalize(dir), path.file_name()) {
        (Ok(dir), Some(name)) => dir.join(name),
        _ => path,
    }
}

#[cfg(unix)]
fn mode_of(meta: &std::fs::Metadata) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    Some(meta.permissions().mode() & 0o7777)
}

#[cfg(not(unix))]
fn mode_of(_: &std::fs::Metadata) -> Option<u32> {
    None
}

/// Open a device, FIFO or stream for writing as it is (appending, so that
/// a stream redirected to a file with `>>` keeps what it holds).
fn open_through(path: &Path) -> anyhow::Result<File> {
    OpenOptions::new()
        .append(true)
        .open(path)
        .with_context(|| format!("cannot write {}", path.display()))
}

/// Give the file the permissions of the one it replaces, or an ordinary
/// file's (0644) when it is new.
fn set_mode(file: &File, path: &Path, mode: Option<u32>) -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(mode.unwrap_or(0o644)))
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    #[cfg(not(unix))]
    let _ = (file, path, mode);
    Ok(())
}

/// Write to a temporary file beside `path`, then rename it over `path`: a
/// failure at any point leaves no partial file and any earlier one intact.
/// The file gets `mode` (the replaced file's permissions) or 0644.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8], mode: Option<u32>) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".stakenet-")
        .tempfile_in(dir)
        .with_context(|| format!("cannot write in {}", dir.display()))?;
    set_mode(tmp.as_file(), path, mode)?;
    tmp.write_all(bytes)
        .and_then(|_| tmp.as_file().sync_all())
        .with_context(|| format!("cannot write {}", path.display()))?;
    tmp.persist(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// True when the error is a closed output pipe (`stakenet … | head`).
pub(crate) fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// `FILE.partial`: where a batch writes FILE until it is complete.
pub(crate) fn partial_path(path: &Path) -> PathBuf {
    with_suffix(path, ".partial")
}

/// `FILE.run.json`: the run record beside a batch output (see
/// [`stakenet::batch::RunRecord`]); also the file a run locks.
pub(crate) fn record_path(path: &Path) -> PathBuf {
    with_suffix(path, ".run.json")
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// Options that open without following a symbolic link at the last step.
fn no_follow() -> OpenOptions {
    #[allow(unused_mut)]
    let mut options = OpenOptions::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
    }
    options
}

/// Take an exclusive lock on `file` without waiting; false when another
/// process holds it.
#[cfg(unix)]
fn try_lock(file: &File) -> std::io::Result<bool> {
    use rustix::fs::{flock, FlockOperation};
    match flock(file, FlockOperation::NonBlockingLockExclusive) {
        Ok(()) => Ok(true),
        Err(e) if e == rustix::io::Errno::WOULDBLOCK => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(unix))]
fn try_lock(_: &File) -> std::io::Result<bool> {
    Ok(true)
}

/// A batch output taken by this run: its record file locked (a second run
/// on the same output is refused) and read.
pub(crate) struct Claim {
    destination: Destination,
    /// The locked record file; none for a device or stream.
    record_file: Option<File>,
    /// The record the earlier run left (empty when none).
    pub(crate) earlier: RunRecord,
}

impl Claim {
    /// Take the output `named`: create its folder when missing, lock its
    /// record and read it.
    pub(crate) fn take(named: &Path) -> anyhow::Result<Claim> {
        if let Some(dir) = named.parent().filter(|d| !d.as_os_str().is_empty()) {
            if !dir.exists() {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("cannot create the folder {}", dir.display()))?;
            }
        }
        let destination = destination(named)?;
        let Destination::Replace { path, .. } = &destination else {
            return Ok(Claim {
                destination,
                record_file: None,
                earlier: RunRecord::default(),
            });
        };
        let record = record_path(path);
        let mut file = no_follow()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&record)
            .with_context(|| format!("cannot open the run record {}", record.display()))?;
        if !file.metadata()?.is_file() {
            bail!("{} is not a regular file; remove it", record.display());
        }
        if !try_lock(&file).with_context(|| format!("cannot lock {}", record.display()))? {
            bail!(
                "another stakenet batch is writing {} (it holds the lock on {}); \
                 wait for it to finish or stop it, then run again (with --resume to keep its rows)",
                named.display(),
                record.display()
            );
        }
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)
            .with_context(|| format!("cannot read {}", record.display()))?;
        let earlier = RunRecord::parse(&record.display().to_string(), &bytes)?;
        Ok(Claim {
            destination,
            record_file: Some(file),
            earlier,
        })
    }

    /// The output's earlier files (the finished one and the `.partial`)
    /// read back, each with the record section that describes it. A
    /// `.partial` that is a link or not a regular file is not read.
    pub(crate) fn earlier_outputs(&self) -> anyhow::Result<Vec<(OutputFile, Option<RunSection>)>> {
        let Destination::Replace { path, .. } = &self.destination else {
            return Ok(Vec::new());
        };
        let mut found = Vec::new();
        for (file, section) in [
            (path.clone(), &self.earlier.output),
            (partial_path(path), &self.earlier.partial),
        ] {
            match std::fs::symlink_metadata(&file) {
                Ok(m) if m.is_file() => {}
                _ => continue,
            }
            let mut bytes = Vec::new();
            no_follow()
                .read(true)
                .open(&file)
                .and_then(|mut f| f.read_to_end(&mut bytes))
                .with_context(|| format!("cannot read {}", file.display()))?;
            let table = OutputFile::parse(&file.display().to_string(), &bytes)?;
            found.push((table, section.clone()));
        }
        Ok(found)
    }

    /// Start writing: record `section` as the `.partial`'s and create
    /// `FILE.partial` afresh (exclusively, never through a link).
    pub(crate) fn start(self, section: RunSection) -> anyhow::Result<Out> {
        let Claim {
            destination,
            record_file,
            mut earlier,
        } = self;
        let (path, mode) = match destination {
            Destination::Through(path) => {
                let file = open_through(&path)?;
                return Ok(Out {
                    target: Target::Through(path),
                    writer: Writer::File(BufWriter::new(file)),
                });
            }
            Destination::Replace { path, mode } => (path, mode),
        };
        let record_file = record_file.expect("a file output has a record");
        earlier.partial = Some(section);
        write_record(&record_file, &record_path(&path), &earlier)?;
        let partial = partial_path(&path);
        match std::fs::symlink_metadata(&partial) {
            Ok(m) if m.is_dir() => bail!("{} is a folder; remove it", partial.display()),
            Ok(_) => std::fs::remove_file(&partial)
                .with_context(|| format!("cannot replace {}", partial.display()))?,
            Err(_) => {}
        }
        let file = no_follow()
            .write(true)
            .create_new(true)
            .open(&partial)
            .with_context(|| format!("cannot write {}", partial.display()))?;
        Ok(Out {
            target: Target::File {
                path,
                mode,
                record_file,
                record: Box::new(earlier),
            },
            writer: Writer::File(BufWriter::new(file)),
        })
    }
}

/// Replace the content of the (locked) record file.
fn write_record(file: &File, path: &Path, record: &RunRecord) -> anyhow::Result<()> {
    use std::io::{Seek, SeekFrom};
    let mut f = file;
    f.set_len(0)
        .and_then(|_| f.seek(SeekFrom::Start(0)))
        .and_then(|_| f.write_all(&record.to_bytes()))
        .and_then(|_| f.sync_all())
        .with_context(|| format!("cannot write {}", path.display()))
}

/// A batch output being written: `FILE.partial` renamed to FILE when
/// complete, a device or stream written through, or standard output.
pub(crate) struct Out {
    target: Target,
    writer: Writer,
}

enum Target {
    File {
        path: PathBuf,
        mode: Option<u32>,
        record_file: File,
        record: Box<RunRecord>,
    },
    Through(PathBuf),
    Stdout,
}

enum Writer {
    File(BufWriter<File>),
    Stdout(BufWriter<std::io::Stdout>),
}

impl Out {
    pub(crate) fn stdout() -> Out {
        Out {
            target: Target::Stdout,
            writer: Writer::Stdout(BufWriter::new(std::io::stdout())),
        }
    }

    pub(crate) fn write(&mut self, bytes: &[u8]) -> anyhow::Result<()> {
        let result = match &mut self.writer {
            Writer::File(w) => w.write_all(bytes),
            Writer::Stdout(w) => w.write_all(bytes),
        };
        result.with_context(|| self.name())
    }

    /// Push buffered rows to the file.
    pub(crate) fn flush(&mut self) -> anyhow::Result<()> {
        let result = match &mut self.writer {
            Writer::File(w) => w.flush(),
            Writer::Stdout(w) => w.flush(),
        };
        result.with_context(|| self.name())
    }

    fn name(&self) -> String {
        match &self.target {
            Target::File { path, .. } => format!("cannot write {}", partial_path(path).display()),
            Target::Through(path) => format!("cannot write {}", path.display()),
            Target::Stdout => "cannot write to standard output".to_string(),
        }
    }

    pub(crate) fn finish(self) -> anyhow::Result<()> {
        let name = self.name();
        match (self.writer, self.target) {
            (
                Writer::File(w),
                Target::File {
                    path,
                    mode,
                    record_file,
                    mut record,
                },
            ) => {
                let file = w
                    .into_inner()
                    .map_err(|e| e.into_error())
                    .context(name.clone())?;
                set_mode(&file, &path, mode)?;
                file.sync_all().context(name.clone())?;
                std::fs::rename(partial_path(&path), &path).context(name)?;
                record.output = record.partial.take();
                write_record(&record_file, &record_path(&path), &record)?;
            }
            (Writer::File(w), _) => {
                w.into_inner().map_err(|e| e.into_error()).context(name)?;
            }
            (Writer::Stdout(mut w), _) => w.flush().context(name)?,
        }
        Ok(())
    }
}

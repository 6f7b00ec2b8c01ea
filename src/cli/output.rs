//! Where command output goes: standard output, or a file that appears whole
//! or not at all and never replaces one of the inputs.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};

/// Write `bytes` to standard output, or atomically to `output`, refusing
/// to replace any of `inputs` ("refusing to write {what} over the input
/// file …").
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
            write_atomically(path, bytes)
        }
    }
}

/// Whether two paths name the same existing file (through symbolic links,
/// `..` and hard links: the same device and inode on Unix, the same volume
/// and file index on Windows).
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    same_file::is_same_file(a, b).unwrap_or(false)
}

/// Write to a temporary file beside `path`, then rename it over `path`: a
/// failure at any point leaves no partial file and any earlier one intact.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".stakenet-")
        .tempfile_in(dir)
        .with_context(|| format!("cannot write in {}", dir.display()))?;
    // tempfile creates the file private (0600); a report is an ordinary
    // file, readable as any other the user writes.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
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

/// A file written as `FILE.partial` and renamed to FILE when complete, or
/// standard output.
pub(crate) struct Out {
    path: Option<PathBuf>,
    writer: Writer,
}

enum Writer {
    File(BufWriter<File>),
    Stdout(BufWriter<std::io::Stdout>),
}

pub(crate) fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    path.with_file_name(name)
}

impl Out {
    pub(crate) fn create(path: &Path) -> anyhow::Result<Out> {
        let partial = partial_path(path);
        let file = File::create(&partial)
            .with_context(|| format!("cannot write {}", partial.display()))?;
        Ok(Out {
            path: Some(path.to_path_buf()),
            writer: Writer::File(BufWriter::new(file)),
        })
    }

    pub(crate) fn stdout() -> Out {
        Out {
            path: None,
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
        match &self.path {
            Some(p) => format!("cannot write {}", partial_path(p).display()),
            None => "cannot write to standard output".to_string(),
        }
    }

    pub(crate) fn finish(self) -> anyhow::Result<()> {
        let name = self.name();
        match (self.writer, self.path) {
            (Writer::File(w), Some(path)) => {
                let file = w
                    .into_inner()
                    .map_err(|e| e.into_error())
                    .context(name.clone())?;
                file.sync_all().context(name.clone())?;
                std::fs::rename(partial_path(&path), &path).context(name)?;
            }
            (Writer::Stdout(mut w), _) => w.flush().context(name)?,
            (Writer::File(_), None) => unreachable!("a file output has a path"),
        }
        Ok(())
    }
}

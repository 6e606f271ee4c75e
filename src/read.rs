//! Reading files and streams with a bound on what is held in memory.
//!
//! A path can name anything: `/dev/zero`, a FIFO, a log that never ends, a
//! multi-gigabyte dump. Reading "to the end" would then grow without limit
//! or wait for ever. Every read here stops at a size limit (an error that
//! says so), and stops early at the first NUL byte, which already makes the
//! input a binary file; configuration and rule files must moreover be
//! regular files, so a FIFO named `*.yaml` is an error, not a wait.

use std::fmt;
use std::io::{self, Read};
use std::path::Path;

/// The most bytes read from one article by default: far above any article,
/// low enough that a wrong path cannot take the machine's memory.
pub const DEFAULT_ARTICLE_LIMIT: u64 = 64 << 20;

/// The most bytes read from one configuration or rule file.
pub const YAML_LIMIT: u64 = 16 << 20;

/// How much is read at a time, and so how far past a NUL a read may go.
const CHUNK: u64 = 64 << 10;

/// Why a read gave no bytes to decode.
#[derive(Debug)]
pub enum ReadError {
    /// The system refused the read.
    Io(io::Error),
    /// The input holds more than `limit` bytes.
    TooLarge { limit: u64 },
    /// The path is a FIFO, a device or a socket, where a regular file is needed.
    NotAFile,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "{e}"),
            ReadError::TooLarge { limit } => {
                write!(
                    f,
                    "larger than {}, the most read from one file",
                    size(*limit)
                )
            }
            ReadError::NotAFile => {
                write!(f, "not a regular file (a FIFO, a device or a socket)")
            }
        }
    }
}

impl std::error::Error for ReadError {}

/// A byte count for people: whole MiB or KiB when exact, else bytes.
pub fn size(bytes: u64) -> String {
    if bytes >= 1 << 20 && bytes % (1 << 20) == 0 {
        format!("{} MiB", bytes >> 20)
    } else if bytes >= 1 << 10 && bytes % (1 << 10) == 0 {
        format!("{} KiB", bytes >> 10)
    } else {
        format!("{bytes} bytes")
    }
}

/// Reads `reader` to its end, or to just past its first NUL byte, holding
/// at most `limit` bytes. `hint` (the file's size, when known) sizes the
/// buffer up front.
pub fn stream(reader: impl Read, limit: u64, hint: u64) -> Result<Vec<u8>, ReadError> {
    let mut reader = reader;
    let mut bytes = Vec::with_capacity(hint.min(limit).saturating_add(1) as usize);
    loop {
        let before = bytes.len();
        // One byte past the limit tells a file of exactly `limit` bytes
        // from a larger one.
        let room = (limit + 1).saturating_sub(before as u64).min(CHUNK);
        let read = (&mut reader)
            .take(room)
            .read_to_end(&mut bytes)
            .map_err(ReadError::Io)?;
        if bytes.len() as u64 > limit {
            return Err(ReadError::TooLarge { limit });
        }
        if read == 0 || memchr::memchr(0, &bytes[before..]).is_some() {
            return Ok(bytes);
        }
    }
}

/// Reads a file named on the command line: anything that can be opened,
/// devices and FIFOs included (`<(command)` is a FIFO), within `limit`.
pub fn any_file(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let hint = file
        .metadata()
        .map_or(0, |m| if m.is_file() { m.len() } else { 0 });
    if hint > limit {
        return Err(ReadError::TooLarge { limit });
    }
    stream(file, limit, hint)
}

/// Reads a configuration or rule file as text: a regular file (checked
/// before opening, since opening a FIFO waits for a writer) of at most
/// [`YAML_LIMIT`] bytes, in UTF-8.
pub fn yaml_file(path: &Path) -> Result<String, ReadError> {
    let meta = std::fs::metadata(path).map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile);
    }
    let bytes = any_file(path, YAML_LIMIT)?;
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        ReadError::Io(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("not valid UTF-8 (first invalid byte at offset {offset})"),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that never ends, counting the bytes handed out.
    struct Endless<'a> {
        byte: u8,
        given: &'a mut u64,
    }

    impl Read for Endless<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            buf.fill(self.byte);
            *self.given += buf.len() as u64;
            Ok(buf.len())
        }
    }

    #[test]
    fn an_endless_stream_of_nul_stops_at_the_first_chunk() {
        let mut given = 0;
        let bytes = stream(
            Endless {
                byte: 0,
                given: &mut given,
            },
            DEFAULT_ARTICLE_LIMIT,
            0,
        )
        .unwrap();
        assert_eq!(bytes[0], 0);
        assert!(given <= CHUNK, "{given} bytes read");
    }

    #[test]
    fn an_endless_stream_of_text_stops_at_the_limit() {
        let mut given = 0;
        let err = stream(
            Endless {
                byte: b'a',
                given: &mut given,
            },
            1 << 20,
            0,
        )
        .unwrap_err();
        assert!(matches!(err, ReadError::TooLarge { limit } if limit == 1 << 20));
        assert!(err.to_string().contains("1 MiB"), "{err}");
        assert!(given <= (1 << 20) + CHUNK, "{given} bytes read");
    }

    #[test]
    fn a_stream_of_exactly_the_limit_is_read_whole() {
        let text = vec![b'a'; 1000];
        assert_eq!(stream(&text[..], 1000, 0).unwrap(), text);
        assert!(matches!(
            stream(&text[..], 999, 0),
            Err(ReadError::TooLarge { limit: 999 })
        ));
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_not_yaml_files() {
        let err = yaml_file(Path::new("/dev/zero")).unwrap_err();
        assert!(matches!(err, ReadError::NotAFile), "{err}");
        let bytes = any_file(Path::new("/dev/zero"), DEFAULT_ARTICLE_LIMIT).unwrap();
        assert!(bytes.len() as u64 <= CHUNK);
    }
}

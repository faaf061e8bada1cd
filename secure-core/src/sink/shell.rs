//! Shell: commands whose program is a literal and whose arguments are argv elements.
//!
//! [`SafeCommand`] wraps [`std::process::Command`], which starts the program directly
//! (`execve`), never through a shell: quotes, `;`, `|`, `$(..)` and globs in an argument are
//! plain characters. The `command!` macro takes the program as a string literal, so the
//! program itself cannot come from input, and tells literal arguments (written in the
//! program, trusted) from every other argument (untrusted):
//!
//! ```
//! let branch = "main; rm -rf /";
//! let command = secure::command!("git", "log", "--oneline", "--", branch).unwrap();
//! let args: Vec<_> = command.get_args().collect();
//! assert_eq!(args, ["log", "--oneline", "--", "main; rm -rf /"]);
//! ```
//!
//! An untrusted argument must not start with `-` unless it comes after a literal `"--"`
//! (end of options): otherwise the program's option parser would read data as a flag, as in
//! `git clone --upload-pack=...` or `ssh -oProxyCommand=...`. Arguments holding NUL are
//! refused, because the operating system would cut them short.
//!
//! ```
//! use secure::sink::shell::CommandError;
//!
//! let repo = "--upload-pack=touch /tmp/pwn";
//! assert_eq!(secure::command!("git", "clone", repo).unwrap_err(), CommandError::LooksLikeOption);
//! assert!(secure::command!("git", "clone", "--", repo).is_ok());
//! ```
//!
//! What is *not* guaranteed: some programs take no `--` (or read options after it), and some
//! run their arguments as code by design (`sh -c`, `find -exec`, `git -c`); which program to
//! call with which literal options is the program's author's choice. The program name is
//! looked up in `PATH` as `std::process::Command` does; write an absolute path to pin it.

use core::fmt;
use std::borrow::Cow;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Output, Stdio};

/// A command built from a literal program and checked arguments.
#[derive(Debug)]
pub struct SafeCommand {
    command: Command,
    after_separator: bool,
}

impl SafeCommand {
    pub(crate) fn from_trusted(program: &OsStr) -> Self {
        SafeCommand {
            command: Command::new(program),
            after_separator: false,
        }
    }

    pub(crate) fn trusted_arg(&mut self, arg: &OsStr) -> &mut Self {
        if arg == "--" {
            self.after_separator = true;
        }
        self.command.arg(arg);
        self
    }

    /// Appends an untrusted argument as one argv element.
    ///
    /// It is refused if it holds NUL, or if it starts with `-` and no `--` came before.
    ///
    /// ```
    /// let mut command = secure::command!("grep", "-F", "-e").unwrap();
    /// command.arg("needle").unwrap();
    /// assert!(command.arg("-v").is_err());
    /// command.end_of_options().arg("-v").unwrap();
    /// ```
    pub fn arg(&mut self, value: impl CommandArg) -> Result<&mut Self, CommandError> {
        let value = value.to_os_str();
        check_untrusted(&value, self.after_separator)?;
        self.command.arg(value);
        Ok(self)
    }

    /// Appends `--`, after which untrusted arguments may start with `-`.
    pub fn end_of_options(&mut self) -> &mut Self {
        self.trusted_arg(OsStr::new("--"))
    }

    /// Sets the working directory.
    pub fn current_dir(&mut self, dir: impl AsRef<Path>) -> &mut Self {
        self.command.current_dir(dir);
        self
    }

    /// Sets an environment variable.
    pub fn env(&mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> &mut Self {
        self.command.env(key, value);
        self
    }

    /// Removes an environment variable.
    pub fn env_remove(&mut self, key: impl AsRef<OsStr>) -> &mut Self {
        self.command.env_remove(key);
        self
    }

    /// Starts from an empty environment.
    pub fn env_clear(&mut self) -> &mut Self {
        self.command.env_clear();
        self
    }

    /// Sets standard input.
    pub fn stdin(&mut self, stdio: impl Into<Stdio>) -> &mut Self {
        self.command.stdin(stdio);
        self
    }

    /// Sets standard output.
    pub fn stdout(&mut self, stdio: impl Into<Stdio>) -> &mut Self {
        self.command.stdout(stdio);
        self
    }

    /// Sets standard error.
    pub fn stderr(&mut self, stdio: impl Into<Stdio>) -> &mut Self {
        self.command.stderr(stdio);
        self
    }

    /// Runs the command and collects its output.
    pub fn output(&mut self) -> std::io::Result<Output> {
        self.command.output()
    }

    /// Runs the command and waits for it.
    pub fn status(&mut self) -> std::io::Result<ExitStatus> {
        self.command.status()
    }

    /// Starts the command.
    pub fn spawn(&mut self) -> std::io::Result<Child> {
        self.command.spawn()
    }

    /// The program.
    pub fn get_program(&self) -> &OsStr {
        self.command.get_program()
    }

    /// The arguments, in order.
    pub fn get_args(&self) -> std::process::CommandArgs<'_> {
        self.command.get_args()
    }

    /// The standard library command, for settings this type does not offer.
    ///
    /// What is *not* guaranteed: arguments added to the returned `Command` are not checked.
    pub fn into_std(self) -> Command {
        self.command
    }
}

fn check_untrusted(value: &OsStr, after_separator: bool) -> Result<(), CommandError> {
    let bytes = value.as_encoded_bytes();
    if bytes.contains(&0) {
        return Err(CommandError::Nul);
    }
    if !after_separator && bytes.first() == Some(&b'-') {
        return Err(CommandError::LooksLikeOption);
    }
    Ok(())
}

/// A value that can be an untrusted argument: text, OS strings, paths and integers.
///
/// An integer is passed as its decimal text. A negative one starts with `-`, so like any
/// other such argument it is refused before a literal `--`: `kill -9 -1` signals every
/// process, and `head -n -5` means something else than `head -n 5`.
///
/// ```
/// use secure::sink::shell::CommandError;
///
/// let lines: u32 = 20;
/// let command = secure::command!("tail", "-n", lines, "--", "app.log").unwrap();
/// assert_eq!(command.get_args().collect::<Vec<_>>(), ["-n", "20", "--", "app.log"]);
///
/// let pid: i32 = -1;
/// assert_eq!(secure::command!("kill", "-s", "TERM", pid).unwrap_err(), CommandError::LooksLikeOption);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a command argument",
    label = "not text, a path or an integer",
    note = "arguments are `&str`, `String`, `OsStr`, `OsString`, `Path`, `PathBuf` or integers"
)]
pub trait CommandArg {
    /// The argument, borrowed where the value already is one.
    fn to_os_str(&self) -> Cow<'_, OsStr>;
}

impl<T: CommandArg + ?Sized> CommandArg for &T {
    fn to_os_str(&self) -> Cow<'_, OsStr> {
        (**self).to_os_str()
    }
}

macro_rules! os_str_args {
    ($($ty:ty),*) => {$(
        impl CommandArg for $ty {
            fn to_os_str(&self) -> Cow<'_, OsStr> {
                Cow::Borrowed(self.as_ref())
            }
        }
    )*};
}

os_str_args!(str, String, OsStr, OsString, Path, PathBuf);

macro_rules! integer_args {
    ($($ty:ty),*) => {$(
        impl CommandArg for $ty {
            fn to_os_str(&self) -> Cow<'_, OsStr> {
                Cow::Owned(self.to_string().into())
            }
        }
    )*};
}

integer_args!(
    i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize
);

impl<T: CommandArg> CommandArg for crate::Sanitized<T> {
    fn to_os_str(&self) -> Cow<'_, OsStr> {
        (**self).to_os_str()
    }
}

/// Why a command could not be built. It never holds the refused argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CommandError {
    /// An argument holds NUL.
    Nul,
    /// An untrusted argument starts with `-` and no `--` came before it.
    LooksLikeOption,
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CommandError::Nul => "a command argument cannot hold NUL",
            CommandError::LooksLikeOption => {
                "an untrusted command argument starts with `-`; put it after a literal `--`"
            }
        })
    }
}

impl std::error::Error for CommandError {}

/// The calls `command!` emits.
#[doc(hidden)]
pub mod emit {
    use super::*;

    /// Collects arguments and keeps the first error.
    pub struct Builder {
        command: SafeCommand,
        error: Option<CommandError>,
    }

    impl Builder {
        pub fn new(program: &'static str) -> Self {
            Builder {
                command: SafeCommand::from_trusted(OsStr::new(program)),
                error: None,
            }
        }

        pub fn literal(&mut self, arg: &'static str) {
            self.command.trusted_arg(OsStr::new(arg));
        }

        pub fn untrusted<T: CommandArg + ?Sized>(&mut self, arg: &T) {
            if self.error.is_none()
                && let Err(error) = self.command.arg(arg)
            {
                self.error = Some(error);
            }
        }

        pub fn finish(self) -> Result<SafeCommand, CommandError> {
            match self.error {
                Some(error) => Err(error),
                None => Ok(self.command),
            }
        }
    }
}

//! Exit codes, and the failure every subcommand returns: an exit code and one line.

use actplan::error::{Error, PackageError, RenderError, SheetError};
use std::process::ExitCode;

/// The exit code of every outcome (see `actplan --help`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Exit {
    /// 0: done.
    Success = 0,
    /// 1: the editions differ (diff), or the edition has findings (check).
    Differences = 1,
    /// 2: the command line is wrong (and any trouble of `diff`).
    Usage = 2,
    /// 3: a file cannot be read or written.
    Io = 3,
    /// 4: the input is not a Word .docx at all.
    NotDocx = 4,
    /// 5: a damaged package.
    CorruptPackage = 5,
    /// 6: a size limit was exceeded.
    TooLarge = 6,
    /// 7: malformed or refused XML.
    BadXml = 7,
    /// 8: the document is not an Action Plan.
    NotActionPlan = 8,
    /// 9: a JSON edition that is not valid.
    BadJson = 9,
    /// 10: a template that fails.
    Template = 10,
    /// 11: a reference document that cannot be used.
    ReferenceDoc = 11,
    /// 12: an update sheet that cannot be read or merged.
    Sheet = 12,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit as u8)
    }
}

/// A subcommand's failure: its exit code and a one-line message naming the file.
#[derive(Debug)]
pub(crate) struct Failure {
    /// The exit code.
    pub(crate) exit: Exit,
    /// One line, without the "actplan: " prefix.
    pub(crate) message: String,
}

impl Failure {
    /// A failure with that exit code and message.
    pub(crate) fn new(exit: Exit, message: impl Into<String>) -> Failure {
        Failure {
            exit,
            message: message.into(),
        }
    }

    /// A usage error (exit 2).
    pub(crate) fn usage(message: impl Into<String>) -> Failure {
        Failure::new(Exit::Usage, message)
    }

    /// A library error met while working on `name` (a file, or "<stdin>"), in the words
    /// every front end uses ([`Error::message_for`]).
    pub(crate) fn of(name: &str, error: &Error) -> Failure {
        Failure::new(exit_of(error), error.message_for(name))
    }

    /// The same failure with another exit code (`diff` exits 2 on any trouble).
    pub(crate) fn with_exit(self, exit: Exit) -> Failure {
        Failure { exit, ..self }
    }
}

/// The exit code of a library error.
fn exit_of(error: &Error) -> Exit {
    match error {
        Error::Package(p) => package_exit(p),
        Error::Xml(_) => Exit::BadXml,
        Error::Ingest(_) => Exit::NotActionPlan,
        Error::Json(_) => Exit::BadJson,
        Error::CoverField(_) => Exit::Usage,
        Error::Render(RenderError::Template(_) | RenderError::NoTemplate) => Exit::Template,
        Error::Render(RenderError::ReferenceDoc(_)) => Exit::ReferenceDoc,
        Error::Render(RenderError::Zip(_)) => Exit::Io,
        Error::Sheet(s) => sheet_exit(s),
    }
}

fn package_exit(error: &PackageError) -> Exit {
    match error {
        PackageError::LegacyDoc
        | PackageError::Encrypted
        | PackageError::NotZip(_)
        | PackageError::NotWordprocessingMl(_) => Exit::NotDocx,
        PackageError::PartTooLarge { .. }
        | PackageError::TotalTooLarge { .. }
        | PackageError::InputTooLarge { .. }
        | PackageError::TooManyEntries { .. } => Exit::TooLarge,
        PackageError::Xml(_) => Exit::BadXml,
        PackageError::BadZip(_) | PackageError::MissingPart(_) | PackageError::Inflate { .. } => {
            Exit::CorruptPackage
        }
    }
}

fn sheet_exit(error: &SheetError) -> Exit {
    match error {
        SheetError::TooLarge(_) => Exit::TooLarge,
        SheetError::NoItems { .. } | SheetError::UnknownOwner { .. } => Exit::Usage,
        SheetError::Write(_) => Exit::Io,
        _ => Exit::Sheet,
    }
}

//! The examples' command line: parsed flags, `--help`'s usage, or an
//! error with the usage and exit status 2, the same in every example.

use std::process::ExitCode;

/// The flags `parse` read, or the exit code after printing the usage
/// (`--help`: exit 0) or the error and the usage (exit 2).
pub fn args_or_exit<T>(
    name: &str,
    usage: &str,
    parse: impl FnOnce() -> Result<Option<T>, String>,
) -> Result<T, ExitCode> {
    match parse() {
        Ok(Some(a)) => Ok(a),
        Ok(None) => {
            println!("{usage}");
            Err(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("{name}: {e}\n\n{usage}");
            Err(ExitCode::from(2))
        }
    }
}

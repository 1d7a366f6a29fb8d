//! The `cloudlab` binary: the Jupyter kernel, its installer, and running cells or whole
//! notebooks without Jupyter.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use cloudlab::frontend::{self, Event, InstallTarget, Outcome, Session};

#[derive(Parser)]
#[command(
    name = "cloudlab",
    version,
    about = "A Jupyter kernel whose cells build and question an offline model of AWS"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run as a Jupyter kernel (what kernel.json starts).
    Kernel {
        #[arg(long, short = 'f')]
        connection_file: PathBuf,
    },
    /// Install the kernelspec so Jupyter can start cloudlab.
    Install {
        /// Into the user's Jupyter data dir (the default).
        #[arg(long, conflicts_with_all = ["sys_prefix", "prefix"])]
        user: bool,
        /// Into the active Python environment (VIRTUAL_ENV / CONDA_PREFIX / python3's sys.prefix).
        #[arg(long, conflicts_with = "prefix")]
        sys_prefix: bool,
        /// Into PREFIX/share/jupyter/kernels.
        #[arg(long)]
        prefix: Option<PathBuf>,
    },
    /// Run commands as one cell and print their text output.
    Exec {
        /// A file of commands, or - for standard input.
        file: Option<PathBuf>,
        /// The commands themselves.
        #[arg(short = 'c', long = "command")]
        commands: Option<String>,
    },
    /// Execute notebooks in-process (no Jupyter needed) and write the executed .ipynb and HTML handouts.
    Run {
        #[arg(required = true)]
        notebooks: Vec<PathBuf>,
        /// Where to write results (default: next to each notebook, as NAME.out.ipynb / NAME.html).
        #[arg(long)]
        out: Option<PathBuf>,
        /// What to write besides the executed notebook.
        #[arg(long, value_enum, default_value_t = To::Html)]
        to: To,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum To {
    /// Executed .ipynb and a standalone .html handout (plus index.html).
    Html,
    /// Executed .ipynb only.
    Ipynb,
}

fn main() -> ExitCode {
    // evcxr starts this same binary as the child process that runs `%%rust` cells.
    #[cfg(feature = "rust-cells")]
    cloudlab::rust_cell::runtime_hook();
    // Before any thread starts: it sets EVCXR_TMPDIR.
    #[cfg(feature = "rust-cells")]
    cloudlab::rust_cell::reserve_build_dir();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Kernel { connection_file } => {
            // Without a signing key anyone who reaches the ports may send cells: no `%%rust`.
            let unsigned = frontend::read_connection_file(&connection_file).is_ok_and(|i| i.key.is_empty());
            frontend::serve_kernel(&connection_file, move || Session { unsigned, ..Session::new() })
        }
        Command::Install { user: _, sys_prefix, prefix } => {
            let target = if let Some(p) = prefix {
                InstallTarget::Prefix(p)
            } else if sys_prefix {
                InstallTarget::SysPrefix
            } else {
                InstallTarget::User
            };
            frontend::install(target).map(|dir| println!("installed kernelspec cloudlab in {}", dir.display()))
        }
        Command::Exec { file, commands } => return exec(file, commands),
        Command::Run { notebooks, out, to } => {
            match frontend::run_all(&notebooks, out.as_deref(), matches!(to, To::Html)) {
                Ok(summary) => {
                    let _ = writeln!(std::io::stdout(), "{summary}");
                    if summary.failed > 0 {
                        return ExitCode::FAILURE;
                    }
                    Ok(())
                }
                Err(e) => Err(e),
            }
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cloudlab: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn exec(file: Option<PathBuf>, commands: Option<String>) -> ExitCode {
    let code = match (commands, file) {
        (Some(c), _) => c,
        (None, Some(p)) if p.as_os_str() == "-" => {
            let mut s = String::new();
            if let Err(e) = std::io::stdin().read_to_string(&mut s) {
                eprintln!("cloudlab: cannot read standard input: {e}");
                return ExitCode::FAILURE;
            }
            s
        }
        (None, Some(p)) => match std::fs::read_to_string(&p) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("cloudlab: cannot read {}: {e}", p.display());
                return ExitCode::FAILURE;
            }
        },
        (None, None) => {
            eprintln!("cloudlab: exec needs -c \"COMMANDS\", a FILE, or - for standard input");
            return ExitCode::from(2);
        }
    };
    let mut session = Session::new();
    let (events, outcome) = session.run_cell(&code);
    let mut stdout = std::io::stdout().lock();
    for e in events {
        // A closed pipe (`cloudlab exec … | head`) ends the output quietly.
        let written = match e {
            Event::Stream { stderr: false, text } => write!(stdout, "{text}"),
            Event::Stream { stderr: true, text } => {
                eprint!("{text}");
                Ok(())
            }
            Event::Display { data, .. } => match data.get("text/plain").and_then(|v| v.as_str()) {
                Some(t) => writeln!(stdout, "{t}"),
                None => Ok(()),
            },
            // Collected after the cell ends: a progress line would only be stale.
            Event::Live { .. } => Ok(()),
        };
        if written.is_err() {
            break;
        }
    }
    let _ = stdout.flush();
    match outcome {
        Outcome::Ok => ExitCode::SUCCESS,
        Outcome::Error { traceback, .. } => {
            for line in traceback {
                eprintln!("{}", frontend::strip_ansi(&line));
            }
            ExitCode::FAILURE
        }
    }
}

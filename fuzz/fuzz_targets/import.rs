//! `import aws-cli FILE` on arbitrary file contents (see file_command.rs).
#![no_main]
#[path = "file_command.rs"]
mod file_command;

libfuzzer_sys::fuzz_target!(|data: &[u8]| file_command::check(data, "import", "import aws-cli"));

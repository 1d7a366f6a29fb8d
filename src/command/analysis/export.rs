//! `export TABLE PATH --format csv|parquet|json`: a table written to a file with polars'
//! writers, atomically (a temporary file in the same directory, then a rename).

use crate::kernel::ename;
use crate::model::codes;
use std::path::Path;

use polars::prelude::*;
// CSV and JSON from polars-io itself: see the note on the dependency in Cargo.toml.
use polars_io::prelude::{CsvWriter, JsonFormat, JsonWriter, ParquetWriter, SerWriter};

use crate::command::{Args, CommandError, CommandSpec, Ctx, Flag, Reply, Run};
use crate::lab::Lab;

pub fn commands() -> Vec<CommandSpec> {
    vec![CommandSpec {
        name: "export",
        service: "lab",
        summary: "write a table to a CSV, Parquet or JSON file",
        usage: "export TABLE PATH [--format csv|parquet|json]   |   export vpc NAME PATH [--format cloudformation|terraform]",
        help: "Writes any table `tables` lists (or `_`, the last one shown) to PATH. The format comes from \
               --format, else from PATH's extension (.csv, .parquet, .json). JSON is an array of records. \
               An existing file is replaced (atomically); a directory is never overwritten.\n\
               Example: `export subnets /tmp/subnets.parquet`\n\
               `export vpc NAME PATH` writes a CloudFormation (JSON) or Terraform (HCL) template that would \
               build the same VPC: subnets, route tables and routes, gateways, Elastic IPs, NAT gateways, \
               security groups, custom network ACLs, gateway endpoints and peering (format from --format, \
               or .tf → terraform, .json → cloudformation).",
        flags: FLAGS,
        run: Run::Read(export),
    }]
}

const FLAGS: &[Flag] = &[Flag::choice(
    "format",
    "file format (default: from the extension)",
    &["csv", "parquet", "json", "cloudformation", "terraform"],
)];

/// A table file format `export` can write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Parquet,
    Json,
}

impl Format {
    fn parse(s: &str) -> Option<Format> {
        match s.to_ascii_lowercase().as_str() {
            "csv" => Some(Format::Csv),
            "parquet" | "pq" => Some(Format::Parquet),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Format::Csv => "CSV",
            Format::Parquet => "Parquet",
            Format::Json => "JSON",
        }
    }
}

/// The table named `name` (`_` included), or an error listing what there is.
pub fn find_table(lab: &Lab, name: &str) -> Result<DataFrame, CommandError> {
    let all = crate::tables::all(lab);
    if let Some((_, df)) = all.iter().find(|(n, _)| n == name) {
        return Ok(df.clone());
    }
    let names: Vec<&str> = all.iter().map(|(n, _)| n.as_str()).collect();
    let mut e = CommandError::new("NoSuchTable", format!("no table `{}`", name));
    e = match crate::command::closest(name, names.iter().copied()) {
        Some(c) => e.with_hint(format!("did you mean `{}`? (`tables` lists them)", c)),
        None if names.is_empty() => e.with_hint("the lab has no tables yet"),
        None => e.with_hint(format!("tables: {}", names.join(", "))),
    };
    Err(e)
}

/// Writes `df` to `path` in `format`: a temporary file beside it, then a rename.
pub fn write_table(df: &DataFrame, path: &Path, format: Format) -> Result<(), CommandError> {
    let mut df = df.clone();
    write_atomically(path, |file| {
        let r = match format {
            Format::Csv => CsvWriter::new(file).finish(&mut df),
            Format::Parquet => ParquetWriter::new(file).finish(&mut df).map(|_| ()),
            Format::Json => JsonWriter::new(file).with_json_format(JsonFormat::Json).finish(&mut df),
        };
        r.map_err(|e| format!("{} writer: {}", format.name(), e))
    })
}

pub use crate::command::files::write_atomically;

fn export(lab: &Lab, a: &Args, ctx: &Ctx) -> Result<Reply, CommandError> {
    if a.pos(0) == Some("vpc") && a.positional().len() == 3 {
        return export_vpc(lab, a, ctx);
    }
    let name = a.required_pos(0, "a table name (`tables` lists them)")?;
    let path = a.required_pos(1, "the file to write, e.g. /tmp/out.csv")?;
    if a.positional().len() > 2 {
        return Err(CommandError::new(
            ename::USAGE_ERROR,
            format!("unexpected `{}` after the path", a.positional()[2..].join(" ")),
        )
        .with_hint("usage: export TABLE PATH [--format csv|parquet|json]"));
    }
    let path = Path::new(path);
    let format = match a.get("format") {
        Some(f) => Format::parse(f).ok_or_else(|| {
            CommandError::new(codes::INVALID_PARAMETER_VALUE, format!("unknown format '{}' (csv, parquet, json)", f))
        })?,
        None => path.extension().and_then(|e| Format::parse(&e.to_string_lossy())).ok_or_else(|| {
            CommandError::new(
                codes::MISSING_PARAMETER,
                format!("cannot tell the format of '{}' from its name", path.display()),
            )
            .with_hint("add --format csv|parquet|json")
        })?,
    };
    let df = find_table(lab, name)?;
    write_table(&df, path, format)?;
    let msg = format!(
        "exported `{}` ({} rows × {} columns) to {} as {}",
        name,
        df.height(),
        df.width(),
        path.display(),
        format.name()
    );
    Ok(Reply::text(msg).with_json(serde_json::json!({
        "table": name,
        "path": path.display().to_string(),
        "format": format.name().to_ascii_lowercase(),
        "row_count": df.height(),
        "column_count": df.width(),
    })))
}

fn export_vpc(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let (key, path) = (a.required_pos(1, "a VPC ID or Name")?, Path::new(a.required_pos(2, "the file to write")?));
    let vpc = lab.network.vpc(a.get("region"), key)?;
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let format = match a.get("format").map(str::to_ascii_lowercase).as_deref() {
        Some("cloudformation") | Some("cfn") => "cloudformation",
        Some("terraform") | Some("tf") => "terraform",
        Some(other) => {
            return Err(CommandError::new(
                codes::INVALID_PARAMETER_VALUE,
                format!("a VPC exports as cloudformation or terraform, not '{}'", other),
            ))
        }
        None if ext == "tf" => "terraform",
        None if ext == "json" || ext == "template" => "cloudformation",
        None => {
            return Err(CommandError::new(
                codes::MISSING_PARAMETER,
                format!("cannot tell the format of '{}' from its name", path.display()),
            )
            .with_hint("add --format cloudformation|terraform"))
        }
    };
    let text = if format == "terraform" {
        super::template::terraform(&lab.network, &lab.storage, vpc)
    } else {
        let mut t = serde_json::to_string_pretty(&super::template::cloudformation(&lab.network, &lab.storage, vpc))
            .unwrap_or_default();
        t.push('\n');
        t
    };
    write_atomically(path, |f| std::io::Write::write_all(f, text.as_bytes()).map_err(|e| e.to_string()))?;
    let label = vpc.name.clone().unwrap_or_else(|| vpc.id.clone());
    Ok(Reply::text(format!("exported VPC {} ({}) to {} as a {} template", label, vpc.id, path.display(), format))
        .with_json(serde_json::json!({ "vpc_id": vpc.id, "path": path.display().to_string(), "format": format })))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernel::Outcome;
    use crate::session::Session;
    use polars_io::prelude::{CsvReadOptions, JsonReader, ParquetReader, SerReader};
    use std::fs::File;

    fn session_with_table() -> Session {
        let mut s = Session::new();
        let df = df!(
            "instance_type" => ["m7g.large", "c7g.xlarge", "r7g.medium"],
            "vcpus" => [2i64, 4, 1],
            "memory_gib" => [8.0f64, 8.0, 8.0],
        )
        .unwrap();
        s.lab.results.insert("types".into(), df);
        s
    }

    fn run(s: &mut Session, cell: &str) -> Outcome {
        s.run_cell(cell).1
    }

    #[test]
    fn csv_json_parquet_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = session_with_table();
        let original = s.lab.results["types"].clone();
        for ext in ["csv", "json", "parquet"] {
            let p = dir.path().join(format!("types.{}", ext));
            assert_eq!(run(&mut s, &format!("export types {}", p.display())), Outcome::Ok, "{}", ext);
            let back = match ext {
                "csv" => {
                    CsvReadOptions::default().try_into_reader_with_file_path(Some(p.clone())).unwrap().finish().unwrap()
                }
                "json" => JsonReader::new(File::open(&p).unwrap()).finish().unwrap(),
                _ => ParquetReader::new(File::open(&p).unwrap()).finish().unwrap(),
            };
            assert_eq!(back.height(), 3, "{}", ext);
            assert_eq!(back.get_column_names(), original.get_column_names(), "{}", ext);
            assert_eq!(crate::render::table::to_records(&back), crate::render::table::to_records(&original), "{}", ext);
        }
        // --format wins over the extension.
        let p = dir.path().join("types.txt");
        assert_eq!(run(&mut s, &format!("export types {} --format csv", p.display())), Outcome::Ok);
        assert!(std::fs::read_to_string(&p).unwrap().starts_with("instance_type,vcpus,memory_gib"));
    }

    #[test]
    fn refuses_directories_unknown_tables_and_formats() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = session_with_table();
        let code = |o: Outcome| match o {
            Outcome::Error { ename, .. } => ename,
            Outcome::Ok => "Ok".into(),
        };
        assert_eq!(code(run(&mut s, &format!("export types {} --format csv", dir.path().display()))), "InvalidPath");
        assert_eq!(code(run(&mut s, &format!("export types {}/missing/x.csv", dir.path().display()))), "InvalidPath");
        assert_eq!(code(run(&mut s, &format!("export typo {}/x.csv", dir.path().display()))), "NoSuchTable");
        assert_eq!(code(run(&mut s, &format!("export types {}/x.xlsx", dir.path().display()))), "MissingParameter");
        assert_eq!(
            code(run(&mut s, &format!("export types {}/x.csv --format xml", dir.path().display()))),
            "InvalidParameterValue"
        );
        // No temporary files are left behind.
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert!(left.is_empty(), "{:?}", left);
    }
}

//! `tables` and `sql`: the lab's tables listed, and queried with polars SQL.

use polars::prelude::*;
use polars::sql::SQLContext;

use crate::command::{Args, CommandError, CommandSpec, Ctx, Flag, Reply, Run};
use crate::lab::Lab;
use crate::render::table;

pub fn commands() -> Vec<CommandSpec> {
    vec![
        CommandSpec {
            name: "tables",
            service: "lab",
            summary: "list every table `sql` can query, with columns and row counts",
            usage: "tables",
            help: "The model's resources (vpcs, subnets, …), the catalogs (instance types, prices) and the \
                   result tables kept by earlier commands. `_` is the last table shown.",
            flags: &[],
            run: Run::Read(tables),
        },
        CommandSpec {
            name: "sql",
            service: "lab",
            summary: "query the lab's tables with SQL (polars SQL)",
            usage: "sql SELECT … [--limit N]   or   sql \"SELECT … WHERE name = 'web'\" [--limit N]",
            help: "Runs polars SQL over every table `tables` lists (joins, GROUP BY, ORDER BY, window functions \
                   as polars supports them). The result is shown as a table and kept as `_`.\n\
                   The rest of the line is the query. The cell lexer removes quotes, so write a query that \
                   contains string literals as one double-quoted word:\n  \
                   sql \"SELECT * FROM subnets WHERE availability_zone = 'us-east-1a'\"\n\
                   --limit N keeps only the first N rows of the result (the note says how many there were).",
            flags: FLAGS,
            run: Run::Read(sql),
        },
    ]
}

const FLAGS: &[Flag] = &[Flag::value("limit", "keep only the first N rows of the result")];

fn tables(lab: &Lab, _: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let all = crate::tables::all(lab);
    let names: Vec<String> = all.iter().map(|(n, _)| n.clone()).collect();
    let columns: Vec<String> = all
        .iter()
        .map(|(_, df)| df.get_column_names().iter().map(|c| c.to_string()).collect::<Vec<_>>().join(", "))
        .collect();
    let ncols: Vec<u32> = all.iter().map(|(_, df)| df.width() as u32).collect();
    let rows: Vec<u64> = all.iter().map(|(_, df)| df.height() as u64).collect();
    let df = df!(
        "table" => names,
        "column_count" => ncols,
        "row_count" => rows,
        "columns" => columns,
    )?;
    let title = format!("{} table{}", all.len(), if all.len() == 1 { "" } else { "s" });
    Ok(Reply::new().with_json(table::to_records(&df)).with_table(
        df,
        Some(title),
        Some("query them with `sql SELECT … FROM table`; `_` is the last table shown".into()),
    ))
}

/// The query a `sql` line means: one quoted word as it is, or the words rejoined. A word
/// holding whitespace among several words was a quoted literal, so it is quoted again.
pub fn query_text(words: &[String]) -> String {
    if words.len() == 1 {
        return words[0].clone();
    }
    words
        .iter()
        .map(|w| {
            if w.chars().any(char::is_whitespace) {
                format!("'{}'", w.replace('\'', "''"))
            } else {
                w.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Runs a query over every table of the lab.
pub fn run_query(lab: &Lab, query: &str) -> Result<DataFrame, CommandError> {
    if query.trim().is_empty() {
        return Err(CommandError::new("SqlError", "`sql` needs a query, e.g. `sql SELECT * FROM tables`")
            .with_hint("`tables` lists what you can query"));
    }
    let all = crate::tables::all(lab);
    let mut ctx = SQLContext::new();
    for (name, df) in &all {
        ctx.register(name, df.clone().lazy());
    }
    let names: Vec<&str> = all.iter().map(|(n, _)| n.as_str()).collect();
    let hint = if names.is_empty() {
        "the lab has no tables yet; create resources or run a command that shows a table".to_string()
    } else {
        format!(
            "tables: {} (`tables` shows their columns). Put a query with 'string literals' in double quotes.",
            names.join(", ")
        )
    };
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| ctx.execute(query).and_then(|lf| lf.collect())));
    match caught {
        Ok(Ok(df)) => Ok(df),
        Ok(Err(e)) => Err(CommandError::new("SqlError", format!("the query failed: {}", clean_polars_error(&e))).with_hint(hint)),
        Err(_) => Err(CommandError::new("SqlError", "the query could not be run (polars rejected it)").with_hint(hint)),
    }
}

fn clean_polars_error(e: &PolarsError) -> String {
    let s = e.to_string();
    // polars appends a resolved-plan dump after the first line; the first line says it all.
    s.lines().next().unwrap_or("").trim().to_string()
}

fn sql(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let query = query_text(a.positional());
    let limit: Option<usize> = a.value("limit")?;
    if limit == Some(0) {
        return Err(CommandError::new("InvalidParameterValue", "--limit must be at least 1"));
    }
    let df = run_query(lab, &query)?;
    let total = df.height();
    let (df, note) = match limit {
        Some(n) if total > n => (df.head(Some(n)), Some(format!("--limit {}: first {} of {} rows", n, n, total))),
        _ => (df, None),
    };
    let title = format!("{} row{}", total, if total == 1 { "" } else { "s" });
    Ok(Reply::new().with_json(table::to_records(&df)).with_table(df, Some(title), note))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lab_with_tables() -> Lab {
        let mut lab = Lab::new();
        let subnets = df!(
            "subnet_id" => ["subnet-1", "subnet-2", "subnet-3", "subnet-4"],
            "vpc_id" => ["vpc-1", "vpc-1", "vpc-1", "vpc-2"],
            "az" => ["a", "b", "a", "a"],
            "public" => [true, true, false, false],
        )
        .unwrap();
        let vpcs = df!("vpc_id" => ["vpc-1", "vpc-2"], "name" => ["prod", "my vpc"]).unwrap();
        lab.results.insert("t_subnets".into(), subnets);
        lab.results.insert("t_vpcs".into(), vpcs);
        lab
    }

    #[test]
    fn joins_and_group_by() {
        let lab = lab_with_tables();
        let df = run_query(
            &lab,
            "SELECT v.name, count(*) AS n FROM t_subnets s JOIN t_vpcs v ON s.vpc_id = v.vpc_id GROUP BY v.name ORDER BY n DESC",
        )
        .unwrap();
        assert_eq!(df.height(), 2);
        let r = table::to_records(&df);
        assert_eq!(r[0]["name"], "prod");
        assert_eq!(r[0]["n"], 3);
    }

    #[test]
    fn quoted_words_come_back_as_literals() {
        let words: Vec<String> = ["SELECT", "*", "FROM", "t_vpcs", "WHERE", "name", "=", "my vpc"].iter().map(|s| s.to_string()).collect();
        assert_eq!(query_text(&words), "SELECT * FROM t_vpcs WHERE name = 'my vpc'");
        let df = run_query(&lab_with_tables(), &query_text(&words)).unwrap();
        assert_eq!(df.height(), 1);
    }

    #[test]
    fn bad_sql_is_a_clear_sql_error() {
        let lab = lab_with_tables();
        let e = run_query(&lab, "SELEC nothing").unwrap_err();
        assert_eq!(e.code, "SqlError");
        let e = run_query(&lab, "SELECT * FROM no_such_table").unwrap_err();
        assert_eq!(e.code, "SqlError");
        assert!(e.hint.as_deref().unwrap_or("").contains("t_subnets"), "{:?}", e);
        assert_eq!(run_query(&lab, "  ").unwrap_err().code, "SqlError");
    }

    #[test]
    fn sql_cells_keep_the_result_as_underscore_and_limit_rows() {
        use crate::kernel::{Event, Outcome};
        let mut s = crate::session::Session::new();
        s.lab = lab_with_tables();
        let (ev, out) = s.run_cell("sql SELECT * FROM t_subnets ORDER BY subnet_id --limit 2");
        assert_eq!(out, Outcome::Ok);
        let shown: String = ev
            .iter()
            .filter_map(|e| match e {
                Event::Display { data, .. } => data.get("text/plain").and_then(|v| v.as_str()).map(String::from),
                _ => None,
            })
            .collect();
        assert!(shown.contains("first 2 of 4 rows"), "{}", shown);
        assert_eq!(s.lab.results["_"].height(), 2);
        let (_, out) = s.run_cell("sql \"SELECT count(*) AS n FROM _ WHERE az = 'a'\"");
        assert_eq!(out, Outcome::Ok);
        assert_eq!(table::to_records(&s.lab.results["_"])[0]["n"], 1);
        let (ev, out) = s.run_cell("tables --output json");
        assert_eq!(out, Outcome::Ok);
        let listed = format!("{:?}", ev);
        assert!(listed.contains("t_vpcs") && listed.contains("row_count"), "{}", listed);
        match s.run_cell("sql SELECT * FROM nowhere").1 {
            Outcome::Error { ename, .. } => assert_eq!(ename, "SqlError"),
            Outcome::Ok => panic!("unknown table must fail"),
        }
    }

    /// Benchmark (prints, never asserts on time): SQL over the 1,395-type catalog joined
    /// with prices. `cargo test --lib sql_over_the_catalog -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn sql_over_the_catalog_benchmark() {
        let lab = Lab::new();
        let queries = [
            "SELECT count(*) AS n FROM instance_types",
            "SELECT instance_type, vcpus, memory_mib FROM instance_types WHERE vcpus >= 16 ORDER BY memory_mib DESC LIMIT 20",
            "SELECT i.instance_type, p.region, p.price_per_hour_usd FROM instance_types i JOIN prices p ON i.instance_type = p.instance_type WHERE p.region = 'ap-northeast-2'",
        ];
        let t = crate::clock::Instant::now();
        let all = crate::tables::all(&lab);
        println!("building the session's {} tables: {:.2} ms", all.len(), t.elapsed().as_secs_f64() * 1000.0);
        // The same query on prebuilt tables: what `sql` adds over polars alone.
        let mut bare = SQLContext::new();
        for (name, df) in &all {
            bare.register(name, df.clone().lazy());
        }
        println!("  `sql` (ms)  polars alone (ms)  ratio  rows  query");
        for q in queries {
            let t = crate::clock::Instant::now();
            let mut rows = 0;
            for _ in 0..20 {
                rows = run_query(&lab, q).map(|df| df.height()).unwrap_or(0);
            }
            let ours = t.elapsed().as_secs_f64() * 1000.0 / 20.0;
            let t = crate::clock::Instant::now();
            for _ in 0..20 {
                let _ = bare.execute(q).and_then(|lf| lf.collect());
            }
            let polars = t.elapsed().as_secs_f64() * 1000.0 / 20.0;
            println!("{:>11.2} {:>18.2} {:>6.2}× {:>5}  {}", ours, polars, ours / polars, rows, q);
        }
    }
}

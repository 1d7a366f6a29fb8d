//! `tables` and `sql`: the lab's tables listed, and queried with polars SQL.

use crate::kernel::ename;
use crate::model::codes;
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
    let df = crate::tables::catalog_df(&all)?;
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
        .map(|w| if w.chars().any(char::is_whitespace) { format!("'{}'", w.replace('\'', "''")) } else { w.clone() })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Most rows a query's plan may build before anything is computed: a join without a
/// condition over three catalog tables asked polars for 2.7 billion rows (10.9 GB) and the
/// allocation killed the kernel (issue 19). 20 million rows of a few columns fit in well
/// under 1 GB; every lab table joined with itself on a key stays far below it.
pub const MAX_SQL_ROWS: u128 = 20_000_000;
/// Most cells (rows × columns of the result) a query may produce: `SELECT *` over a
/// 1.9-million-row self-join of the catalog is 76 million cells, several GB.
pub const MAX_SQL_CELLS: u128 = 10_000_000;

/// polars' SQL table functions, which read local files; `sql` only queries the lab.
const FILE_FUNCTIONS: &[&str] = &[
    "read_csv",
    "read_parquet",
    "read_ipc",
    "read_json",
    "read_ndjson",
    "scan_csv",
    "scan_parquet",
    "scan_ipc",
    "scan_ndjson",
];

/// The first file-reading table function the query calls, outside string literals.
fn file_function(query: &str) -> Option<&'static str> {
    let mut plain = String::with_capacity(query.len());
    let mut quote = None;
    for c in query.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '\'' || c == '"' => {
                quote = Some(c);
                plain.push(' ');
            }
            None => plain.push(c.to_ascii_lowercase()),
        }
    }
    let words: Vec<&str> = plain.split(|c: char| !(c.is_alphanumeric() || c == '_')).collect();
    FILE_FUNCTIONS.iter().copied().find(|f| words.contains(f))
}

/// An upper estimate of the rows a plan materialises on its way: a join without keys is
/// the product of its sides; other joins, unions and scans add up.
fn estimated_rows(plan: &DslPlan) -> Result<u128, &'static str> {
    Ok(match plan {
        DslPlan::DataFrameScan { df, .. } => df.height() as u128,
        DslPlan::Scan { .. } => return Err("file"),
        DslPlan::Join { input_left, input_right, left_on, right_on, options, .. } => {
            let (l, r) = (estimated_rows(input_left)?, estimated_rows(input_right)?);
            match options.args.how {
                // No equality keys (`ON a.x < b.y`, `ON true`): every pair may be built.
                JoinType::Cross => l.saturating_mul(r),
                _ if left_on.is_empty() => l.saturating_mul(r),
                // On keys: every pair with equal keys is built, and a key with few distinct
                // values (`ON a.vcpus = b.vcpus`) makes nearly a cross join. The pairs are
                // counted from each side's key counts, which never builds the pairs.
                JoinType::Inner | JoinType::Left | JoinType::Right | JoinType::Full => {
                    let outer = match options.args.how {
                        JoinType::Left => l,
                        JoinType::Right => r,
                        JoinType::Full => l.saturating_add(r),
                        _ => 0,
                    };
                    let pairs = if l > MAX_SQL_ROWS || r > MAX_SQL_ROWS {
                        None
                    } else {
                        matching_pairs(input_left, input_right, left_on, right_on)
                    };
                    // Sides too big to count, or keys polars cannot count: every pair.
                    pairs.unwrap_or_else(|| l.saturating_mul(r)).saturating_add(outer)
                }
                _ => l.saturating_add(r),
            }
        }
        DslPlan::Filter { input, .. }
        | DslPlan::Cache { input, .. }
        | DslPlan::Select { input, .. }
        | DslPlan::GroupBy { input, .. }
        | DslPlan::HStack { input, .. }
        | DslPlan::MatchToSchema { input, .. }
        | DslPlan::Distinct { input, .. }
        | DslPlan::Sort { input, .. }
        | DslPlan::MapFunction { input, .. }
        | DslPlan::Sink { input, .. } => estimated_rows(input)?,
        DslPlan::Slice { input, len, .. } => estimated_rows(input)?.min(*len as u128),
        DslPlan::Gather { input, idxs, .. } => estimated_rows(input)?.max(estimated_rows(idxs)?),
        DslPlan::ExtContext { input, contexts } => estimated_rows(input)?.saturating_add(total_rows(contexts)?),
        DslPlan::Union { inputs, .. } | DslPlan::HConcat { inputs, .. } | DslPlan::SinkMultiple { inputs } => {
            total_rows(inputs)?
        }
        DslPlan::IR { dsl, .. } => estimated_rows(dsl)?,
        DslPlan::PipeWithSchema { input, .. } => total_rows(input)?,
        #[allow(unreachable_patterns)]
        _ => 0,
    })
}

/// The rows an equi-join builds: for each key, its rows on the left times its rows on the
/// right, summed. Each side is reduced to one row per distinct key before the two meet, so
/// the work is that of the sides (each already under [`MAX_SQL_ROWS`]), never the pairs.
/// `None` when polars cannot run the count.
fn matching_pairs(left: &DslPlan, right: &DslPlan, left_on: &[Expr], right_on: &[Expr]) -> Option<u128> {
    let keys: Vec<PlSmallStr> = (0..left_on.len()).map(|i| format!("__key{i}").into()).collect();
    let counts = |side: &DslPlan, on: &[Expr], n: &str| {
        let exprs: Vec<Expr> = on.iter().zip(&keys).map(|(e, k)| e.clone().alias(k.clone())).collect();
        LazyFrame::from(side.clone())
            .select(exprs)
            .group_by(keys.iter().map(|k| col(k.clone())).collect::<Vec<_>>())
            .agg([len().alias(n)])
    };
    let by_key: Vec<Expr> = keys.iter().map(|k| col(k.clone())).collect();
    let count = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        counts(left, left_on, "__left")
            .join(counts(right, right_on, "__right"), by_key.clone(), by_key, JoinArgs::new(JoinType::Inner))
            .select([(col("__left").cast(DataType::Float64) * col("__right").cast(DataType::Float64))
                .sum()
                .alias("pairs")])
            .collect()
    }));
    let df = count.ok()?.ok()?;
    let pairs = df.column("pairs").ok()?.f64().ok()?.get(0).unwrap_or(0.0);
    // f64 is exact to 2^53, far past any count compared with the limit.
    pairs.is_finite().then(|| pairs.max(0.0).ceil() as u128)
}

fn total_rows(plans: &[DslPlan]) -> Result<u128, &'static str> {
    plans.iter().try_fold(0u128, |n, p| Ok(n.saturating_add(estimated_rows(p)?)))
}

fn refuse_files(what: &str) -> CommandError {
    CommandError::new(ename::SQL_ERROR, format!("`sql` queries the lab's tables only; {what} would read a local file"))
        .with_hint("`tables` lists what you can query; `import aws-cli` and `pricing load` read files")
}

/// Runs a query over every table of the lab.
pub fn run_query(lab: &Lab, query: &str) -> Result<DataFrame, CommandError> {
    if query.trim().is_empty() {
        return Err(CommandError::new(ename::SQL_ERROR, "`sql` needs a query, e.g. `sql SELECT * FROM tables`")
            .with_hint("`tables` lists what you can query"));
    }
    if let Some(f) = file_function(query) {
        return Err(refuse_files(&format!("{f}()")));
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
    let fail = |e: &PolarsError| {
        CommandError::new(ename::SQL_ERROR, format!("the query failed: {}", clean_polars_error(e)))
            .with_hint(hint.clone())
    };
    let planned = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| ctx.execute(query)));
    let lf = match planned {
        Ok(Ok(lf)) => lf,
        Ok(Err(e)) => return Err(fail(&e)),
        Err(_) => {
            return Err(
                CommandError::new(ename::SQL_ERROR, "the query could not be run (polars rejected it)").with_hint(hint)
            )
        }
    };
    // Checked on the plan, before a row is computed.
    match estimated_rows(&lf.logical_plan) {
        Err(_) => return Err(refuse_files("the query")),
        Ok(n) if n > MAX_SQL_ROWS => return Err(CommandError::new(
            ename::SQL_ERROR,
            format!("the query would build about {n} rows; the limit is {MAX_SQL_ROWS} rows (MAX_SQL_ROWS)"),
        )
        .with_hint(
            "a join without a condition multiplies the tables' rows: add JOIN … ON or a WHERE that the join can use",
        )),
        Ok(rows) => {
            let width =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| lf.clone().collect_schema().map(|s| s.len())));
            if let Ok(Ok(width)) = width {
                let cells = rows.saturating_mul(width as u128);
                if cells > MAX_SQL_CELLS {
                    return Err(CommandError::new(
                        ename::SQL_ERROR,
                        format!("the query would build about {rows} rows × {width} columns = {cells} cells; the limit is {MAX_SQL_CELLS} cells (MAX_SQL_CELLS)"),
                    )
                    .with_hint("select only the columns you need, add a join condition, or LIMIT the rows"));
                }
            }
        }
    }
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| lf.collect()));
    match caught {
        Ok(Ok(df)) => Ok(df),
        Ok(Err(e)) => Err(fail(&e)),
        Err(_) => {
            Err(CommandError::new(ename::SQL_ERROR, "the query could not be run (polars rejected it)").with_hint(hint))
        }
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
        return Err(CommandError::new(codes::INVALID_PARAMETER_VALUE, "--limit must be at least 1"));
    }
    let df = run_query(lab, &query)?;
    let total = df.height();
    let (df, note) = match limit {
        Some(n) if total > n => (df.head(Some(n)), Some(format!("--limit {}: first {} of {} rows", n, n, total))),
        _ => (df, None),
    };
    let title = format!("{} row{}", total, if total == 1 { "" } else { "s" });
    // JSON records cost ~100 bytes a cell: a 1.9-million-row result grew the kernel past
    // 1 GB building them. Sent with the table only when small; on request up to a cap.
    let cells = df.height().saturating_mul(df.width());
    let asked = a.json() || a.get("query").is_some();
    if asked && cells > MAX_JSON_CELLS {
        return Err(CommandError::new(
            ename::SQL_ERROR,
            format!("the result has {} rows × {} columns; --output json and --query take at most {MAX_JSON_CELLS} cells (MAX_JSON_CELLS)", df.height(), df.width()),
        )
        .with_hint("add --limit N, or select fewer columns"));
    }
    let reply =
        if asked || cells <= INLINE_JSON_CELLS { Reply::new().with_json(table::to_records(&df)) } else { Reply::new() };
    Ok(reply.with_table(df, Some(title), note))
}

/// Largest result whose JSON records go to the front end beside the table.
const INLINE_JSON_CELLS: usize = 200_000;
/// Largest result `--output json` or `--query` turns into JSON.
pub const MAX_JSON_CELLS: usize = 2_000_000;

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
        let words: Vec<String> =
            ["SELECT", "*", "FROM", "t_vpcs", "WHERE", "name", "=", "my vpc"].iter().map(|s| s.to_string()).collect();
        assert_eq!(query_text(&words), "SELECT * FROM t_vpcs WHERE name = 'my vpc'");
        let df = run_query(&lab_with_tables(), &query_text(&words)).unwrap();
        assert_eq!(df.height(), 1);
    }

    #[test]
    fn cross_joins_past_the_row_cap_and_file_functions_are_refused() {
        let lab = Lab::new();
        // 2.7 billion rows: this allocation killed the kernel (issue 19).
        let e =
            run_query(&lab, "SELECT count(*) FROM instance_types a, instance_types b, instance_types c").unwrap_err();
        assert_eq!(e.code, "SqlError");
        assert!(e.message.contains("the limit is 20000000 rows"), "{}", e.message);
        for q in [
            "SELECT count(*) FROM instance_types a CROSS JOIN instance_types b CROSS JOIN instance_types c",
            "SELECT count(*) FROM instance_types a JOIN instance_types b ON a.vcpus < b.vcpus JOIN instance_types c ON b.vcpus < c.vcpus",
        ] {
            match run_query(&lab, q) {
                Err(e) => assert!(e.message.contains("limit"), "{q}: {}", e.message),
                Ok(df) => panic!("{q} ran: {df}"),
            }
        }
        // A key with 25 distinct values among 1,395 types: 169,095 pairs, then 22.2 million
        // rows, and a fourth table 3.4 billion. Counted from the keys, refused before a row.
        for (q, rows) in [
            ("SELECT count(*) FROM instance_types a JOIN instance_types b ON a.vcpus = b.vcpus JOIN instance_types c ON a.vcpus = c.vcpus", "22195239"),
            ("SELECT count(*) FROM instance_types a JOIN instance_types b ON a.vcpus = b.vcpus JOIN instance_types c ON a.vcpus = c.vcpus JOIN instance_types d ON c.vcpus = d.vcpus", ""),
            ("SELECT count(*) FROM instance_types a LEFT JOIN instance_types b ON a.vcpus = b.vcpus JOIN instance_types c ON b.vcpus = c.vcpus", "22195239"),
        ] {
            let e = run_query(&lab, q).unwrap_err();
            assert!(e.message.contains("the limit is 20000000 rows"), "{q}: {}", e.message);
            assert!(e.message.contains(&format!("about {rows}")), "{q}: {}", e.message);
        }
        let df =
            run_query(&lab, "SELECT count(*) AS n FROM instance_types a JOIN instance_types b ON a.vcpus = b.vcpus")
                .unwrap();
        assert_eq!(table::to_records(&df)[0]["n"], 169_095);
        let df = run_query(&lab, "SELECT count(*) AS n FROM instance_types a JOIN instance_types b ON a.instance_type = b.instance_type JOIN instance_types c ON b.instance_type = c.instance_type").unwrap();
        assert_eq!(table::to_records(&df)[0]["n"], 1_395);
        // SELECT * over the 1.9-million-row self-join: 76 million cells.
        let e = run_query(&lab, "SELECT * FROM instance_types a, instance_types b").unwrap_err();
        assert!(e.message.contains("MAX_SQL_CELLS"), "{}", e.message);
        // Joins on a key and small products still run.
        let lab = lab_with_tables();
        assert_eq!(run_query(&lab, "SELECT count(*) AS n FROM t_subnets a, t_vpcs b").unwrap().height(), 1);
        for q in [
            "SELECT * FROM read_json('/etc/passwd')",
            "select * from READ_CSV('x.csv')",
            "SELECT * FROM t_vpcs JOIN read_parquet(\"/tmp/x\") p ON true",
            "SELECT * FROM read_ipc ('x')",
        ] {
            let e = run_query(&lab, q).unwrap_err();
            assert!(e.message.contains("would read a local file"), "{q}: {}", e.message);
        }
        // The words inside a string literal are data.
        assert_eq!(run_query(&lab, "SELECT 'read_csv(x)' AS s FROM t_vpcs").unwrap().height(), 2);
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
        use crate::command::publish::RunCell;
        use crate::kernel::{Event, Outcome};
        let mut s = lab_with_tables();
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
        assert_eq!(s.results["_"].height(), 2);
        let (_, out) = s.run_cell("sql \"SELECT count(*) AS n FROM _ WHERE az = 'a'\"");
        assert_eq!(out, Outcome::Ok);
        assert_eq!(table::to_records(&s.results["_"])[0]["n"], 1);
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
        let t = crate::clock::instant();
        let all = crate::tables::all(&lab);
        println!("building the session's {} tables: {:.2} ms", all.len(), t.elapsed().as_secs_f64() * 1000.0);
        // The same query on prebuilt tables: what `sql` adds over polars alone.
        let mut bare = SQLContext::new();
        for (name, df) in &all {
            bare.register(name, df.clone().lazy());
        }
        println!("  `sql` (ms)  polars alone (ms)  ratio  rows  query");
        for q in queries {
            let t = crate::clock::instant();
            let mut rows = 0;
            for _ in 0..20 {
                rows = run_query(&lab, q).map(|df| df.height()).unwrap_or(0);
            }
            let ours = t.elapsed().as_secs_f64() * 1000.0 / 20.0;
            let t = crate::clock::instant();
            for _ in 0..20 {
                let _ = bare.execute(q).and_then(|lf| lf.collect());
            }
            let polars = t.elapsed().as_secs_f64() * 1000.0 / 20.0;
            println!("{:>11.2} {:>18.2} {:>6.2}× {:>5}  {}", ours, polars, ours / polars, rows, q);
        }
    }
}

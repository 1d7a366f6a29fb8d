//! The session: one [`Lab`] behind the [`Interpreter`] trait. A cell of commands runs
//! through [`command::publish::run_cell`] (each line applied atomically, its reply shown);
//! a `%%rust` cell through the evcxr engine, on a copy of the lab rebuilt from the journal.

use serde_json::{json, Value};

use crate::cell;
use crate::command::apply::CellError;
use crate::command::{self, publish, CommandError};
use crate::kernel::{Completion, Event, ExecuteRequest, Interpreter, IsComplete, KernelInfo, MimeBundle, Outcome};
use crate::lab::Lab;

/// One notebook's state: the lab and what the kernel needs around it.
#[derive(Default)]
pub struct Session {
    pub lab: Lab,
    /// The evcxr engine for `%%rust` cells, started on first use.
    pub rust: crate::rust_cell::RustCells,
    /// The kernel's messages are not signed (empty key): anyone who reaches its ports may
    /// send cells, so `%%rust` (code run on this machine) is refused.
    pub unsigned: bool,
}

impl Session {
    pub fn new() -> Session {
        Session::default()
    }

    /// Runs one cell with no front end: the events it shows, and the error if one failed.
    pub fn run_cell(&mut self, code: &str) -> (Vec<Event>, Outcome) {
        let mut events = Vec::new();
        let req = ExecuteRequest { code, silent: false, cancel: Default::default() };
        let outcome = self.execute(&req, &mut |e| events.push(e));
        (events, outcome)
    }
}

/// The kernel's `language_info`, also written into the notebooks cloudlab saves: the native
/// and the browser kernel (lite/) both answer with this. `codemirror_mode` names the language
/// the jupyterlab-cloudlab extension registers (`cloudlab install` and the wheel install it);
/// `pygments_lexer` the Pygments lexer the wheel installs (python/cloudlab_pygments), which
/// nbconvert's handouts colour cells with.
pub fn language_info() -> Value {
    json!({
        "name": "cloudlab",
        "version": env!("CARGO_PKG_VERSION"),
        "mimetype": "text/x-cloudlab",
        "file_extension": ".cloudlab",
        "pygments_lexer": "cloudlab",
        "codemirror_mode": "cloudlab",
    })
}

impl Interpreter for Session {
    fn kernel_info(&self) -> KernelInfo {
        KernelInfo {
            implementation: "cloudlab".into(),
            implementation_version: env!("CARGO_PKG_VERSION").into(),
            language_info: language_info(),
            banner: format!(
                "cloudlab {} — an offline model of AWS (VPCs, EC2, prices, RDS/Aurora). Type `help`.",
                env!("CARGO_PKG_VERSION")
            ),
            help_links: vec![
                ("cloudlab commands".into(), "https://github.com/cloudlab/cloudlab/blob/main/README.md".into()),
                ("AWS CLI ec2 reference".into(), "https://docs.aws.amazon.com/cli/latest/reference/ec2/".into()),
                ("Amazon VPC User Guide".into(), "https://docs.aws.amazon.com/vpc/latest/userguide/".into()),
            ],
        }
    }

    fn execute(&mut self, request: &ExecuteRequest, publish: &mut dyn FnMut(Event)) -> Outcome {
        if crate::rust_cell::is_rust_cell(request.code) {
            if self.unsigned {
                let e = CommandError::new("Refused", "`%%rust` cells are refused: this kernel's messages are not signed (the connection file has an empty key)")
                    .with_hint("start the kernel with a signing key (Jupyter does by default) to run Rust cells");
                return publish::error_outcome(&CellError { error: e, line: None }, self.lab.settings.lang);
            }
            // Rust cells see a copy of the lab rebuilt from the journal; they never change it.
            let journal = self.lab.journal.clone();
            return self.rust.execute_rust(request.code, &journal, &request.cancel, publish);
        }
        publish::run_cell(&mut self.lab, request.code, request.cancel.clone(), publish)
    }

    fn complete(&mut self, code: &str, cursor: usize) -> Completion {
        command::complete::complete(&self.lab, code, cursor)
    }

    fn inspect(&mut self, code: &str, cursor: usize) -> Option<MimeBundle> {
        if let Some((markdown, plain)) = command::complete::inspect_word(&self.lab, code, cursor) {
            let mut b = MimeBundle::new();
            b.insert("text/plain".into(), Value::String(plain));
            b.insert("text/markdown".into(), Value::String(markdown));
            return Some(b);
        }
        let spec = command::complete::command_at(code, cursor)?;
        let text = spec.help_text(self.lab.settings.lang);
        let mut b = MimeBundle::new();
        b.insert("text/plain".into(), Value::String(text.clone()));
        b.insert("text/markdown".into(), Value::String(format!("```\n{}```", text)));
        Some(b)
    }

    fn is_complete(&mut self, code: &str) -> IsComplete {
        match cell::completeness(code) {
            cell::Completeness::Complete => IsComplete::Complete,
            cell::Completeness::Incomplete => IsComplete::Incomplete { indent: String::new() },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn text_of(events: &[Event]) -> String {
        events
            .iter()
            .map(|e| match e {
                Event::Stream { text, .. } => text.clone(),
                Event::Display { data, .. } => data.get("text/plain").and_then(Value::as_str).unwrap_or("").to_string(),
                Event::Live { .. } => String::new(),
            })
            .collect()
    }

    #[test]
    fn lab_result_tables_show_lesson_columns_fit_the_page_and_wide_shows_all() {
        let mut s = Session::new();
        let (ev, _) = s.run_cell("simulate failover --runs 5");
        let t = text_of(&ev);
        assert!(t.contains("write_unavailable_s") && !t.contains("documented_min_s"), "{t}");
        assert!(t.contains("columns shown; `--wide` shows them all"), "{t}");
        let (ev, _) = s.run_cell("simulate failover --runs 5 --wide");
        assert!(text_of(&ev).contains("documented_min_s"));
        // `sql` still sees every column of the kept table.
        let (ev, _) = s.run_cell("sql SELECT documented_min_s FROM failover_summary LIMIT 1");
        assert!(text_of(&ev).contains("documented_min_s"));
        // A one-row result too wide for the page is read as field / value.
        s.run_cell("regions");
        let (ev, _) = s.run_cell("sql \"SELECT *, availability_zones AS again, name AS name2, availability_zones AS more FROM regions WHERE region = 'ap-northeast-2'\"");
        let t = text_of(&ev);
        assert!(t.contains("field") && t.contains("value") && t.lines().any(|l| l.starts_with("again ")), "{t}");
        assert!(t.lines().all(|l| crate::i18n::columns(l) <= 100), "{t}");
    }

    #[test]
    fn a_cell_run_twice_hints_at_reset() {
        let mut s = Session::new();
        let cell = "create-db-instance --db-instance-identifier orders --engine postgres --db-instance-class db.r6g.large --allocated-storage 100";
        assert_eq!(s.run_cell(cell).1, Outcome::Ok);
        match s.run_cell(cell).1 {
            Outcome::Error { ename, traceback, .. } => {
                assert_eq!(ename, "DBInstanceAlreadyExists");
                assert!(
                    traceback.iter().any(|l| l.contains("`reset`") && l.contains("Restart Kernel")),
                    "{:?}",
                    traceback
                );
            }
            Outcome::Ok => panic!("the second orders must be refused"),
        }
    }

    #[test]
    fn lang_ko_changes_cloudlabs_words_not_aws_words() {
        let mut s = Session::new();
        let cell = "create-db-instance --db-instance-identifier orders --engine postgres --db-instance-class db.r6g.large --allocated-storage 100";
        assert_eq!(s.run_cell(cell).1, Outcome::Ok);
        let Outcome::Error { evalue: en, .. } = s.run_cell(cell).1 else { panic!("refused") };
        assert_eq!(s.run_cell("lang ko\nreset\n").1, Outcome::Ok, "reset keeps the language");
        assert_eq!(s.lab.settings.lang, Lang::Ko);
        let (ev, _) = s.run_cell(&format!("{cell}\ndescribe-db-instances"));
        assert!(text_of(&ev).contains("DB 인스턴스 1개"), "{}", text_of(&ev));
        let Outcome::Error { evalue, traceback, .. } = s.run_cell(cell).1 else { panic!("refused") };
        assert_eq!(evalue, en);
        assert!(traceback.iter().any(|l| l.starts_with("힌트: ") && l.contains("`reset`")), "{traceback:?}");
        assert!(traceback.iter().any(|l| l.contains(&en)));
        let (ev, _) = s.run_cell("help");
        assert!(text_of(&ev).contains("`create-vpc` — VPC 생성"));
        assert_eq!(s.run_cell("lang en").1, Outcome::Ok);
        let Outcome::Error { traceback, .. } = s.run_cell(cell).1 else { panic!("refused") };
        assert!(traceback.iter().any(|l| l.starts_with("hint: ")), "{traceback:?}");
        assert!(s.run_cell("lang xx").1 != Outcome::Ok && s.lab.settings.lang == Lang::En);
    }

    #[test]
    fn describe_tables_show_lesson_columns_wide_shows_all_and_one_row_is_transposed() {
        let mut s = Session::new();
        let setup = "create-vpc --cidr-block 10.0.0.0/16 --name v\n\
                     create-subnet --vpc-id v --cidr-block 10.0.1.0/24 --availability-zone us-east-1a --name a\n\
                     run-instances --instance-type t3.micro --subnet-id a --name w1";
        assert_eq!(s.run_cell(setup).1, Outcome::Ok);
        // One row: field / value, the lesson's columns, and a note naming --wide.
        let (ev, _) = s.run_cell("describe-instances");
        let t = text_of(&ev);
        assert!(t.contains("field") && t.contains("instance_type      t3.micro"), "{t}");
        assert!(!t.contains("private_dns_name") && t.contains("7 of 14 columns shown; `--wide` shows them all"), "{t}");
        assert!(t.lines().all(|l| l.chars().count() <= 100), "{t}");
        // `_` and `sql` keep every column.
        assert_eq!(s.lab.results["_"].width(), 14);
        // --wide: every column, one row as a row.
        let (ev, _) = s.run_cell("describe-instances --wide");
        let t = text_of(&ev);
        assert!(t.contains("private_dns_name") && !t.contains("columns shown") && !t.contains("field"), "{t}");
        // Two rows: a narrow table, at most 8 columns within 100 characters.
        assert_eq!(s.run_cell("run-instances --instance-type t3.micro --subnet-id a --name w2").1, Outcome::Ok);
        let (ev, _) = s.run_cell("describe-instances");
        let t = text_of(&ev);
        let header = t.lines().nth(1).expect("header");
        assert!(header.starts_with("instance_id") && header.split_whitespace().count() <= 8, "{t}");
        assert!(t.lines().all(|l| l.chars().count() <= 100), "{t}");
        assert!(crate::tables::brief("volumes").is_some_and(|c| c.len() <= 8));
    }

    #[test]
    fn echo_and_stop_at_first_error() {
        let mut s = Session::new();
        let (ev, out) = s.run_cell("echo hello, world\nregion ap-northeast-2\nregion nowhere-1\necho never");
        assert!(text_of(&ev).contains("hello, world"));
        assert!(!text_of(&ev).contains("never"));
        match out {
            Outcome::Error { ename, evalue, .. } => {
                assert_eq!(ename, "InvalidParameterValue");
                assert!(evalue.contains("nowhere-1"));
            }
            Outcome::Ok => panic!("region nowhere-1 must fail"),
        }
        // The command before the failing one kept its effect.
        assert_eq!(s.lab.region, "ap-northeast-2");
    }

    #[test]
    fn json_output_and_tables_are_kept() {
        let mut s = Session::new();
        let (ev, out) = s.run_cell("regions --output json");
        assert_eq!(out, Outcome::Ok);
        let v: Value = serde_json::from_str(&text_of(&ev)).expect("valid JSON");
        assert!(v["Regions"].as_array().map_or(0, |a| a.len()) >= 30);
        assert!(s.lab.results.contains_key("regions"));
        assert!(s.lab.results.contains_key("_"));
    }

    #[test]
    fn query_filters_the_json_result_and_a_bad_one_changes_nothing() {
        let mut s = Session::new();
        let (ev, out) = s.run_cell(
            "create-vpc --cidr-block 10.0.0.0/16 --name prod\n\
             create-vpc --cidr-block 10.1.0.0/16 --name test\n\
             describe-vpcs --query \"Vpcs[?CidrBlock=='10.1.0.0/16'].CidrBlock\"",
        );
        assert_eq!(out, Outcome::Ok, "{}", text_of(&ev));
        let shown = ev.last().map(|e| text_of(std::slice::from_ref(e))).unwrap_or_default();
        let v: Value = serde_json::from_str(&shown).expect("valid JSON");
        assert_eq!(v, json!(["10.1.0.0/16"]));

        let (ev, out) = s.run_cell("describe-vpcs --query 'Vpcs[].CidrBlock' --output text");
        assert_eq!(out, Outcome::Ok);
        assert_eq!(text_of(&ev).trim(), "10.0.0.0/16\t10.1.0.0/16");

        let journal = s.lab.journal.len();
        let (_, out) = s.run_cell("create-vpc --cidr-block 10.2.0.0/16 --query 'Vpc.['");
        match out {
            Outcome::Error { ename, evalue, .. } => {
                assert_eq!(ename, "ParamValidation");
                assert!(evalue.contains("Bad value for --query"), "{}", evalue);
            }
            Outcome::Ok => panic!("a bad --query must fail"),
        }
        assert_eq!(s.lab.network.vpcs.len(), 2, "the failing line created nothing");
        assert_eq!(s.lab.journal.len(), journal);
    }

    #[test]
    fn a_query_that_fails_after_a_write_changes_nothing() {
        let mut s = Session::new();
        let journal = s.lab.journal.len();
        // The query compiles but cannot be applied to the result (abs of an object).
        let (_, out) = s.run_cell("create-vpc --cidr-block 10.2.0.0/16 --query 'abs(Vpc)'");
        match out {
            Outcome::Error { evalue, traceback, .. } => {
                assert!(evalue.contains("--query"), "{evalue}");
                assert!(traceback.iter().any(|l| l.contains("changed nothing")));
            }
            Outcome::Ok => panic!("abs(Vpc) must fail"),
        }
        assert_eq!(s.lab.network.vpcs.len(), 0, "the VPC was kept although the command failed");
        assert_eq!(s.lab.journal.len(), journal);
        // The same line with a query that applies keeps the VPC, journaled once.
        let (ev, out) = s.run_cell("create-vpc --cidr-block 10.2.0.0/16 --query 'Vpc.CidrBlock' --output text");
        assert_eq!(out, Outcome::Ok);
        assert_eq!(text_of(&ev).trim(), "10.2.0.0/16");
        assert_eq!(s.lab.network.vpcs.len(), 1);
        assert_eq!(s.lab.journal.len(), journal + 1);
    }

    #[test]
    fn unsigned_kernels_refuse_rust_cells() {
        let mut s = Session { unsigned: true, ..Session::new() };
        match s.run_cell("%%rust\n1 + 1").1 {
            Outcome::Error { evalue, .. } => assert!(evalue.contains("not signed"), "{evalue}"),
            Outcome::Ok => panic!("an unsigned kernel must refuse %%rust"),
        }
    }

    #[test]
    fn syntax_and_unknown_command_errors() {
        let mut s = Session::new();
        assert!(matches!(s.run_cell("echo 'open").1, Outcome::Error { ref ename, .. } if ename == "SyntaxError"));
        assert!(matches!(s.run_cell("ecoh x").1, Outcome::Error { ref evalue, .. } if evalue.contains("echo")));
    }
}

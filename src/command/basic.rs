//! The commands every lab has: `echo`, `help`, `region`, `regions`, `reset`, `set`.

use crate::model::codes;

use super::{all, closest, find, Args, CommandError, CommandSpec, Ctx, Reply, Run};
use crate::i18n;
use crate::lab::Lab;
use crate::model::regions;

pub fn commands() -> Vec<CommandSpec> {
    vec![
        CommandSpec {
            name: "echo",
            service: "lab",
            summary: "print text",
            usage: "echo TEXT…",
            help: "Prints its arguments joined by spaces: `echo hello, world` prints `hello, world`.",
            flags: &[],
            run: Run::Read(echo),
        },
        CommandSpec {
            name: "help",
            service: "lab",
            summary: "list commands, or explain one",
            usage: "help [COMMAND]",
            help: "`help` lists every command by service; `help create-subnet` shows one command's usage and flags.",
            flags: &[],
            run: Run::Read(help),
        },
        CommandSpec {
            name: "lang",
            service: "lab",
            summary: "show or set the language of cloudlab's own words (en, ko)",
            usage: "lang [en|ko]",
            help: "`lang ko` shows cloudlab's own words in Korean: table titles and notes, chart titles, axes and \
                   legends, the explanatory lines of errors (hints), kernel messages and help summaries. AWS's \
                   identifiers, error codes and the text AWS itself returns stay as AWS writes them. `lang en` \
                   goes back to English; `reset` keeps the setting. The Korean course notebooks set it in their \
                   first cell (a kernel cannot see the notebook's metadata).",
            flags: &[],
            run: Run::Write(lang),
        },
        CommandSpec {
            name: "region",
            service: "lab",
            summary: "show or set the lab's default region",
            usage: "region [REGION]",
            help: "Commands without `--region` use this region. Example: `region ap-northeast-2`.",
            flags: &[],
            run: Run::Write(region),
        },
        CommandSpec {
            name: "regions",
            service: "lab",
            summary: "table of AWS regions and their availability zones",
            usage: "regions",
            help: "Regions and AZ names come from DescribeInstanceTypeOfferings data (see data/SOURCES.md).",
            flags: &[],
            run: Run::Read(regions_table),
        },
        CommandSpec {
            name: "reset",
            service: "lab",
            summary: "start over with an empty lab (settings kept)",
            usage: "reset",
            help: "Removes every resource and kept table; the region and display settings stay.",
            flags: &[],
            run: Run::Replace(reset),
        },
        CommandSpec {
            name: "set",
            service: "lab",
            summary: "change a session setting",
            usage: "set display-limit N",
            help: "`set display-limit 50` shows up to 50 rows of each table before \"… N more rows\" (1 to 10,000).",
            flags: &[],
            run: Run::Write(set),
        },
        sleep_command(),
    ]
}

fn echo(_: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    Ok(Reply::text(a.positional().join(" ")))
}

fn help(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    if let Some(name) = a.pos(0) {
        let joined = a.positional().join(" ");
        let spec = find(&joined).or_else(|| find(name));
        return match spec {
            Some(spec) => Ok(help_reply(spec, lab.settings.lang)),
            None => {
                let mut e = CommandError::new("UnknownCommand", format!("no command `{}`", name));
                if let Some(c) = closest(name, all().iter().map(|c| c.name)) {
                    e = e.with_hint(format!("did you mean `{}`?", c));
                }
                Err(e)
            }
        };
    }
    let lang = lab.settings.lang;
    let mut s =
        i18n::text(lang, "cloudlab commands (`help NAME` for one). AWS operations may be written `aws ec2 NAME …`.");
    s.push('\n');
    let mut services: Vec<&str> = all().iter().map(|c| c.service).collect();
    services.dedup();
    services.sort();
    services.dedup();
    for svc in services {
        s.push_str(&format!("\n## {}\n", svc));
        for c in all().iter().filter(|c| c.service == svc) {
            s.push_str(&format!("- `{}` — {}\n", c.name, i18n::summary(lang, c.name, c.summary)));
        }
    }
    Ok(Reply::new().with_markdown(s))
}

/// One command's help, for `help NAME` and `NAME --help`.
pub fn help_reply(spec: &CommandSpec, lang: i18n::Lang) -> Reply {
    Reply::new().with_markdown(format!("```\n{}```", spec.help_text(lang)))
}

fn lang(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    if let Some(v) = a.pos(0) {
        lab.settings.lang = i18n::Lang::parse(v).ok_or_else(|| {
            CommandError::new(
                codes::INVALID_PARAMETER_VALUE,
                format!("no language `{}`: cloudlab speaks en and ko", crate::suggest::echo(v)),
            )
            .with_hint("lang ko, or lang en")
        })?;
    }
    Ok(Reply::text(format!("lang: {}", lab.settings.lang.code())))
}

fn region(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    match a.pos(0) {
        None => Ok(Reply::text(format!("region: {}", lab.region))),
        Some(code) => {
            let r = super::region::known(code)?;
            lab.region = r.code.clone();
            Ok(Reply::text(format!(
                "region: {} — {} ({} availability zones: {})",
                r.code,
                r.name,
                r.availability_zones.len(),
                r.availability_zones.join(", ")
            )))
        }
    }
}

fn regions_table(_: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let all = regions::all();
    let df = crate::tables::network::regions_df(all)?;
    let json = super::shapes::member("Regions", all.iter().map(super::network::json::ec2_region).collect::<Vec<_>>());
    let _ = a;
    Ok(Reply::new()
        .with_table(
            df.clone(),
            Some(format!("{} regions", all.len())),
            Some("AZ names from DescribeInstanceTypeOfferings (data/SOURCES.md)".into()),
        )
        .with_json(json)
        .keep("regions", df))
}

fn reset(lab: &mut Lab, _: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let region = lab.region.clone();
    let settings = lab.settings.clone();
    *lab = Lab::default();
    lab.region = region;
    lab.settings = settings;
    Ok(Reply::text("lab reset: no resources"))
}

const SETTINGS: &[&str] = &["display-limit"];

/// Most rows a table shows: each shown row is rendered three times (text, HTML,
/// Markdown), and 650,000 rows of a join made hundreds of MB of output.
pub const MAX_DISPLAY_LIMIT: usize = 10_000;

fn set(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let name = a.required_pos(0, "a setting name (display-limit)")?;
    let value = a.required_pos(1, "a value")?;
    match name {
        "display-limit" => {
            let n: usize = value.parse().ok().filter(|n| (1..=MAX_DISPLAY_LIMIT).contains(n)).ok_or_else(|| {
                CommandError::new(
                    codes::INVALID_PARAMETER_VALUE,
                    format!(
                        "display-limit must be a whole number from 1 to {MAX_DISPLAY_LIMIT} (the limit), not '{}'",
                        crate::suggest::echo(value)
                    ),
                )
            })?;
            lab.settings.display_limit = n;
            Ok(Reply::text(format!("display-limit: {}", n)))
        }
        other => {
            let mut e = CommandError::new(codes::INVALID_PARAMETER_VALUE, format!("no setting `{}`", other));
            if let Some(c) = closest(other, SETTINGS.iter().copied()) {
                e = e.with_hint(format!("did you mean `{}`?", c));
            }
            Err(e)
        }
    }
}

/// `sleep SECONDS`: waits, checking for an interrupt every 5 ms (for demos and for the
/// interrupt tests: it proves a long command stops promptly and keeps the session).
pub fn sleep_command() -> CommandSpec {
    CommandSpec {
        name: "sleep",
        service: "lab",
        summary: "wait a number of seconds (interruptible)",
        usage: "sleep SECONDS",
        help: "Waits up to 600 seconds; the ■ interrupt button stops it within milliseconds.",
        flags: &[],
        run: Run::Read(sleep),
    }
}

fn sleep(_: &Lab, a: &Args, ctx: &Ctx) -> Result<Reply, CommandError> {
    let secs: f64 = a
        .required_pos(0, "a number of seconds")?
        .parse()
        .ok()
        .filter(|s: &f64| s.is_finite() && *s >= 0.0 && *s <= 600.0)
        .ok_or_else(|| {
            CommandError::new(codes::INVALID_PARAMETER_VALUE, "sleep takes a number of seconds from 0 to 600")
        })?;
    let start = crate::clock::instant();
    let end = start + std::time::Duration::from_secs_f64(secs);
    while crate::clock::instant() < end {
        ctx.check()?;
        ctx.progress("sleeping", (start.elapsed().as_secs_f64() * 10.0).floor() / 10.0, secs, "s");
        crate::clock::pause(std::time::Duration::from_millis(5));
    }
    Ok(Reply::text(format!("slept {secs} s")))
}

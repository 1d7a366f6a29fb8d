//! `instance-types` (the catalog filtered, as a table) and `explain-type` (what each part
//! of a name means).

use crate::model::codes;
use serde_json::{json, Value};

use super::{known_region, round, unknown_type, usd};
use crate::command::{Args, CommandError, CommandSpec, Ctx, Flag, Reply, Run};
use crate::lab::Lab;
use crate::model::compute::naming::{self, Category, TypeName};
use crate::model::compute::{catalog, InstanceType, CATALOG_DATE};
use crate::model::pricing::estimate::HOURS_PER_MONTH;
use crate::render::chart::format_number;
use crate::tables::compute::{instance_type_list_df, name_parts_df, NamePartRow};

const FLAGS_INSTANCE_TYPES: &[Flag] = &[
    Flag::many("family", "families, e.g. m7g,c7g (exact names)"),
    Flag::choice(
        "category",
        "general-purpose, compute, memory, storage, accelerated, hpc",
        &["general-purpose", "compute", "memory", "storage", "accelerated", "hpc"],
    ),
    Flag::choice("arch", "processor architecture", &["x86_64", "arm64", "i386"]),
    Flag::value("min-vcpus", "at least N vCPUs"),
    Flag::value("max-vcpus", "at most N vCPUs"),
    Flag::value("min-memory", "at least this many GiB"),
    Flag::value("max-memory", "at most this many GiB"),
    Flag::value("min-gib-per-vcpu", "at least this much memory per vCPU (GiB)"),
    Flag::value("max-gib-per-vcpu", "at most this much memory per vCPU (GiB)"),
    Flag::switch("current-generation", "only current generation (--no-current-generation: only previous)"),
    Flag::switch("burstable", "only burstable (T) types (--no-burstable: none)"),
    Flag::switch("gpu", "only types with GPUs (--no-gpu: none)"),
];

pub fn commands() -> Vec<CommandSpec> {
    vec![
        CommandSpec {
            name: "instance-types",
            service: "lab",
            summary: "the instance catalog as a table, filtered",
            usage:
                "instance-types [--family m7g,c7g] [--category general-purpose|compute|memory|storage|accelerated|hpc] \
[--arch x86_64|arm64] [--min-vcpus N] [--max-vcpus N] [--min-memory GIB] [--max-memory GIB] \
[--min-gib-per-vcpu X] [--max-gib-per-vcpu X] [--current-generation] [--region R] [--burstable] [--gpu]",
            help: "Every type of the shipped DescribeInstanceTypes data (2026-10-27) that passes all the \
filters. `--region R` keeps the types offered in R and prices them there (on-demand Linux, \
snapshot prices; n/a where the data has none). Switches can be negated: `--no-burstable`, \
`--no-gpu`, `--no-current-generation`. Memory is in GiB.\n\
Example: `instance-types --family m7g,c7g,r7g --max-vcpus 8 --region ap-northeast-2`",
            flags: FLAGS_INSTANCE_TYPES,
            run: Run::Read(instance_types),
        },
        CommandSpec {
            name: "explain-type",
            service: "lab",
            summary: "what each part of an instance type name means",
            usage: "explain-type NAME",
            help: "Takes a name apart as AWS's naming page does: series letter(s) → category, \
generation, processor letter (a AMD, g Graviton, i Intel), capability letters (b, d, e, n, z, q, …), \
options after a dash (flex, memory size), and the size with its Reserved Instance \
normalization factor. Adds the catalog's facts when the type exists.\n\
Example: `explain-type c7gn.xlarge`",
            flags: &[],
            run: Run::Read(explain_type),
        },
    ]
}

fn num_flag(a: &Args, name: &str) -> Result<Option<f64>, CommandError> {
    let v = a.value::<f64>(name)?;
    if let Some(x) = v {
        if !x.is_finite() || x < 0.0 {
            return Err(CommandError::new(codes::INVALID_PARAMETER_VALUE, format!("--{name} must be a number ≥ 0")));
        }
    }
    Ok(v)
}

fn instance_types(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let families = a.list("family");
    for f in &families {
        if catalog::family_members(f).is_empty() {
            let mut e = CommandError::new(codes::INVALID_PARAMETER_VALUE, format!("unknown instance family '{f}'"));
            let fams = catalog::families();
            if let Some(c) = catalog::closest_in(f, fams.iter().copied()) {
                e = e.with_hint(format!("did you mean `{c}`?"));
            }
            return Err(e);
        }
    }
    let category = match a.get("category") {
        None => None,
        Some(c) => Some(Category::parse(c).ok_or_else(|| {
            CommandError::new(codes::INVALID_PARAMETER_VALUE, format!("unknown category '{c}'"))
                .with_hint("general-purpose, compute, memory, storage, accelerated or hpc")
        })?),
    };
    let arch = a.get("arch");
    let (min_v, max_v) = (num_flag(a, "min-vcpus")?, num_flag(a, "max-vcpus")?);
    let (min_m, max_m) = (num_flag(a, "min-memory")?, num_flag(a, "max-memory")?);
    let (min_r, max_r) = (num_flag(a, "min-gib-per-vcpu")?, num_flag(a, "max-gib-per-vcpu")?);
    let region = a.get("region").map(known_region).transpose()?;
    let within =
        |v: f64, lo: Option<f64>, hi: Option<f64>| lo.is_none_or(|l| v >= l - 1e-9) && hi.is_none_or(|h| v <= h + 1e-9);
    let tri = |name: &str, v: bool| !a.has(name) || a.switch(name) == v;
    let rows: Vec<&'static InstanceType> = catalog::all()
        .iter()
        .filter(|t| families.is_empty() || families.iter().any(|f| f == t.family()))
        .filter(|t| category.is_none_or(|c| t.category() == Some(c)))
        .filter(|t| arch.is_none_or(|x| t.architectures.iter().any(|a| a == x)))
        .filter(|t| within(t.vcpus as f64, min_v, max_v))
        .filter(|t| within(t.memory_gib(), min_m, max_m))
        .filter(|t| within(t.gib_per_vcpu(), min_r, max_r))
        .filter(|t| tri("current-generation", t.current_generation))
        .filter(|t| tri("burstable", t.burstable))
        .filter(|t| tri("gpu", t.has_gpu()))
        .filter(|t| region.as_deref().is_none_or(|r| catalog::offered_in(&t.name, r)))
        .collect();
    let price_region = region.clone().unwrap_or_else(|| lab.region.clone());
    let prices: Vec<Option<f64>> = rows.iter().map(|t| lab.pricing.price(&t.name, &price_region)).collect();
    let df = instance_type_list_df(&rows, &prices)?;
    let mut note =
        format!("DescribeInstanceTypes data of {CATALOG_DATE}; prices in {price_region}, {}", lab.pricing.label());
    let unpriced = prices.iter().filter(|p| p.is_none()).count();
    if unpriced > 0 {
        note.push_str(&format!(
            "; {unpriced} type(s) have no price in the data for {price_region} (n/a, not estimated)"
        ));
    }
    let records: Vec<Value> = rows
        .iter()
        .zip(&prices)
        .map(|(t, p)| {
            json!({
                "instance_type": t.name,
                "family": t.family(),
                "category": t.category().map(|c| c.as_str()),
                "vcpus": t.vcpus,
                "memory_gib": round(t.memory_gib(), 3),
                "gib_per_vcpu": round(t.gib_per_vcpu(), 3),
                "architectures": t.architectures,
                "current_generation": t.current_generation,
                "burstable": t.burstable,
                "gpu_count": t.gpu_count.unwrap_or(0),
                "region": price_region,
                "price_per_hour_usd": p,
            })
        })
        .collect();
    Ok(Reply::new()
        .with_table(df.clone(), Some(format!("{} instance types", rows.len())), Some(note))
        .with_json(Value::Array(records))
        .keep("instance_type_list", df))
}

fn explain_type(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let name = a.required_pos(0, "an instance type name, e.g. `explain-type c7gn.xlarge`")?;
    let t = naming::explain(name).map_err(|e| {
        let base = unknown_type(name);
        let hint = base.hint.clone().unwrap_or_default();
        CommandError::new(codes::INVALID_INSTANCE_TYPE, e.to_string()).with_hint(hint)
    })?;
    let facts = catalog::find(&t.name);
    let factor = facts.and_then(|f| f.normalization_factor()).or(t.normalization_factor);
    let parts = name_parts(&t, facts.is_some(), factor);
    let mut md = format!("**{}**\n\n", t.name);
    for p in &parts {
        md.push_str(&format!("- `{}` — {}: {}\n", p.code, p.kind, p.meaning));
    }
    if t.processor.is_none() && !t.family.starts_with("mac") {
        md.push_str(if facts.is_some() {
            "- no processor letter: the name does not say which processor (the catalog line below does)\n"
        } else {
            "- no processor letter: the name does not say which processor\n"
        });
    }
    let typical = t.category.typical_gib_per_vcpu();
    md.push_str(&match facts {
        Some(f) => catalog_md(lab, &t, f, typical),
        None => {
            let closest = catalog::closest(&t.name).map_or(String::new(), |c| format!(" Closest known type: `{c}`."));
            format!("\n`{}` is not in the catalog ({CATALOG_DATE}).{closest}\n", t.name)
        }
    });
    let json = json!({
        "instance_type": t.name,
        "family": t.family,
        "series": t.series,
        "category": t.category.as_str(),
        "generation": t.generation,
        "processor": t.processor.as_ref().map(|p| json!({"code": p.code, "meaning": p.meaning})),
        "capabilities": t.capabilities.iter().map(|c| json!({"code": c.code, "meaning": c.meaning, "documented": c.documented})).collect::<Vec<_>>(),
        "size": t.size,
        "normalization_factor": factor,
        "in_catalog": facts.is_some(),
        "vcpus": facts.map(|f| f.vcpus),
        "memory_gib": facts.map(|f| round(f.memory_gib(), 3)),
        "gib_per_vcpu": facts.map(|f| round(f.gib_per_vcpu(), 3)),
        "typical_gib_per_vcpu": typical,
    });
    Ok(Reply::new()
        .with_markdown(md)
        .with_table(name_parts_df(&parts)?, None, Some("naming: https://docs.aws.amazon.com/ec2/latest/instancetypes/instance-type-names.html; normalization factors: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/apply_ri.html".into()))
        .with_json(json))
}

/// Each part of the name with what it means: series, generation, processor, capabilities, size.
fn name_parts(t: &TypeName, in_catalog: bool, factor: Option<f64>) -> Vec<NamePartRow> {
    let row = |code: &str, kind: &'static str, meaning: String| NamePartRow { code: code.to_string(), kind, meaning };
    let mut parts = Vec::new();
    let series_meaning = if t.series_meaning == t.category.as_str() {
        format!("category: {}", t.category)
    } else {
        format!("{} → category: {}", t.series_meaning, t.category)
    };
    parts.push(row(&t.series, "series", series_meaning));
    if let Some(g) = t.generation {
        parts.push(row(&g.to_string(), "generation", format!("generation {g} (higher is newer)")));
    }
    if let Some(p) = &t.processor {
        parts.push(row(&p.code, "processor", p.meaning.clone()));
    }
    for c in &t.capabilities {
        let m = if c.documented { c.meaning.clone() } else { format!("⚠ {}", c.meaning) };
        parts.push(row(&c.code, "capability", m));
    }
    let size_meaning = match factor {
        Some(f) if t.size == "metal" => {
            format!("bare metal; normalization factor {} (the family's largest size)", format_number(f))
        }
        Some(f) => format!("normalization factor {}", format_number(f)),
        None if in_catalog => "bare metal; the family has no other size to take a normalization factor from".into(),
        None => "bare metal; normalization factor of the family's largest size (type not in the catalog)".into(),
    };
    parts.push(row(&t.size, "size", size_meaning));
    parts
}

/// The catalog's facts of a known type, and its price in the lab's region.
fn catalog_md(lab: &Lab, t: &TypeName, f: &InstanceType, typical: Option<f64>) -> String {
    let mut md = format!(
        "\nFrom the catalog ({CATALOG_DATE}): {} vCPUs, {} GiB memory → **{} GiB per vCPU**{}; {}; {}{}{}.\n",
        f.vcpus,
        format_number(round(f.memory_gib(), 3)),
        format_number(round(f.gib_per_vcpu(), 3)),
        typical.map_or(String::new(), |r| format!(" (typical for {}: {r})", t.category)),
        f.architectures.join("/"),
        f.manufacturer.as_deref().unwrap_or("processor maker not given"),
        if f.current_generation { ", current generation" } else { ", previous generation" },
        if f.burstable { ", burstable (CPU credits)" } else { "" },
    );
    if let Some(p) = lab.pricing.price(&f.name, &lab.region) {
        md.push_str(&format!(
            "Price in {}: {}/hour, {}/month ({}).\n",
            lab.region,
            usd(Some(p)),
            usd(Some(p * HOURS_PER_MONTH)),
            lab.pricing.label()
        ));
    }
    md
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{error, json, run};
    use crate::kernel::Outcome;
    use crate::lab::Lab;

    #[test]
    fn explain_c7gn_xlarge() {
        let mut s = Lab::default();
        let (texts, outcome) = run(&mut s, "explain-type c7gn.xlarge");
        assert_eq!(outcome, Outcome::Ok);
        let all = texts.join("\n");
        assert!(all.contains("compute optimized"), "{all}");
        assert!(all.contains("AWS Graviton"));
        assert!(all.contains("network and EBS optimized"));
        assert!(all.contains("normalization factor 8"));
        assert!(all.contains("2 GiB per vCPU"));
        let v = json(&mut s, "explain-type c7gn.xlarge --output json");
        assert_eq!(v["category"], "compute optimized");
        assert_eq!(v["generation"], 7);
        assert_eq!(v["processor"]["code"], "g");
        assert_eq!(v["capabilities"][0]["code"], "n");
        assert_eq!(v["normalization_factor"], 8.0);
        assert_eq!(v["gib_per_vcpu"], 2.0);
        let m5 = json(&mut s, "explain-type m5.metal --output json");
        assert_eq!(m5["normalization_factor"], 192.0);
    }

    #[test]
    fn explain_errors_and_unknown_but_readable_names() {
        let mut s = Lab::default();
        let (ename, evalue) = error(&mut s, "explain-type q9.large");
        assert_eq!(ename, "InvalidInstanceType");
        assert!(evalue.contains("family letter"));
        let v = json(&mut s, "explain-type m9.large --output json");
        assert_eq!(v["in_catalog"], false);
        assert_eq!(v["category"], "general purpose");
        let (ename, _) = error(&mut s, "explain-type");
        assert_eq!(ename, "MissingParameter");
    }

    #[test]
    fn instance_types_filters() {
        let mut s = Lab::default();
        let v = json(&mut s, "instance-types --family m7g,c7g,r7g --max-vcpus 2 --output json");
        let names: Vec<&str> = v.as_array().unwrap().iter().map(|r| r["instance_type"].as_str().unwrap()).collect();
        assert_eq!(names, vec!["c7g.medium", "c7g.large", "m7g.medium", "m7g.large", "r7g.medium", "r7g.large"]);
        let v = json(
            &mut s,
            "instance-types --category memory --min-gib-per-vcpu 32 --arch x86_64 --current-generation --output json",
        );
        let rows = v.as_array().unwrap();
        assert!(!rows.is_empty());
        assert!(rows
            .iter()
            .all(|r| r["gib_per_vcpu"].as_f64().unwrap() >= 32.0 && r["category"] == "memory optimized"));
        let v = json(&mut s, "instance-types --burstable --max-memory 1 --output json");
        let names: Vec<&str> = v.as_array().unwrap().iter().map(|r| r["instance_type"].as_str().unwrap()).collect();
        assert!(names.contains(&"t3.micro") && names.contains(&"t3.nano"));
        let v = json(&mut s, "instance-types --gpu --family g5 --region us-east-1 --output json");
        let g5 = &v.as_array().unwrap()[0];
        assert_eq!(g5["instance_type"], "g5.xlarge");
        assert_eq!(g5["price_per_hour_usd"], 1.006);
        let v = json(&mut s, "instance-types --family a1 --region sa-east-1 --output json");
        assert_eq!(v.as_array().unwrap().len(), 0);
        let (ename, evalue) = error(&mut s, "instance-types --family m7gg");
        assert_eq!(ename, "InvalidParameterValue");
        assert!(evalue.contains("m7gg"));
        let (ename, _) = error(&mut s, "instance-types --min-vcpus lots");
        assert_eq!(ename, "InvalidParameterValue");
    }
}

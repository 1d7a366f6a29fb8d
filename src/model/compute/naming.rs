//! What an instance type's name says (https://docs.aws.amazon.com/ec2/latest/instancetypes/instance-type-names.html): series → category,
//! generation, processor and capability letters, options after a dash, size and its
//! normalization factor (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/apply_ri.html).

use std::fmt;

/// AWS's instance categories, as on the instance-types page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    GeneralPurpose,
    ComputeOptimized,
    MemoryOptimized,
    StorageOptimized,
    AcceleratedComputing,
    HpcOptimized,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::GeneralPurpose => "general purpose",
            Category::ComputeOptimized => "compute optimized",
            Category::MemoryOptimized => "memory optimized",
            Category::StorageOptimized => "storage optimized",
            Category::AcceleratedComputing => "accelerated computing",
            Category::HpcOptimized => "HPC optimized",
        }
    }

    /// Accepts `general-purpose`, `general purpose`, `general`, `compute`, `memory`,
    /// `storage`, `accelerated`, `gpu`, `hpc` (any case).
    pub fn parse(s: &str) -> Option<Category> {
        let s = s.trim().to_ascii_lowercase().replace(['-', '_'], " ");
        let first = s.split_whitespace().next().unwrap_or("");
        match first {
            "general" | "gp" => Some(Category::GeneralPurpose),
            "compute" => Some(Category::ComputeOptimized),
            "memory" => Some(Category::MemoryOptimized),
            "storage" => Some(Category::StorageOptimized),
            "accelerated" | "gpu" => Some(Category::AcceleratedComputing),
            "hpc" => Some(Category::HpcOptimized),
            _ => None,
        }
    }

    /// The usual GiB of memory per vCPU in this category (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/general-purpose-instances.html and its sibling pages); None
    /// when there is no fixed ratio.
    pub fn typical_gib_per_vcpu(self) -> Option<f64> {
        match self {
            Category::GeneralPurpose => Some(4.0),
            Category::ComputeOptimized => Some(2.0),
            Category::MemoryOptimized => Some(8.0),
            Category::StorageOptimized => Some(8.0),
            _ => None,
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The leading letters of a family name: what they mean and the category.
/// Longest prefixes first so `hpc`, `inf`, `trn`, `im`, `is`, `gr`, `dl` win.
const SERIES: &[(&str, &str, Category)] = &[
    ("hpc", "high-performance computing", Category::HpcOptimized),
    ("inf", "AWS Inferentia accelerators", Category::AcceleratedComputing),
    ("trn", "AWS Trainium accelerators", Category::AcceleratedComputing),
    ("mac", "macOS (Apple Mac hardware)", Category::GeneralPurpose),
    ("vt", "video transcoding", Category::AcceleratedComputing),
    ("dl", "deep learning accelerators", Category::AcceleratedComputing),
    ("gr", "graphics, with more memory per vCPU", Category::AcceleratedComputing),
    ("im", "storage, 1:4 vCPU to memory", Category::StorageOptimized),
    ("is", "storage, 1:6 vCPU to memory", Category::StorageOptimized),
    ("a", "general purpose, first AWS Graviton", Category::GeneralPurpose),
    ("c", "compute optimized", Category::ComputeOptimized),
    ("d", "dense storage", Category::StorageOptimized),
    ("f", "FPGA", Category::AcceleratedComputing),
    ("g", "graphics (GPU)", Category::AcceleratedComputing),
    ("h", "storage (HDD)", Category::StorageOptimized),
    ("i", "storage (SSD)", Category::StorageOptimized),
    ("m", "general purpose", Category::GeneralPurpose),
    ("p", "GPU", Category::AcceleratedComputing),
    ("r", "memory optimized", Category::MemoryOptimized),
    ("t", "burstable general purpose", Category::GeneralPurpose),
    ("u", "high memory", Category::MemoryOptimized),
    ("x", "memory intensive", Category::MemoryOptimized),
    ("z", "memory optimized, high frequency", Category::MemoryOptimized),
];

/// One part of the name and what it means.
#[derive(Clone, Debug, PartialEq)]
pub struct NamePart {
    /// The letters as written, e.g. `g`, `n`, `flex`, `24tb`.
    pub code: String,
    pub meaning: String,
    /// False when the letter is not in AWS's naming table (meaning is a best reading).
    pub documented: bool,
}

fn part(code: &str, meaning: &str, documented: bool) -> NamePart {
    NamePart { code: code.to_string(), meaning: meaning.to_string(), documented }
}

/// An instance type name taken apart.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeName {
    pub name: String,
    /// Everything before the dot: `c7gn`, `m7i-flex`.
    pub family: String,
    /// The leading letters: `c`, `hpc`, `u`.
    pub series: String,
    pub series_meaning: String,
    pub category: Category,
    pub generation: Option<u32>,
    /// The processor letter (`a`, `g`, `i`) when the name has one.
    pub processor: Option<NamePart>,
    /// Capability letters after the generation, and options after a dash.
    pub capabilities: Vec<NamePart>,
    /// `xlarge`, `24xlarge`, `metal`, `metal-24xl`.
    pub size: String,
    /// Reserved Instance normalization factor of the size; None for `metal` (it takes
    /// the family's largest size: see [`metal_factor`]).
    pub normalization_factor: Option<f64>,
}

/// Why a name could not be read.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("'{name}' is not an instance type name: {reason}")]
pub struct NamingError {
    pub name: String,
    pub reason: String,
}

fn capability(c: char) -> NamePart {
    let s = c.to_string();
    match c {
        'b' => part(&s, "block storage (EBS) optimized", true),
        'd' => part(&s, "instance store volumes (local NVMe SSD)", true),
        'e' => part(&s, "extra storage or memory", true),
        'n' => part(&s, "network and EBS optimized", true),
        'z' => part(&s, "high performance (high CPU frequency)", true),
        'q' => part(&s, "Qualcomm accelerators", true),
        'f' => part(&s, "not in AWS's naming table; in g6f/gr6f it marks fractional-GPU sizes", false),
        'u' => part(&s, "not in AWS's naming table; in trn2u it marks UltraServer capacity", false),
        'a' => part(&s, "AMD processors", true),
        'g' => part(&s, "AWS Graviton processors", true),
        'i' => part(&s, "Intel processors", true),
        _ => part(&s, "not in AWS's naming table", false),
    }
}

/// What a dash option means: `flex`, a memory size (`24tb`), an accelerator or chip.
fn option(o: &str) -> NamePart {
    if o == "flex" {
        return part(o, "Flex instance: 40% CPU baseline, can run at 100% for 95% of a 24-hour window", true);
    }
    if let Some(tb) = o.strip_suffix("tb") {
        if !tb.is_empty() && tb.chars().all(|c| c.is_ascii_digit()) {
            return part(o, &format!("{tb} TiB of memory"), true);
        }
    }
    let mut chars = o.chars();
    match chars.next() {
        Some('b') if chars.clone().all(|c| c.is_ascii_digit()) => {
            part(o, &format!("NVIDIA Blackwell {} GPUs (⚠ newer naming page)", o.to_uppercase()), true)
        }
        Some('m') if o[1..].chars().next().is_some_and(|c| c.is_ascii_digit()) => {
            let chip = o[1..].replace("ultra", " Ultra").replace("max", " Max").replace("pro", " Pro");
            part(o, &format!("Apple M{chip} chip (⚠ newer naming page)"), true)
        }
        _ => part(o, "not in AWS's naming table", false),
    }
}

/// The normalization factor of a size (nano 0.25 … xlarge 8, Nxlarge 8·N; `metal-24xl`
/// = 24xlarge = 192). None for plain `metal` and unknown sizes.
pub fn size_factor(size: &str) -> Option<f64> {
    match size {
        "nano" => Some(0.25),
        "micro" => Some(0.5),
        "small" => Some(1.0),
        "medium" => Some(2.0),
        "large" => Some(4.0),
        "xlarge" => Some(8.0),
        _ => {
            if let Some(n) = size.strip_suffix("xlarge") {
                return n.parse::<u32>().ok().filter(|n| *n > 0).map(|n| 8.0 * n as f64);
            }
            if let Some(n) = size.strip_prefix("metal-").and_then(|s| s.strip_suffix("xl")) {
                return n.parse::<u32>().ok().filter(|n| *n > 0).map(|n| 8.0 * n as f64);
            }
            None
        }
    }
}

/// A `metal` size takes the factor of its family's largest size (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/apply_ri.html: i3.metal = 128,
/// m5.metal = 192); give it the family's other sizes.
pub fn metal_factor<'a>(sizes: impl IntoIterator<Item = &'a str>) -> Option<f64> {
    sizes.into_iter().filter_map(size_factor).fold(None, |m, f| Some(m.map_or(f, |m: f64| m.max(f))))
}

fn is_size(size: &str) -> bool {
    size == "metal" || size_factor(size).is_some()
}

/// Take `name` apart. Works for names not in the catalog too, as long as they follow
/// AWS's pattern (series letters, generation digits, letters, optional `-option`, `.size`).
pub fn explain(name: &str) -> Result<TypeName, NamingError> {
    let err = |reason: &str| NamingError { name: name.to_string(), reason: reason.to_string() };
    let lower = name.trim().to_ascii_lowercase();
    let (family, size) = lower.split_once('.').ok_or_else(|| err("it has no '.size' part (e.g. m5.large)"))?;
    if !is_size(size) {
        return Err(err(&format!(
            "'{size}' is not a size (nano, micro, small, medium, large, xlarge, Nxlarge, metal)"
        )));
    }
    // `u-6tb1`: high-memory series, then the memory, then the generation.
    let (main, opts): (String, Vec<&str>) = if let Some(rest) = family.strip_prefix("u-") {
        let digits_at =
            rest.char_indices().rev().find(|(_, c)| !c.is_ascii_digit()).map_or(0, |(i, c)| i + c.len_utf8());
        let (mem, gen) = rest.split_at(digits_at);
        (format!("u{gen}"), vec![mem])
    } else {
        let mut it = family.split('-');
        let main = it.next().unwrap_or("").to_string();
        (main, it.collect())
    };
    let letters_end = main.find(|c: char| !c.is_ascii_lowercase()).unwrap_or(main.len());
    let series_letters = &main[..letters_end];
    let rest = &main[letters_end..];
    let digits_end = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
    let (gen_digits, attrs) = rest.split_at(digits_end);
    if attrs.chars().any(|c| !c.is_ascii_lowercase()) {
        return Err(err("letters, digits, letters is the pattern before the dot"));
    }
    let (series, meaning, category) = SERIES
        .iter()
        .find(|(s, _, _)| *s == series_letters)
        .ok_or_else(|| err(&format!("'{series_letters}' is not an instance family letter")))?;
    let generation = if gen_digits.is_empty() {
        None
    } else {
        Some(gen_digits.parse::<u32>().map_err(|_| err("the generation is not a number"))?)
    };
    // `mac-m4` has no generation; every other family has one.
    if generation.is_none() && *series != "mac" {
        return Err(err("a generation number follows the family letter (e.g. m7)"));
    }
    let mut letters = attrs.chars().peekable();
    let processor = match letters.peek() {
        Some(c @ ('a' | 'g' | 'i')) => {
            let p = capability(*c);
            letters.next();
            Some(p)
        }
        _ => None,
    };
    let mut capabilities: Vec<NamePart> = letters.map(capability).collect();
    capabilities.extend(opts.iter().filter(|o| !o.is_empty()).map(|o| option(o)));
    Ok(TypeName {
        name: format!("{family}.{size}"),
        family: family.to_string(),
        series: series.to_string(),
        series_meaning: meaning.to_string(),
        category: *category,
        generation,
        processor,
        capabilities,
        size: size.to_string(),
        normalization_factor: size_factor(size),
    })
}

/// The category of a family or type name (`c7gn`, `r5.large`); None when unreadable.
#[cfg(test)]
pub fn category_of(family_or_type: &str) -> Option<Category> {
    let name =
        if family_or_type.contains('.') { family_or_type.to_string() } else { format!("{family_or_type}.large") };
    explain(&name).ok().map(|t| t.category)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(t: &TypeName) -> Vec<String> {
        t.capabilities.iter().map(|c| c.code.clone()).collect()
    }

    #[test]
    fn c7gn_xlarge_as_in_the_naming_docs() {
        let t = explain("c7gn.xlarge").unwrap();
        assert_eq!(t.family, "c7gn");
        assert_eq!(t.series, "c");
        assert_eq!(t.category, Category::ComputeOptimized);
        assert_eq!(t.generation, Some(7));
        assert_eq!(t.processor.as_ref().unwrap().meaning, "AWS Graviton processors");
        assert_eq!(codes(&t), vec!["n"]);
        assert!(t.capabilities[0].meaning.contains("network"));
        assert_eq!(t.size, "xlarge");
        assert_eq!(t.normalization_factor, Some(8.0));
    }

    #[test]
    fn processor_and_capability_letters() {
        let t = explain("x2iedn.32xlarge").unwrap();
        assert_eq!(t.category, Category::MemoryOptimized);
        assert_eq!(t.processor.as_ref().unwrap().code, "i");
        assert_eq!(codes(&t), vec!["e", "d", "n"]);
        assert_eq!(t.normalization_factor, Some(256.0));
        let t = explain("m5zn.large").unwrap();
        assert!(t.processor.is_none());
        assert_eq!(codes(&t), vec!["z", "n"]);
        let t = explain("t3a.micro").unwrap();
        assert_eq!(t.processor.unwrap().meaning, "AMD processors");
        assert_eq!(t.normalization_factor, Some(0.5));
        let t = explain("r8gb.large").unwrap();
        assert!(t.capabilities[0].meaning.contains("EBS"));
        let t = explain("is4gen.large").unwrap();
        assert_eq!(t.series, "is");
        assert_eq!(t.category, Category::StorageOptimized);
        assert_eq!(codes(&t), vec!["e", "n"]);
    }

    #[test]
    fn dash_options_flex_memory_chips() {
        let t = explain("m7i-flex.large").unwrap();
        assert_eq!(t.family, "m7i-flex");
        assert!(t.capabilities.iter().any(|c| c.code == "flex" && c.meaning.contains("40%")));
        let t = explain("u7in-24tb.224xlarge").unwrap();
        assert_eq!(t.category, Category::MemoryOptimized);
        assert!(t.capabilities.iter().any(|c| c.meaning == "24 TiB of memory"));
        assert_eq!(t.normalization_factor, Some(1792.0));
        let t = explain("u-6tb1.metal").unwrap();
        assert_eq!(t.generation, Some(1));
        assert!(t.capabilities.iter().any(|c| c.meaning == "6 TiB of memory"));
        assert_eq!(t.normalization_factor, None);
        let t = explain("mac-m4pro.metal").unwrap();
        assert!(t.capabilities[0].meaning.contains("Apple M4 Pro"));
        let t = explain("p6-b200.48xlarge").unwrap();
        assert!(t.capabilities[0].meaning.contains("B200"));
        assert_eq!(explain("hpc7g.16xlarge").unwrap().category, Category::HpcOptimized);
        assert_eq!(explain("inf2.xlarge").unwrap().series, "inf");
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_explained_or_refused_never_a_panic(name in "\\PC{0,24}") {
            let _ = explain(&name);
            let _ = explain(&format!("u-{name}.large"));
            let _ = explain(&format!("{name}.metal-{name}xl"));
        }
    }

    #[test]
    fn sizes_and_factors() {
        assert_eq!(size_factor("nano"), Some(0.25));
        assert_eq!(size_factor("medium"), Some(2.0));
        assert_eq!(size_factor("3xlarge"), Some(24.0));
        assert_eq!(size_factor("112xlarge"), Some(896.0));
        assert_eq!(size_factor("metal-24xl"), Some(192.0));
        assert_eq!(size_factor("metal"), None);
        assert_eq!(metal_factor(["large", "xlarge", "24xlarge", "metal"]), Some(192.0));
    }

    #[test]
    fn unreadable_names_say_why() {
        assert!(explain("m5").unwrap_err().reason.contains(".size"));
        assert!(explain("m5.huge").unwrap_err().reason.contains("not a size"));
        assert!(explain("q5.large").unwrap_err().reason.contains("family letter"));
        assert!(explain("m.large").unwrap_err().reason.contains("generation"));
        assert_eq!(category_of("r7g"), Some(Category::MemoryOptimized));
        assert_eq!(Category::parse("Memory-Optimized"), Some(Category::MemoryOptimized));
        assert_eq!(Category::parse("gpu"), Some(Category::AcceleratedComputing));
    }
}

//! Load profiles for `simulate autoscaling`: `ramp:0-3000rps:10m,steady:20m,drop:10m`.
//!
//! A profile is a list of segments, each with a duration. Request rates are requests per
//! second arriving at the load balancer; `cpu-script` segments model the course's load
//! script, which runs on every instance instead of arriving through the load balancer.

use std::fmt;

/// One piece of a load profile.
#[derive(Clone, Debug, PartialEq)]
pub enum Segment {
    /// Linear change from one rate to another (`ramp:0-3000rps:10m`).
    Ramp { from_rps: f64, to_rps: f64, duration_s: u64 },
    /// Constant rate (`steady:20m` keeps the previous rate, `steady:500rps:20m` sets one).
    Steady { rps: f64, duration_s: u64 },
    /// The course's CPU script on every running instance (`cpu-script:30m`): every 5 s it
    /// creates, compresses and decompresses a file while CPU idle is above 30 %.
    CpuScript { duration_s: u64 },
}

impl Segment {
    pub fn duration_s(&self) -> u64 {
        match self {
            Segment::Ramp { duration_s, .. }
            | Segment::Steady { duration_s, .. }
            | Segment::CpuScript { duration_s } => *duration_s,
        }
    }
}

/// A whole profile: segments back to back from t = 0.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadProfile {
    pub segments: Vec<Segment>,
    /// The text it was parsed from, for output.
    pub text: String,
}

/// Why a profile did not parse, with the piece that failed.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadError(pub String);

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

const FORMS: &str = "segments are ramp:A-Brps:DUR, steady:DUR, steady:Nrps:DUR, drop:DUR, drop:Nrps:DUR, \
spike:Nrps:DUR, idle:DUR or cpu-script:DUR, separated by commas; DUR is like 90s, 10m, 1h or 1h30m";

/// A duration such as `90s`, `10m`, `1h`, `1h30m`, `2d` in whole seconds; a bare number is seconds.
pub fn parse_duration(s: &str) -> Result<u64, LoadError> {
    // Whole seconds exactly; anything else through the one reader, saturating.
    if let Ok(n) = s.trim().parse::<u64>() {
        return Ok(n);
    }
    crate::duration::seconds(s).map(|v| v.round() as u64).map_err(LoadError)
}

fn parse_rps(s: &str, piece: &str) -> Result<f64, LoadError> {
    let t = s.trim().trim_end_matches("rps");
    let v: f64 =
        t.parse().map_err(|_| LoadError(format!("'{}' in '{}' is not a request rate like 3000rps", s, piece)))?;
    if !v.is_finite() || v < 0.0 {
        return Err(LoadError(format!("request rate '{}' in '{}' must be zero or more", s, piece)));
    }
    Ok(v)
}

impl LoadProfile {
    /// Parses the `--load` text.
    pub fn parse(text: &str) -> Result<LoadProfile, LoadError> {
        let mut segments = Vec::new();
        let mut last = 0.0;
        for piece in text.split(',').map(str::trim) {
            if piece.is_empty() {
                return Err(LoadError(format!("empty segment in '{}'; {}", text, FORMS)));
            }
            let parts: Vec<&str> = piece.split(':').collect();
            let kind = parts[0].to_ascii_lowercase();
            let dur = |p: &str| parse_duration(p).map_err(|e| LoadError(format!("segment '{}': {}", piece, e.0)));
            let seg = match (kind.as_str(), parts.len()) {
                ("ramp", 3) => {
                    let (a, b) = parts[1].split_once('-').ok_or_else(|| {
                        LoadError(format!("segment '{}': a ramp needs FROM-TO like 0-3000rps", piece))
                    })?;
                    Segment::Ramp {
                        from_rps: parse_rps(a, piece)?,
                        to_rps: parse_rps(b, piece)?,
                        duration_s: dur(parts[2])?,
                    }
                }
                ("steady", 2) => Segment::Steady { rps: last, duration_s: dur(parts[1])? },
                ("steady" | "spike" | "drop", 3) => {
                    Segment::Steady { rps: parse_rps(parts[1], piece)?, duration_s: dur(parts[2])? }
                }
                ("drop" | "idle", 2) => Segment::Steady { rps: 0.0, duration_s: dur(parts[1])? },
                ("cpu-script", 2) => Segment::CpuScript { duration_s: dur(parts[1])? },
                ("cpu-script", 1) => Segment::CpuScript { duration_s: 3600 },
                _ => return Err(LoadError(format!("cannot read segment '{}'; {}", piece, FORMS))),
            };
            if seg.duration_s() == 0 {
                return Err(LoadError(format!("segment '{}' lasts 0 s", piece)));
            }
            last = match &seg {
                Segment::Ramp { to_rps, .. } => *to_rps,
                Segment::Steady { rps, .. } => *rps,
                Segment::CpuScript { .. } => 0.0,
            };
            segments.push(seg);
        }
        Ok(LoadProfile { segments, text: text.to_string() })
    }

    /// Total length in seconds.
    pub fn duration_s(&self) -> u64 {
        // Saturating: `999999999999999d` segments must not wrap around to a short run.
        self.segments.iter().fold(0u64, |n, s| n.saturating_add(s.duration_s()))
    }

    /// Load at second `t`: (requests per second at the load balancer, CPU script running).
    /// After the profile's end the load test is over: no requests, no script.
    pub fn at(&self, t: u64) -> (f64, bool) {
        let mut start = 0;
        for seg in &self.segments {
            let d = seg.duration_s();
            if t >= start && t < start.saturating_add(d) {
                let x = (t - start) as f64 / d as f64;
                return match seg {
                    Segment::Ramp { from_rps, to_rps, .. } => (from_rps + (to_rps - from_rps) * x, false),
                    Segment::Steady { rps, .. } => (*rps, false),
                    Segment::CpuScript { .. } => (0.0, true),
                };
            }
            start = start.saturating_add(d);
        }
        (0.0, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_issue_profile_ramps_holds_and_drops() {
        let p = LoadProfile::parse("ramp:0-3000rps:10m,steady:20m,drop:10m").unwrap();
        assert_eq!(p.duration_s(), 2400);
        assert_eq!(p.at(0).0, 0.0);
        assert!((p.at(300).0 - 1500.0).abs() < 1e-9);
        assert_eq!(p.at(900).0, 3000.0);
        assert_eq!(p.at(1900).0, 0.0);
        assert_eq!(p.at(99999).0, 0.0);
    }

    #[test]
    fn huge_durations_saturate() {
        let p = LoadProfile::parse("steady:100rps:18446744073709551615s,steady:100rps:18446744073709551615s").unwrap();
        assert_eq!(p.duration_s(), u64::MAX);
        assert_eq!(p.at(u64::MAX - 1).0, 100.0);
        assert_eq!(parse_duration("99999999999999999999d").unwrap(), u64::MAX);
    }

    #[test]
    fn durations_and_script_segments() {
        assert_eq!(parse_duration("1h30m").unwrap(), 5400);
        assert_eq!(parse_duration("90").unwrap(), 90);
        let p = LoadProfile::parse("cpu-script:30m,idle:10m").unwrap();
        assert_eq!(p.at(10), (0.0, true));
        assert_eq!(p.at(1900), (0.0, false));
        // The test is over after the profile: no script, no requests.
        let p = LoadProfile::parse("steady:500rps:10m,cpu-script:10m").unwrap();
        assert_eq!(p.at(599), (500.0, false));
        assert_eq!(p.at(1300), (0.0, false));
    }

    #[test]
    fn bad_profiles_say_what_is_wrong() {
        for (bad, needle) in [
            ("ramp:0-3000rps", "cannot read segment 'ramp:0-3000rps'"),
            ("ramp:0..3000rps:10m", "FROM-TO"),
            ("steady:10x", "unknown unit 'x'"),
            ("steady:abcrps:10m", "not a request rate"),
            ("wobble:10m", "cannot read segment"),
            ("ramp:0-10rps:10m,,drop:1m", "empty segment"),
            ("steady:0s", "lasts 0 s"),
            ("steady:-5rps:1m", "zero or more"),
        ] {
            let e = LoadProfile::parse(bad).unwrap_err();
            assert!(e.0.contains(needle), "{}: {}", bad, e.0);
        }
    }
}

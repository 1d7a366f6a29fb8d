//! The one duration reader: `90s`, `10m`, `1h30m`, `2d`, `500ms`; a bare number is seconds.
//! Load profiles (`simulate autoscaling`) and `simulate replication --duration` use it.

/// Seconds in `s`; the error says what is wrong with the text.
pub fn seconds(s: &str) -> Result<f64, String> {
    let s = s.trim();
    if s.is_empty() {
        return Err("empty duration".into());
    }
    if let Ok(n) = s.parse::<f64>() {
        return if n.is_finite() && n >= 0.0 {
            Ok(n)
        } else {
            Err(format!("duration '{s}' is not a number followed by ms, s, m, h or d"))
        };
    }
    let mut total = 0.0;
    let mut num = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() || c == '.' {
            num.push(c);
            continue;
        }
        if c.is_whitespace() {
            continue;
        }
        let unit = match c {
            'm' if chars.peek() == Some(&'s') => {
                chars.next();
                0.001
            }
            's' => 1.0,
            'm' => 60.0,
            'h' => 3600.0,
            'd' => 86400.0,
            _ => return Err(format!("duration '{s}': unknown unit '{c}' (use ms, s, m, h or d)")),
        };
        let n: f64 = num.parse().map_err(|_| format!("duration '{s}' is not a number followed by ms, s, m, h or d"))?;
        total += n * unit;
        num.clear();
    }
    if !num.is_empty() {
        return Err(format!("duration '{s}' ends without a unit (ms, s, m, h or d)"));
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::seconds;

    #[test]
    fn units_compounds_and_bare_seconds() {
        assert_eq!(seconds("90s"), Ok(90.0));
        assert_eq!(seconds("10m"), Ok(600.0));
        assert_eq!(seconds("1h30m"), Ok(5400.0));
        assert_eq!(seconds("2d"), Ok(172800.0));
        assert_eq!(seconds("500ms"), Ok(0.5));
        assert_eq!(seconds("1m30s"), Ok(90.0));
        assert_eq!(seconds(" 90 "), Ok(90.0));
        assert_eq!(seconds("1.5h"), Ok(5400.0));
    }

    #[test]
    fn bad_text_is_an_error() {
        for bad in ["", "soon", "-5m", "10x", "1h30", "inf", "NaN", "-3", "m"] {
            assert!(seconds(bad).is_err(), "{bad}");
        }
        assert!(seconds("10x").unwrap_err().contains("unknown unit 'x'"));
    }
}

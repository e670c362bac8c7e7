//! The metrics a server has and the values they take: each metric a scenario declares (fixture key
//! `classic.metrics`, the default fixture declares NCP's five) is a daily wave around a level, with
//! noise, different for every server and the same on every call: a value depends only on the server,
//! the metric and the instant, so two look-ups of one range agree, and a range read in two halves
//! gives the points of the whole.

use crate::emulator::model::MetricSeries;

/// A 64-bit mix of the inputs (SplitMix64 over FNV-1a): stable across runs and platforms.
fn mix(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in *part {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    let mut z = h.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A number in [0, 1) drawn from the inputs.
fn unit(parts: &[&[u8]]) -> f64 {
    (mix(parts) >> 11) as f64 / (1u64 << 53) as f64
}

impl MetricSeries {
    /// The value of this metric for server `instance` at `epoch` (seconds since 1970), rounded to
    /// three decimals. The server's own level is drawn between half and one and a half times
    /// `level`; its daily wave peaks at an hour of its own.
    pub fn value(&self, instance: &str, epoch: i64) -> f64 {
        let name = self.metric_name.as_deref().unwrap_or_default().as_bytes();
        let level = self.level.unwrap_or(0.0) * (0.5 + unit(&[instance.as_bytes(), name, b"level"]));
        let phase = unit(&[instance.as_bytes(), name, b"phase"]) * std::f64::consts::TAU;
        let day = (epoch.rem_euclid(86_400) as f64) / 86_400.0 * std::f64::consts::TAU;
        let wave = self.swing.unwrap_or(0.0) * level * (day + phase).sin();
        let draw = unit(&[instance.as_bytes(), name, &epoch.to_le_bytes()]) * 2.0 - 1.0;
        let noise = self.noise.unwrap_or(0.0) * level * draw;
        let mut v = (level + wave + noise).max(0.0);
        if let Some(max) = self.max {
            v = v.min(max);
        }
        (v * 1000.0).round() / 1000.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cpu() -> MetricSeries {
        MetricSeries {
            metric_name: Some("CPUUtilization".into()),
            unit: Some("Percent".into()),
            level: Some(20.0),
            swing: Some(0.5),
            noise: Some(0.2),
            max: Some(100.0),
            instance_no: None,
        }
    }

    #[test]
    fn values_are_plausible_and_repeatable() {
        let m = cpu();
        let day: Vec<f64> = (0..288).map(|i| m.value("492964", 1_700_000_000 + i * 300)).collect();
        assert!(day.iter().all(|v| (0.0..=100.0).contains(v)), "{day:?}");
        // A daily wave with noise: neither flat nor wild.
        let (lo, hi) = day
            .iter()
            .fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(*v), b.max(*v)));
        assert!(hi - lo > 5.0 && hi < 100.0, "{lo}..{hi}");
        assert_eq!(m.value("492964", 1_700_000_000), day[0]);
        // Another server is another series.
        assert_ne!(m.value("491049", 1_700_000_000), day[0]);
    }
}

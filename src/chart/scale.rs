//! Linear scales with "nice" ticks (1, 2, 2.5, 5 × 10ⁿ), so tick labels stay short and round.

#[derive(Debug, Clone)]
pub struct Scale {
    pub min: f64,
    pub max: f64,
    pub ticks: Vec<f64>,
    /// Output range in pixels.
    from: f64,
    to: f64,
}

impl Scale {
    /// A scale covering `lo..=hi` with about `count` ticks, mapped onto `from..to`.
    pub fn nice(lo: f64, hi: f64, count: usize, from: f64, to: f64) -> Scale {
        let (lo, hi) = if hi > lo { (lo, hi) } else { (lo, lo + 1.0) };
        let step = nice_step((hi - lo) / count.max(1) as f64);
        let min = (lo / step).floor() * step;
        let max = (hi / step).ceil() * step;
        let n = ((max - min) / step).round() as usize;
        let ticks = (0..=n).map(|i| min + step * i as f64).collect();
        Scale {
            min,
            max,
            ticks,
            from,
            to,
        }
    }

    pub fn at(&self, v: f64) -> f64 {
        self.from + (v - self.min) / (self.max - self.min) * (self.to - self.from)
    }
}

fn nice_step(raw: f64) -> f64 {
    let magnitude = 10f64.powf(raw.log10().floor());
    let fraction = raw / magnitude;
    let nice = if fraction <= 1.0 {
        1.0
    } else if fraction <= 2.0 {
        2.0
    } else if fraction <= 2.5 {
        2.5
    } else if fraction <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * magnitude
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_ticks() {
        let s = Scale::nice(0.0, 1588.0, 4, 0.0, 100.0);
        assert_eq!(s.ticks, vec![0.0, 500.0, 1000.0, 1500.0, 2000.0]);
        let s = Scale::nice(64355.0, 67355.0, 4, 0.0, 100.0);
        assert_eq!(s.min, 64000.0);
        assert_eq!(s.max, 68000.0);
        assert_eq!(s.at(64000.0), 0.0);
    }
}

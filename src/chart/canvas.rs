//! A thin layer over plotters' SVG backend: shapes and text in pixel coordinates, and text
//! measured with the embedded Hangul metrics so labels are laid out without overlap.

use ab_glyph::{Font as _, FontRef, ScaleFont as _};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::cell::RefCell;
use std::sync::OnceLock;

/// The family every chart uses; registered with the embedded metrics fonts.
const FAMILY: &str = "sans-serif";

/// plotters writes `font-size` as the requested size ÷ 1.24; asking for size × 1.24 makes the
/// SVG say exactly the size we mean.
const PLOTTERS_FONT_FACTOR: f64 = 1.24;

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/NanumGothic-metrics.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/NanumGothicBold-metrics.ttf");

static FONTS: OnceLock<bool> = OnceLock::new();

/// Registers the embedded fonts once per process; plotters keeps its font table globally.
pub fn fonts_ready() -> bool {
    *FONTS.get_or_init(|| {
        plotters::style::register_font(FAMILY, FontStyle::Normal, REGULAR).is_ok()
            && plotters::style::register_font(FAMILY, FontStyle::Bold, BOLD).is_ok()
    })
}

/// The same fonts parsed once for measuring: plotters looks a font up and copies it for
/// every measurement, which made measuring a large part of drawing a chart.
fn metrics(bold: bool) -> Option<&'static FontRef<'static>> {
    static PARSED: OnceLock<Option<(FontRef<'static>, FontRef<'static>)>> = OnceLock::new();
    let (regular, bold_font) = PARSED
        .get_or_init(|| {
            Some((
                FontRef::try_from_slice(REGULAR).ok()?,
                FontRef::try_from_slice(BOLD).ok()?,
            ))
        })
        .as_ref()?;
    Some(if bold { bold_font } else { regular })
}

pub type DrawResult<T = ()> = Result<T, String>;

fn err<E: std::fmt::Debug>(e: E) -> String {
    format!("{e:?}")
}

#[derive(Clone, Copy)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// The text styles of every chart, so their look changes in one place.
#[derive(Clone, Copy)]
pub enum Text {
    /// The chart's title, top left.
    Title,
    /// Category labels: areas, years, tasks.
    Label,
    /// Values, legends and other running text.
    Body,
    /// Units, notes and axis ticks.
    Note,
}

impl Text {
    /// Size in pixels, colour and whether bold.
    fn spec(self) -> (f64, &'static str, bool) {
        match self {
            Text::Title => (15.0, super::INK, true),
            Text::Label => (12.5, super::INK, true),
            Text::Body => (12.0, super::INK, false),
            Text::Note => (11.5, super::MUTED, false),
        }
    }
}

pub struct Canvas<'a> {
    area: DrawingArea<SVGBackend<'a>, plotters::coord::Shift>,
    /// Text styles made so far: a chart uses a handful, and making one copies the font.
    styles: RefCell<Vec<(StyleKey, TextStyle<'static>)>>,
}

/// Size (as bits), bold, colour and anchor of a text style.
type StyleKey = (u64, bool, (u8, u8, u8), u8);

/// Draws on a `width` × `height` canvas and returns the SVG text.
pub fn draw(
    width: u32,
    height: u32,
    paint: impl FnOnce(&Canvas) -> DrawResult,
) -> DrawResult<String> {
    if !fonts_ready() {
        // A term of the catalogue: `chart.draw_failed` shows it in the reader's language.
        return Err("@chart.font_missing".into());
    }
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        let canvas = Canvas {
            area,
            styles: RefCell::default(),
        };
        paint(&canvas)?;
        canvas.area.present().map_err(err)?;
    }
    Ok(svg)
}

pub fn rgb(hex: &str) -> RGBColor {
    let v = u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap_or(0);
    RGBColor((v >> 16) as u8, (v >> 8) as u8, v as u8)
}

fn font(size: f64, bold: bool) -> FontDesc<'static> {
    let style = if bold {
        FontStyle::Bold
    } else {
        FontStyle::Normal
    };
    FontDesc::new(FontFamily::Name(FAMILY), size * PLOTTERS_FONT_FACTOR, style)
}

impl Canvas<'_> {
    pub fn rect(&self, x0: f64, y0: f64, x1: f64, y1: f64, fill: RGBColor) -> DrawResult {
        let r = Rectangle::new([(px(x0), px(y0)), (px(x1), px(y1))], fill.filled());
        self.area.draw(&r).map_err(err)
    }

    pub fn outline(
        &self,
        x0: f64,
        y0: f64,
        x1: f64,
        y1: f64,
        colour: RGBColor,
        width: u32,
    ) -> DrawResult {
        let r = Rectangle::new(
            [(px(x0), px(y0)), (px(x1), px(y1))],
            colour.stroke_width(width),
        );
        self.area.draw(&r).map_err(err)
    }

    pub fn line(&self, points: &[(f64, f64)], colour: RGBColor, width: u32) -> DrawResult {
        let points: Vec<(i32, i32)> = points.iter().map(|(x, y)| (px(*x), px(*y))).collect();
        self.area
            .draw(&PathElement::new(points, colour.stroke_width(width)))
            .map_err(err)
    }

    pub fn circle(&self, x: f64, y: f64, r: u32, fill: RGBColor) -> DrawResult {
        self.area
            .draw(&Circle::new((px(x), px(y)), r, fill.filled()))
            .map_err(err)
    }

    /// Text whose vertical centre is at `y`.
    pub fn text(
        &self,
        s: &str,
        (x, y): (f64, f64),
        size: f64,
        colour: RGBColor,
        anchor: Anchor,
        bold: bool,
    ) -> DrawResult {
        let (h, anchor_key) = match anchor {
            Anchor::Start => (HPos::Left, 0),
            Anchor::Middle => (HPos::Center, 1),
            Anchor::End => (HPos::Right, 2),
        };
        let key = (size.to_bits(), bold, colour.rgb(), anchor_key);
        let mut styles = self.styles.borrow_mut();
        let index = match styles.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                let style = TextStyle {
                    font: font(size, bold),
                    color: colour.to_backend_color(),
                    pos: Pos::new(h, VPos::Center),
                };
                styles.push((key, style));
                styles.len() - 1
            }
        };
        self.area
            .draw_text(s, &styles[index].1, (px(x), px(y)))
            .map_err(err)
    }

    /// `s` in one of the charts' text styles, its vertical centre at `at.1`.
    pub fn write(&self, style: Text, s: &str, at: (f64, f64), anchor: Anchor) -> DrawResult {
        let (size, colour, bold) = style.spec();
        self.text(s, at, size, rgb(colour), anchor, bold)
    }

    /// Width in pixels of `s` at `size`, from the embedded font's advance widths.
    pub fn text_width(&self, s: &str, size: f64, bold: bool) -> f64 {
        text_width(s, size, bold)
    }
}

/// Width at the size the SVG states. With the size inflated by 1.24 (as we pass it to
/// plotters), NanumGothic's metrics give Hangul exactly 1 em, which is what Noto Sans KR and
/// Malgun Gothic draw; Latin comes out slightly wide, which only adds margin.
/// Computed as plotters' `FontDesc::box_size` does (advances plus kerning at the inflated
/// size, truncated to whole pixels), so layouts are the same as when plotters measured them.
pub fn text_width(s: &str, size: f64, bold: bool) -> f64 {
    if s.is_empty() {
        return 0.0;
    }
    let Some(font) = metrics(bold) else {
        return s.chars().count() as f64 * size;
    };
    let font = font.as_scaled((size * PLOTTERS_FONT_FACTOR) as f32);
    let mut width = 0f32;
    let mut previous = None;
    for c in s.chars() {
        let glyph = font.glyph_id(c);
        width += font.h_advance(glyph);
        if let Some(p) = previous {
            width += font.kern(p, glyph);
        }
        previous = Some(glyph);
    }
    f64::from((width as i32).unsigned_abs())
}

/// Splits `s` into lines no wider than `max` (at spaces, or inside long words), at most
/// `max_lines`; the last line ends with … only if text had to be left out.
pub fn wrap(s: &str, max: f64, size: f64, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in s.split(' ') {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if text_width(&candidate, size, false) <= max {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        // A word wider than the line is broken between characters.
        for c in word.chars() {
            let next = format!("{current}{c}");
            if text_width(&next, size, false) > max && !current.is_empty() {
                lines.push(std::mem::take(&mut current));
            }
            current.push(c);
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        let last = lines.last_mut().expect("max_lines > 0");
        while !last.is_empty() && text_width(&format!("{last}…"), size, false) > max {
            last.pop();
        }
        last.push('…');
    }
    lines
}

fn px(v: f64) -> i32 {
    v.round() as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_what_plotters_measures() {
        assert!(fonts_ready());
        for (text, size, bold) in [
            ("더 좋은 일자리 3,000개 창출", 12.0, false),
            ("2022년(기준) 66,231", 11.5, false),
            ("목표 지표 연차별 목표", 15.0, true),
            ("AVWAY Te", 13.0, false),
        ] {
            let (plotters, _) = font(size, bold).box_size(text).unwrap();
            assert_eq!(text_width(text, size, bold), f64::from(plotters), "{text}");
        }
    }

    #[test]
    fn hangul_is_measured_by_the_font_not_by_bytes() {
        // Hangul is 1 em wide; UTF-8 byte counting would give ~1.8× that.
        let w = text_width("가나다라", 10.0, false);
        assert!((38.0..42.0).contains(&w), "{w}");
        let latin = text_width("abcd", 10.0, false);
        assert!(latin < w, "{latin} < {w}");
    }

    #[test]
    fn long_korean_names_wrap() {
        let lines = wrap("더좋은 일자리 창출 (고용보험 피보험자수)", 90.0, 12.0, 3);
        assert!(lines.len() >= 2, "{lines:?}");
        for l in &lines {
            assert!(text_width(l, 12.0, false) <= 90.0, "{l}");
        }
    }
}

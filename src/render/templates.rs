//! The minijinja environment: theme templates overridden by the site's `templates/`, strict
//! undefined values, auto-escaping, and the Korean formatting filters.

use crate::cache::Store;
use crate::diagnostics::Diagnostic;
use crate::format;
use crate::hash::Key128;
use crate::i18n::Strings;
use minijinja::value::Kwargs;
use minijinja::{Environment, Error, ErrorKind, UndefinedBehavior, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use walkdir::WalkDir;

pub struct Templates {
    pub env: Environment<'static>,
    /// Template name → file it came from, for diagnostics.
    files: BTreeMap<String, PathBuf>,
    /// A hash (hex) of every template, the base path and the UI strings: what a rendered
    /// fragment depends on besides its context.
    fingerprint: String,
    /// Fragments rendered by earlier builds (`render_kept`).
    kept: Arc<Store>,
}

impl Templates {
    /// Loads every template of `theme_dir/templates` and `root/templates` (the site wins).
    /// All syntax errors are reported together.
    pub fn load(
        root: &Path,
        theme_dir: &Path,
        base_path: &str,
        strings: Arc<Strings>,
    ) -> Result<Templates, Vec<Diagnostic>> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_auto_reload(false);
        let mut fingerprint = Key128::default();
        fingerprint.add(base_path.as_bytes());
        fingerprint.add_u128(u128::from(strings.fingerprint()));
        register_filters(&mut env, base_path.to_string(), strings);

        let mut files = BTreeMap::new();
        for dir in [theme_dir.join("templates"), root.join("templates")] {
            for entry in WalkDir::new(&dir).sort_by_file_name().into_iter().flatten() {
                if entry.file_type().is_file() {
                    let name = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
                    let name = name.to_string_lossy().replace('\\', "/");
                    let shown = entry.path().strip_prefix(root).unwrap_or(entry.path());
                    files.insert(name, (entry.path().to_path_buf(), shown.to_path_buf()));
                }
            }
        }
        let mut problems = Vec::new();
        let mut shown_files = BTreeMap::new();
        for (name, (abs, shown)) in files {
            let text = match crate::load::text::read(&abs, &shown) {
                Ok(text) => text,
                Err(d) => {
                    problems.push(d);
                    continue;
                }
            };
            fingerprint.add(name.as_bytes());
            fingerprint.add(text.as_bytes());
            if let Err(err) = env.add_template_owned(name.clone(), text) {
                problems.push(template_diagnostic(&err, &shown));
            }
            shown_files.insert(name, shown);
        }
        if problems.is_empty() {
            Ok(Templates {
                env,
                files: shown_files,
                fingerprint: format!("{:032x}", fingerprint.finish()),
                kept: Arc::new(Store::none()),
            })
        } else {
            Err(problems)
        }
    }

    /// Renders through `kept` from now on (see `render_kept`).
    pub fn keep_in(&mut self, kept: Arc<Store>) {
        self.kept = kept;
    }

    /// `render`, or what an earlier build rendered from the same templates, strings and
    /// `input` (everything `context` is made from): for fragments whose context is costly to
    /// make or to render, such as a pledge's data tables.
    pub fn render_kept<I: serde::Serialize>(
        &self,
        name: &str,
        input: &I,
        context: impl FnOnce() -> Value,
    ) -> Result<String, Diagnostic> {
        let key = self.kept.is_on().then(|| {
            let key = crate::cache::key(&(name, input))?;
            Some(crate::cache::with_name(key, &self.fingerprint))
        });
        let Some(key) = key.flatten() else {
            return self.render(name, context());
        };
        if let Some(Ok([html])) = self.kept.get(key).map(<[String; 1]>::try_from) {
            return Ok(html);
        }
        let html = self.render(name, context())?;
        self.kept.put(key, vec![html.clone()]);
        Ok(html)
    }

    pub fn render(&self, name: &str, context: Value) -> Result<String, Diagnostic> {
        self.env
            .get_template(name)
            .and_then(|t| t.render(context))
            .map_err(|err| self.diagnostic(&err, name))
    }

    /// `render` into a buffer of `size_hint` bytes: for a page whose Markdown is already
    /// HTML of a known size, so the output is not regrown and copied as it is written.
    pub fn render_sized(
        &self,
        name: &str,
        context: Value,
        size_hint: usize,
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut out = Vec::with_capacity(size_hint);
        self.env
            .get_template(name)
            .and_then(|t| t.render_captured_to(context, &mut out).map(drop))
            .map_err(|err| self.diagnostic(&err, name))?;
        Ok(out)
    }

    /// The error may come from an included template: it names that file.
    fn diagnostic(&self, err: &Error, name: &str) -> Diagnostic {
        let fallback = PathBuf::from(format!("templates/{name}"));
        let file = err
            .name()
            .and_then(|n| self.files.get(n))
            .or_else(|| self.files.get(name))
            .unwrap_or(&fallback);
        template_diagnostic(err, file)
    }
}

fn template_diagnostic(err: &Error, file: &Path) -> Diagnostic {
    let hint = match err.kind() {
        ErrorKind::UndefinedError => msg!("render.template_undefined_hint"),
        ErrorKind::SyntaxError => msg!("render.template_syntax_hint"),
        ErrorKind::TemplateNotFound => msg!("render.template_not_found_hint"),
        _ => msg!("render.template_hint"),
    };
    // minijinja's own words for what went wrong: it has no Korean.
    let kind = err.kind();
    let detail = err.detail().map_or_else(String::new, |d| format!(": {d}"));
    Diagnostic::error(
        file,
        msg!("render.template_error", kind = kind, detail = detail),
    )
    .at(err.line().unwrap_or(0), 1)
    .hint(hint)
}

fn as_f64(value: &Value) -> Option<f64> {
    if value.is_undefined() || value.is_none() {
        return None;
    }
    f64::try_from(value.clone()).ok()
}

fn register_filters(env: &mut Environment<'static>, base_path: String, strings: Arc<Strings>) {
    // Numbers: missing values print as "-" like the reports do.
    env.add_filter("num", |v: Value| {
        as_f64(&v).map_or("-".into(), format::number)
    });
    env.add_filter("money", |v: Value, unit: Option<String>| {
        as_f64(&v).map_or("-".into(), |n| {
            format::money(n, unit.as_deref().unwrap_or(""))
        })
    });
    env.add_filter("percent", |v: Value| {
        as_f64(&v).map_or("-".into(), |n| format!("{}%", format::number(n)))
    });
    // Rates as districts publish them: one decimal (89.1%).
    env.add_filter("rate", |v: Value| {
        as_f64(&v).map_or("-".into(), format::rate)
    });
    env.add_filter("date_dot", |s: String| format::date_dot(&s));
    let s = Arc::clone(&strings);
    env.add_filter("date", move |text: String| s.date(&text));
    let s = Arc::clone(&strings);
    env.add_filter("quarter", move |text: String| s.quarter_text(&text));
    let s = Arc::clone(&strings);
    env.add_filter("money_words", move |v: Value, unit: Option<String>| {
        as_f64(&v).map_or("-".into(), |n| {
            s.money_words(n, unit.as_deref().unwrap_or(""))
        })
    });
    // UI text in the site's language: `{{ t("home.method", counted=3) }}` fills `{counted}`.
    // Most calls have no arguments: their text is made into a template value once.
    let plain: std::collections::HashMap<String, Value> = strings
        .entries()
        .map(|(key, text)| (key.to_string(), Value::from(text)))
        .collect();
    env.add_function(
        "t",
        move |key: &str, kwargs: Kwargs| -> Result<Value, Error> {
            if kwargs.args().next().is_none() {
                return Ok(plain.get(key).cloned().unwrap_or_else(|| Value::from(key)));
            }
            let values = kwargs
                .args()
                .map(|name| Ok((name, kwargs.get::<Value>(name)?)))
                .collect::<Result<Vec<_>, Error>>()?;
            let args: Vec<(&str, &dyn std::fmt::Display)> = values
                .iter()
                .map(|(name, value)| (*name, value as &dyn std::fmt::Display))
                .collect();
            Ok(Value::from(strings.fill(key, &args)))
        },
    );
    // Site-internal URL: `{{ "pledges/a/" | url }}` → `/repo/pledges/a/`.
    // Returned as safe so `/` is not entity-encoded; the only characters that matter in an
    // attribute are escaped here.
    env.add_filter("url", move |path: &str| {
        let path = path.trim_start_matches('/');
        let mut url = String::with_capacity(base_path.len() + path.len());
        url.push_str(&base_path);
        url.push_str(path);
        if !url.bytes().any(|b| matches!(b, b'&' | b'"' | b'<' | b'>')) {
            return Value::from_safe_string(url);
        }
        Value::from_safe_string(
            url.replace('&', "&amp;")
                .replace('"', "&quot;")
                .replace('<', "&lt;")
                .replace('>', "&gt;"),
        )
    });
}

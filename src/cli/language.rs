//! The language the command line speaks, chosen here, above the library: `--lang`, else the
//! site's `language:`, else the system's. The help and the parser's own errors are then the
//! catalogue's, so `pledgesite --help` answers in Korean on a Korean site or system.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use pledgesite::messages::{text_of, Lang};
use pledgesite::msg;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The language of `flag`, else of the site in `root`, else of the system.
pub fn detect(flag: Option<Lang>, root: &Path) -> Lang {
    flag.or_else(|| site_language(root))
        .unwrap_or_else(system_language)
}

/// The language before the command line is parsed (for its help and errors): `--lang` and
/// `--root` as written, whatever else is wrong.
pub fn before_parsing(args: &[OsString]) -> Lang {
    let words: Vec<String> = args.iter().map(|a| a.to_string_lossy().into()).collect();
    let value_of = |long: &str, short: Option<&str>| {
        words.iter().enumerate().find_map(|(i, word)| {
            if let Some(value) = word.strip_prefix(&format!("{long}=")) {
                return Some(value.to_string());
            }
            (word == long || short == Some(word.as_str()))
                .then(|| words.get(i + 1).cloned())
                .flatten()
        })
    };
    let flag = value_of("--lang", None).and_then(|code| Lang::from_code(&code));
    let root = value_of("--root", Some("-r")).map_or_else(|| PathBuf::from("."), PathBuf::from);
    detect(flag, &root)
}

/// `language:` of site.yaml, read line by line without parsing it, so even a broken file
/// gives it.
fn site_language(root: &Path) -> Option<Lang> {
    let text = std::fs::read_to_string(root.join(pledgesite::CONFIG_FILE)).ok()?;
    text.lines().find_map(|line| {
        let value = line
            .strip_prefix("language")?
            .trim_start()
            .strip_prefix(':')?;
        let value = value.split('#').next()?.trim().trim_matches(['"', '\'']);
        Lang::from_code(value)
    })
}

/// Korean unless the system says otherwise: pledgesite's users are Korean districts, and
/// Windows sets no `LANG`.
fn system_language() -> Lang {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
        .map_or(Lang::Ko, |value| {
            if value.to_ascii_lowercase().starts_with("en") {
                Lang::En
            } else {
                Lang::Ko
            }
        })
}

/// The catalogue's text of `key`; the key itself if missing (a test fails on that).
fn text(key: &str, lang: Lang) -> &'static str {
    text_of(key, lang).unwrap_or_else(|| Box::leak(key.to_string().into_boxed_str()))
}

/// `command` with every help line, heading and the usage title in `lang`.
pub fn localise(mut command: clap::Command, lang: Lang) -> clap::Command {
    // Built first, so the generated `--help`, `--version` and `help` are there to translate.
    command.build();
    localise_in(command, "", lang)
}

fn localise_in(mut command: clap::Command, path: &str, lang: Lang) -> clap::Command {
    let path = match path {
        // clap's `help` command is the same under every command.
        _ if command.get_name() == "help" => "help".to_string(),
        "" => command.get_name().to_string(),
        "pledgesite" => command.get_name().to_string(),
        parent => format!("{parent}.{}", command.get_name()),
    };
    let template = format!(
        "{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        text("cli.heading.usage", lang)
    );
    command = command
        .about(text(&format!("cli.{path}"), lang))
        .long_about(None)
        .help_template(template)
        .subcommand_help_heading(text("cli.heading.commands", lang))
        .subcommand_value_name(text("cli.heading.command_name", lang));
    let ids: Vec<String> = command
        .get_arguments()
        .map(|arg| arg.get_id().to_string())
        .collect();
    for id in ids {
        let help = text_of(&format!("cli.{path}.{id}"), lang)
            .unwrap_or_else(|| text(&format!("cli.arg.{id}"), lang));
        command = command.mut_arg(&id, |arg| {
            let heading = if arg.is_positional() {
                "cli.heading.arguments"
            } else {
                "cli.heading.options"
            };
            // clap's "[default: …]" and "[possible values: …]" are English: the default is
            // said in the reader's words, and the values are in each help line already.
            let takes_values = arg.get_action().takes_values();
            let defaults: Vec<String> = arg
                .get_default_values()
                .iter()
                .filter(|_| takes_values)
                .map(|v| v.to_string_lossy().into_owned())
                .collect();
            let help = match defaults.as_slice() {
                [] => help.to_string(),
                values => {
                    let default = msg!("cli.default", value = values.join(", "));
                    format!("{help} {}", default.render(lang))
                }
            };
            arg.help(help)
                .long_help(None)
                .help_heading(text(heading, lang))
                .hide_default_value(true)
                .hide_possible_values(true)
        });
    }
    // `help`'s own list of commands is never shown with their help: it is left alone.
    let names: Vec<String> = command
        .get_subcommands()
        .map(|sub| sub.get_name().to_string())
        .filter(|_| path != "help")
        .collect();
    for name in names {
        command = command.mut_subcommand(&name, |sub| localise_in(sub, &path, lang));
    }
    command
}

/// The parser's error in Korean: what is wrong, a "did you mean", the usage and where help is.
/// (In English, clap's own words are as good.)
pub fn explain(err: &clap::Error, lang: Lang) -> String {
    let context = |kind: ContextKind| match err.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(s)) => Some(s.join(", ")),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        Some(ContextValue::StyledStrs(s)) => Some(
            s.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Some(ContextValue::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let value = context(ContextKind::InvalidValue)
        .or_else(|| context(ContextKind::InvalidSubcommand))
        .or_else(|| context(ContextKind::InvalidArg))
        .unwrap_or_default();
    let argument = context(ContextKind::InvalidArg).unwrap_or_default();
    let what = match err.kind() {
        ErrorKind::InvalidSubcommand => msg!("cli.error.unknown_command", value = &value),
        ErrorKind::UnknownArgument => msg!("cli.error.unknown_argument", value = &value),
        ErrorKind::InvalidValue => match context(ContextKind::ValidValue) {
            Some(valid) => msg!(
                "cli.error.invalid_value",
                argument = &argument,
                value = &value,
                valid = valid
            ),
            None => msg!(
                "cli.error.unreadable_value",
                argument = &argument,
                value = &value
            ),
        },
        ErrorKind::ValueValidation => {
            msg!(
                "cli.error.unreadable_value",
                argument = &argument,
                value = &value
            )
        }
        ErrorKind::MissingRequiredArgument => msg!("cli.error.missing", arguments = &argument),
        _ => msg!("cli.error.other"),
    };
    let mut out = format!("{}: {}\n", text("cli.error.label", lang), what.render(lang));
    let near = context(ContextKind::SuggestedSubcommand)
        .or_else(|| context(ContextKind::SuggestedArg))
        .or_else(|| context(ContextKind::SuggestedValue));
    if let Some(near) = near {
        out.push_str(&format!(
            "  {}\n",
            msg!("cli.error.did_you_mean", near = near).render(lang)
        ));
    }
    if let Some(usage) = context(ContextKind::Usage) {
        let usage = usage.trim_start_matches("Usage:").trim();
        out.push_str(&format!("\n{} {usage}\n", text("cli.heading.usage", lang)));
        let command: String = usage
            .split_whitespace()
            .take_while(|w| !w.starts_with(['[', '<', '-']))
            .collect::<Vec<_>>()
            .join(" ");
        out.push_str(&format!(
            "\n{}\n",
            msg!("cli.error.more", command = command).render(lang)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;
    use std::collections::BTreeSet;

    /// Every key the command line looks up: each command's line and each argument's, in the
    /// command's own entry or the shared `cli.arg.*`.
    fn keys(
        command: &clap::Command,
        path: &str,
        keys: &mut BTreeSet<String>,
        missing: &mut Vec<String>,
    ) {
        let path = if command.get_name() == "help" || path.is_empty() {
            command.get_name().to_string()
        } else {
            format!("{path}.{}", command.get_name())
        };
        let about = format!("cli.{path}");
        if text_of(&about, Lang::Ko).is_none() {
            missing.push(about.clone());
        }
        keys.insert(about);
        for arg in command.get_arguments() {
            let own = format!("cli.{path}.{}", arg.get_id());
            let shared = format!("cli.arg.{}", arg.get_id());
            match [own, shared]
                .into_iter()
                .find(|k| text_of(k, Lang::Ko).is_some())
            {
                Some(key) => keys.insert(key),
                None => {
                    missing.push(format!("cli.{path}.{}", arg.get_id()));
                    false
                }
            };
        }
        let inner = if path == "pledgesite" { "" } else { &path };
        for sub in command.get_subcommands().filter(|_| path != "help") {
            super::tests::keys(sub, inner, keys, missing);
        }
    }

    #[test]
    fn every_command_and_argument_has_its_help_and_every_help_its_place() {
        let mut command = crate::cli::args::Cli::command();
        command.build();
        let (mut used, mut missing) = (BTreeSet::new(), Vec::new());
        keys(&command, "", &mut used, &mut missing);
        assert!(missing.is_empty(), "no help in the catalogue: {missing:?}");
        let rest = ["cli.heading.", "cli.error.", "cli.default"];
        let unused: Vec<&str> = pledgesite::messages::keys()
            .filter(|k| k.starts_with("cli.") && !rest.iter().any(|r| k.starts_with(r)))
            .filter(|k| !used.contains(*k))
            .collect();
        assert!(unused.is_empty(), "help for nothing: {unused:?}");
    }

    #[test]
    fn help_is_in_korean_for_korean_and_in_english_for_english() {
        let mut ko = localise(crate::cli::args::Cli::command(), Lang::Ko);
        let help = ko.render_help().to_string();
        assert!(
            help.contains("사용법:") && help.contains("명령:") && help.contains("옵션:"),
            "{help}"
        );
        assert!(
            !help.contains("Usage") && !help.contains("Print help"),
            "{help}"
        );
        let mut en = localise(crate::cli::args::Cli::command(), Lang::En);
        let help = en.render_help().to_string();
        assert!(
            help.contains("Usage:") && help.contains("Print help"),
            "{help}"
        );
        assert!(
            !help.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c)),
            "{help}"
        );
    }
}

//! The network benchmark as Markdown for a coordinator (`dei benchmark --format md`), in
//! English or Dutch: the published figures, and in plain words what is hidden and why.
//!
//! Every figure comes from the [`Benchmark`] as published: this module never sees a
//! contribution, so it cannot show more than the disclosure control let through.

use std::fmt::Write as _;

use dei_core::Checklist;
use dei_core::benchmark::{Benchmark, Count, Share, Stats};

use crate::escape::escape_inline;
use crate::strings::{Lang, fill};

/// The benchmark as Markdown. `language` is `en` or `nl` (others get English words); `None`
/// follows the checklist's default language. Checklist texts fall back to the default
/// language.
pub fn benchmark_markdown(
    benchmark: &Benchmark,
    checklist: &Checklist,
    language: Option<&str>,
) -> String {
    let default = checklist.default_language();
    let text_lang = language.unwrap_or(default);
    let lang = Lang::from_code(text_lang);
    let s = lang.strings();
    let text = |value: &dei_core::Text| escape_inline(value.get(text_lang, default));
    let k = benchmark.min_group.to_string();
    let number = |value: f64| format!("{value:.1}").replace('.', &lang.decimal().to_string());
    let code = |id: &str| format!("`{id}`");

    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}\n",
        fill(s.network_title, &[("title", &text(checklist.title()))])
    );
    let mut intro = fill(
        s.network_covers,
        &[
            ("checklist", &code(&benchmark.checklist.id)),
            ("version", &benchmark.checklist.version),
            ("count", &benchmark.organisations.to_string()),
        ],
    );
    if benchmark.left_out > 0 {
        intro.push(' ');
        intro.push_str(&fill(
            s.network_left_out,
            &[("count", &benchmark.left_out.to_string())],
        ));
    }
    let periods: Vec<String> = benchmark
        .periods
        .iter()
        .map(|(period, count)| format!("{} ({count})", escape_inline(period)))
        .collect();
    if !periods.is_empty() {
        intro.push(' ');
        intro.push_str(&fill(
            s.network_periods,
            &[("periods", &periods.join(", "))],
        ));
    }
    let _ = writeln!(out, "{intro} {}\n", s.network_one_each);

    let _ = writeln!(out, "## {}\n", s.network_scores);
    let _ = writeln!(out, "{}\n", s.network_quartiles);
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} |",
        s.network_area, s.network_organisations, s.network_p25, s.network_median, s.network_p75
    );
    let _ = writeln!(out, "| --- | ---: | ---: | ---: | ---: |");
    let hidden = s.network_hidden_cell;
    let mut any_hidden = false;
    let mut row = |title: String, stats: &Stats| match stats {
        Stats::Shown(d) => {
            let _ = writeln!(
                out,
                "| {title} | {} | {} | {} | {} |",
                d.n,
                number(d.p25),
                number(d.median),
                number(d.p75)
            );
        }
        Stats::Suppressed(_) => {
            any_hidden = true;
            let _ = writeln!(out, "| {title} | {hidden} | – | – | – |");
        }
    };
    row(format!("**{}**", s.overall), &benchmark.overall);
    for section in &benchmark.sections {
        let title = checklist
            .sections()
            .iter()
            .find(|known| known.id == section.id)
            .map_or_else(|| escape_inline(&section.id), |known| text(&known.title));
        row(title, &section.stats);
    }
    if any_hidden {
        let _ = writeln!(
            out,
            "\n{}",
            fill(s.network_hidden_scores, &[("min_group", &k)])
        );
    }

    let _ = writeln!(out, "\n## {}\n", s.network_levels);
    let _ = writeln!(out, "| {} | {} |", s.network_level, s.network_organisations);
    let _ = writeln!(out, "| --- | ---: |");
    let mut any_hidden = false;
    for (id, count) in &benchmark.levels {
        let title = checklist
            .levels()
            .iter()
            .find(|level| &level.id == id)
            .map_or_else(|| escape_inline(id), |level| text(&level.label));
        let cell = match count {
            Count::Shown(count) => count.to_string(),
            Count::Suppressed(_) => {
                any_hidden = true;
                hidden.to_owned()
            }
        };
        let _ = writeln!(out, "| {title} | {cell} |");
    }
    if any_hidden {
        let _ = writeln!(
            out,
            "\n{}",
            fill(s.network_hidden_levels, &[("min_group", &k)])
        );
    }

    let _ = writeln!(out, "\n## {}\n", s.network_flags);
    if benchmark.rules.is_empty() {
        let _ = writeln!(out, "{}", s.network_no_rules);
    } else {
        let _ = writeln!(out, "| {} | {} |", s.network_flag, s.network_share);
        let _ = writeln!(out, "| --- | ---: |");
        let mut any_hidden = false;
        for rule in &benchmark.rules {
            let title = checklist
                .rules()
                .iter()
                .find(|known| known.id == rule.rule)
                .map_or_else(|| escape_inline(&rule.rule), |known| text(&known.title));
            let cell = match rule.share {
                Share::Shown(share) => format!("{} %", number(share * 100.0)),
                Share::Suppressed(_) => {
                    any_hidden = true;
                    hidden.to_owned()
                }
            };
            let _ = writeln!(out, "| {title} | {cell} |");
        }
        if any_hidden {
            let _ = writeln!(
                out,
                "\n{}",
                fill(s.network_hidden_flags, &[("min_group", &k)])
            );
        }
    }
    let _ = writeln!(out, "\n{}", s.network_limit);
    out
}

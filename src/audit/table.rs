//! The audit as a terminal shows it: the findings, then the fairness table.

use std::fmt::Write;

use super::Audit;
use crate::Lang;

/// The funnel's key (a lead source or a reason, as `funnel` names them)
/// in Chinese: the table a floor reads prints no English words.
fn zh_key(key: &str) -> &str {
    match key {
        "unknown" | "none" => "未记录",
        "print" => "报刊",
        "outdoor" => "户外广告",
        "online" => "网络",
        "broadcast" => "广播电视",
        "referral" => "亲友介绍",
        "passing_by" => "路过",
        "expo" => "房交会",
        "price" => "价格",
        "layout" => "户型",
        "location" => "地段",
        "comparing" => "比较其他楼盘",
        "consulting" => "需与家人商量",
        "financing" => "资金或贷款",
        "other" => "其他",
        k => k,
    }
}

fn hours(secs: i64) -> String {
    format!("{}:{:02}", secs / 3600, secs % 3600 / 60)
}

pub(crate) fn render(a: &Audit, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let mut out = String::new();
    let _ = if zh {
        writeln!(
            out,
            "审计发现 {} 项（共读 {} 条事件）",
            a.findings.len(),
            a.events
        )
    } else {
        writeln!(
            out,
            "{} finding(s) in {} event(s)",
            a.findings.len(),
            a.events
        )
    };
    for f in &a.findings {
        let at = f.at.map_or_else(|| "-".repeat(19), |t| t.to_string());
        let _ = writeln!(
            out,
            "  {at} #{:<4} {}  [{}]",
            f.event.0,
            f.message(lang),
            f.code()
        );
    }
    let _ = writeln!(out);
    let _ = if zh {
        writeln!(out, "公平性（按销售人员）")
    } else {
        writeln!(out, "Fairness, per agent")
    };
    let head = if zh {
        [
            "人员",
            "计指标",
            "不计指标",
            "跳过（因公/忙）",
            "跳过（因私/拒接）",
            "轮空",
            "补接 得/用/欠",
            "在岗",
            "空闲",
        ]
    } else {
        [
            "agent",
            "counted",
            "uncounted",
            "skip ok",
            "skip lost",
            "forfeit",
            "make-up g/u/o",
            "floor",
            "idle",
        ]
    };
    let _ = writeln!(
        out,
        "  {:<10} {:>8} {:>9} {:>8} {:>9} {:>7} {:>13} {:>7} {:>7}",
        head[0], head[1], head[2], head[3], head[4], head[5], head[6], head[7], head[8]
    );
    for (agent, f) in &a.fairness.agents {
        let _ = writeln!(
            out,
            "  {:<10} {:>8} {:>9} {:>8} {:>9} {:>7} {:>13} {:>7} {:>7}",
            agent.as_str(),
            f.counted,
            f.uncounted,
            f.skipped_excused,
            f.skipped_unexcused,
            f.forfeits,
            format!(
                "{}/{}/{}",
                f.makeups_granted, f.makeups_used, f.makeups_owed
            ),
            hours(f.floor_seconds),
            hours(f.idle_seconds),
        );
    }
    let _ = if zh {
        writeln!(
            out,
            "  接待量差距：{} 组（按在岗时间折算，每小时相差 {:.2} 组）",
            a.fairness.spread, a.fairness.spread_per_hour
        )
    } else {
        writeln!(
            out,
            "  spread: {} counted reception(s) ({:.2} per floor hour)",
            a.fairness.spread, a.fairness.spread_per_hour
        )
    };
    if !a.funnel.by_agent.is_empty() {
        let _ = writeln!(out);
        let _ = if zh {
            writeln!(out, "来访漏斗（来访 迎客/沙盘/洽谈/样板/逼定 → 下定）")
        } else {
            writeln!(
                out,
                "Visit funnel (welcome/sand table/first talk/model unit/closing -> deposit)"
            )
        };
        let lines = a
            .funnel
            .by_agent
            .iter()
            .map(|(k, v)| (k.as_str().to_owned(), v))
            .chain(a.funnel.by_source.iter().map(|(k, v)| match zh {
                true => (format!("【{}】", zh_key(k)), v),
                false => (format!("[{k}]"), v),
            }));
        for (name, l) in lines {
            let r = l.reached;
            let lost: Vec<String> = l
                .lost
                .iter()
                .map(|(k, n)| match zh {
                    true => format!("{} {n}", zh_key(k)),
                    false => format!("{k} {n}"),
                })
                .collect();
            // Full-width punctuation in Chinese, ASCII in English.
            let (arrow, open, close, sep) = match zh {
                true => ("→", "（", "）", "、"),
                false => ("->", "(", ")", ", "),
            };
            let _ = writeln!(
                out,
                "  {:<12} {} {}/{}/{}/{}/{} {arrow} {}{open}{}.{:02}%{close} {} {} {} {}/{}",
                name,
                l.visits,
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                l.deposits,
                l.conversion_bp() / 100,
                l.conversion_bp() % 100,
                if zh { "未下定原因：" } else { "lost:" },
                if lost.is_empty() {
                    "-".into()
                } else {
                    lost.join(sep)
                },
                if zh {
                    "约访 到访/约定"
                } else {
                    "appointments kept/set"
                },
                l.kept,
                l.appointments,
            );
        }
    }
    out
}

//! Words a floor agent reads (issue 7): a test per wording rule of the
//! explanations. Each skip in its own document's words; 离岗 is stepping
//! away, leaving the site is 离职 / 调离案场; a call is 接听; no dash
//! placeholders; dates as people write them; a reception closed by the
//! day's end closed at that day's end; the sentence says what the agent
//! needs; decisions cite the rules of the deciding cell.

use anchang::event::*;
use anchang::policy::Policy;
use anchang::{Decision, Fen, Lang, PersonName, Phone, What};

use crate::support::*;

fn zh(d: &[Decision]) -> String {
    d.iter()
        .map(|x| x.explain(Lang::Zh))
        .collect::<Vec<_>>()
        .join("\n")
}

fn en(d: &[Decision]) -> String {
    d.iter()
        .map(|x| x.explain(Lang::En))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The sentence of the pass-over of `who` among `d`, in Chinese.
#[track_caller]
fn pass_zh(d: &[Decision], who: &str) -> String {
    d.iter()
        .find(|x| matches!(&x.what, What::PassedOver { agent, .. } if agent.as_str() == who))
        .unwrap_or_else(|| panic!("{who} not passed over: {}", zh(d)))
        .explain(Lang::Zh)
}

// ---- Each skip in its own document's words ----------------------------------

/// P1-1: 跳过,不予补回; a lost turn is no 轮空 and promises nothing.
#[test]
fn p1_1_skip_reads_tiaoguo_buyu_buhui() {
    let mut f = Floor::given(Policy::p1(), &FOUR);
    f.away("Li", AwayReason::Out);
    let s = pass_zh(&f.walk_in("v1"), "Li");
    assert!(s.contains("跳过,不予补回"), "{s}");
    assert!(!s.contains("轮空") && !s.contains("补接"), "{s}");
    assert!(s.starts_with("[P1-1]"), "{s}");
}

/// P2-3.10: busy with an old client: 轮空, 只排一次优先补接 (the seed's own
/// use of 轮空 beside a head make-up); a second miss in the same spell
/// says the one make-up is already owed.
#[test]
fn p2_3_10_skip_reads_lunkong_youxian_bujie_once() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.register("c", "Li", "13900000001");
    f.arrive_with_phone("o1", "13900000001");
    let d = f.walk_in("v1");
    let s = pass_zh(&d, "Li");
    assert!(s.contains("轮空") && s.contains("只排一次优先补接"), "{s}");
    f.end("Wang");
    // Zhang, Zhao, then Li's turn again while it is still busy.
    f.walk_in("v2");
    f.walk_in("v3");
    let s = pass_zh(&f.walk_in("v4"), "Li");
    assert!(s.contains("已排优先补接") && s.contains("只补一次"), "{s}");
}

/// P2-3.11: back from the manager's errand, one priority make-up.
#[test]
fn p2_3_11_errand_return_reads_huigang_youxian_bujie() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.away("Zhao", AwayReason::Errand);
    let s = zh(&f.back("Zhao"));
    assert!(s.contains("回岗") && s.contains("优先补接一次"), "{s}");
    assert!(!s.contains("轮空"), "{s}");
}

/// P3-1, busy: 跳过, 接待完后排到本轮未接人员末位, no 轮空; the make-up
/// taken reads as the round's last turn.
#[test]
fn p3_1_busy_skip_reads_paidao_weijie_renyuan_mowei() {
    let mut f = Floor::given(Policy::p3(), &["Li", "Wang", "Zhang"]);
    f.walk_in("v1");
    f.walk_in("v2");
    f.end("Wang");
    f.walk_in("v3");
    f.end("Zhang");
    let d = f.walk_in("v4");
    let s = pass_zh(&d, "Li");
    assert!(
        s.contains("跳过") && s.contains("接待完后排到本轮未接人员末位"),
        "{s}"
    );
    assert!(!s.contains("轮空"), "{s}");
    f.end_all_busy();
    f.walk_in("v5");
    let s = zh(&f.walk_in("v6"));
    assert!(s.contains("Li 接待 v6(本轮末位补接"), "{s}");
}

/// P3-1, errand: 返回后排自末位补接一次, no 轮空.
#[test]
fn p3_1_errand_skip_reads_fanhui_hou_pai_zi_mowei_bujie() {
    let mut f = Floor::given(Policy::p3(), &FOUR);
    f.away("Li", AwayReason::Errand);
    let s = pass_zh(&f.walk_in("v1"), "Li");
    assert!(
        s.contains("跳过") && s.contains("返回后排自末位补接一次"),
        "{s}"
    );
    assert!(!s.contains("轮空"), "{s}");
}

/// P3-13 and P2-3.7: a forfeit is 轮空 with no make-up promised.
#[test]
fn forfeits_read_lunkong_with_no_makeup() {
    let mut f = Floor::given(Policy::p3(), &FOUR);
    f.away("Li", AwayReason::Meal);
    let s = pass_zh(&f.walk_in("v1"), "Li");
    assert!(s.contains("自动轮空一次") && s.contains("不再补接"), "{s}");
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.walk_in("v1");
    let s = zh(&f.decline("Li"));
    assert!(s.contains("视作轮空") && s.contains("不再补接"), "{s}");
    let makeup = s.replace("不再补接", "");
    assert!(
        !makeup.contains("补接"),
        "a forfeit promises no make-up: {s}"
    );
}

// ---- 离岗 is stepping away; leaving is 离职 / 调离案场 ---------------------------

#[test]
fn lidang_is_stepping_away_leaving_is_lizhi_or_diaoli() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    let s = zh(&f.away("Li", AwayReason::Meal));
    assert!(s.contains("离岗"), "{s}");
    f.back("Li");
    f.register("c", "Wang", "13900000001");
    let s = zh(&f.when(Depart {
        agent: agent("Wang"),
    }));
    assert!(s.contains("离职") || s.contains("调离案场"), "{s}");
    assert!(!s.contains("离岗"), "{s}");
}

// ---- A call is 接听 -----------------------------------------------------------

#[test]
fn a_call_is_jieting() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    let d = f.arrive("call1", |a| a.channel = Channel::Call);
    let s = zh(&d);
    assert!(s.contains("接听") && s.contains("call1"), "{s}");
    assert!(!s.contains("接待 call1"), "{s}");
    // A registered caller put through to its own agent (P2-3.4) is answered too.
    f.register("c", "Li", "13900000001");
    let d = f.arrive("call2", |a| {
        a.channel = Channel::Call;
        a.phone = Some(Phone::new("13900000001"));
    });
    let s = zh(&d);
    assert!(s.contains("Li 接听"), "{s}");
    assert!(en(&d).contains("answers"), "{}", en(&d));
}

// ---- No dash placeholders ----------------------------------------------------

/// The sentence without its rule ids in brackets.
fn body(s: &str) -> &str {
    match s.strip_prefix('[') {
        Some(rest) => rest.split_once("] ").map_or(s, |(_, b)| b),
        None => s,
    }
}

/// Whether `s` has a dash standing alone for someone missing (`由 - 改归`,
/// `建议 -)`), as opposed to one inside a word (stand-in).
fn has_placeholder(s: &str) -> bool {
    let c: Vec<char> = s.chars().collect();
    (0..c.len()).any(|i| {
        let word = |j: Option<usize>| {
            j.and_then(|j| c.get(j))
                .is_some_and(|x| x.is_alphanumeric())
        };
        c[i] == '-' && !(word(i.checked_sub(1)) && word(Some(i + 1)))
    })
}

#[track_caller]
fn no_dashes(d: &[Decision]) {
    assert!(!d.is_empty());
    for x in d {
        for lang in [Lang::Zh, Lang::En] {
            let s = x.explain(lang);
            assert!(!has_placeholder(body(&s)), "a dash placeholder: {s}");
        }
    }
}

#[test]
fn a_placeholder_dash_is_told_from_a_hyphen() {
    assert!(has_placeholder("c 由 - 改归 Li"));
    assert!(has_placeholder("(建议 -)"));
    assert!(!has_placeholder("a stand-in"));
}

#[test]
fn no_dash_placeholders() {
    // A way-asker greeted when nobody is free; a client seated for the
    // manager with no stand-in to propose; a client pooled and reassigned.
    let mut f = Floor::given(Policy::p3(), &["Li"]);
    f.register("c", "Li", "13900000001");
    f.walk_in("v1");
    let d = f.arrive("w", |a| a.purpose = Purpose::AskingWay);
    assert!(d
        .iter()
        .any(|x| matches!(x.what, What::Greeted { agent: None, .. })));
    no_dashes(&d);
    f.end("Li");
    f.sign_out("Li");
    f.sign_in("Wang");
    f.walk_in("v2");
    let d = f.arrive_with_phone("o", "13900000001");
    assert!(d.iter().any(|x| matches!(
        x.what,
        What::Waits {
            reason: anchang::WaitReason::AwaitingManager { proposed: None },
            ..
        }
    )));
    no_dashes(&d);
    f.sign_in("Li");
    no_dashes(&f.when(Depart { agent: agent("Li") }));
    no_dashes(&f.when(Reassign {
        client: client("c"),
        to: agent("Wang"),
    }));
}

// ---- Dates as people write them ---------------------------------------------

#[test]
fn dates_read_as_people_write_them() {
    let mut f = Floor::given_on(Policy::p2(), "2026-03-16T10:00:00", &FOUR);
    f.register("c", "Li", "13900000001");
    let s = zh(&f.when(FollowUp {
        client: client("c"),
        agent: agent("Li"),
    }));
    assert!(s.contains("保护至4月5日"), "{s}");
    assert!(!s.contains("2026-"), "{s}");
    // The objection window, closed at a time of day.
    f.clock = at("2026-03-17T11:00:00");
    f.when(Deposit {
        deal: "d".parse().unwrap(),
        client: client("c"),
        unit: "u".parse().unwrap(),
        price: Fen(100_000),
        agent: agent("Li"),
    });
    f.clock = at("2026-03-21T09:00:00");
    let s = zh(&f.when(Objection {
        deal: "d".parse().unwrap(),
        agent: agent("Wang"),
        claim: String::new(),
    }));
    assert!(s.contains("3月20日 11:00"), "{s}");
    assert!(!s.contains("2026-"), "{s}");
}

#[test]
fn a_new_day_reads_its_date() {
    let mut f = Floor::given(Policy::p1(), &FOUR);
    f.clock = at("2026-03-03T09:00:00");
    let s = zh(&f.sign_in("Li"));
    assert!(s.contains("3月3日"), "{s}");
    assert!(!s.contains("2026-"), "{s}");
}

// ---- A reception closed by the day's end ------------------------------------

/// A reception still open when the day ends is closed at that day's end,
/// and the sentence says so; it is not stamped at the next morning's
/// first event.
#[test]
fn a_reception_closed_by_the_days_end_closes_at_that_days_end() {
    let mut f = Floor::given(Policy::p1(), &FOUR);
    f.walk_in("v1");
    f.clock = at("2026-03-03T09:00:00");
    let d = f.sign_in("Li");
    let ended = d
        .iter()
        .find(|x| matches!(x.what, What::Ended { .. }))
        .expect("the open reception is closed");
    assert_eq!(ended.at, at("2026-03-02T23:59:59"));
    let s = ended.explain(Lang::Zh);
    assert!(s.contains("3月2日") && s.contains("结束"), "{s}");
}

// ---- Say what the agent needs ------------------------------------------------

/// P1-16: the visitor named an agent who is not on the floor: the
/// sentence says whom it named and that the agent in turn received it.
#[test]
fn a_visitor_naming_an_absent_agent_says_whom_it_named() {
    let mut f = Floor::given(Policy::p1(), &FOUR);
    f.away("Zhao", AwayReason::Out);
    let s = zh(&f.named("v1", "Zhao"));
    assert!(s.contains("指名 Zhao") && s.contains("Li 接待 v1"), "{s}");
    assert!(en(&f.named("v2", "Zhao")).contains("named Zhao"));
}

// ---- Cite the deciding cell's rules -----------------------------------------

/// A P2 stand-in cites P2's rules, not P3's.
#[test]
fn a_p2_stand_in_cites_no_p3_rule() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.register("c", "Li", "13900000001");
    f.walk_in("v1");
    let d = f.arrive_with_phone("o", "13900000001");
    let r = d
        .iter()
        .find(|x| matches!(&x.what, What::Received(r) if r.visitor.as_str() == "o"))
        .unwrap();
    assert!(matches!(
        r.what,
        What::Received(anchang::Reception {
            via: anchang::Via::StandIn { .. },
            ..
        })
    ));
    for x in &d {
        assert!(
            !x.rules.as_slice().iter().any(|r| r.id().starts_with("P3-")),
            "{}",
            x.explain(Lang::Zh)
        );
    }
}

// ---- What the agent needs: a make-up holder away, the up board, statements ----

/// P2-3.10: Li, owed a head make-up, is at a meal when the next visitor
/// comes: the sentence says the visitor went on and the make-up waits for
/// Li's return (nothing was said before).
#[test]
fn a_makeup_holder_passed_over_while_away_is_told_its_makeup_waits() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.register("c", "Li", "13900000001");
    f.arrive_with_phone("o1", "13900000001");
    f.walk_in("v1");
    f.end("Li");
    f.away("Li", AwayReason::Meal);
    let d = f.walk_in("v2");
    let s = zh(&d);
    assert!(
        s.contains("Li 因用餐不在岗,v2 不占用其补接;所欠优先补接一次保留,回岗后再补"),
        "{s}"
    );
    assert!(d.iter().any(|x| x.what.code() == "queue.make_up_waits"));
    assert!(
        en(&d).contains("the make-up waits for its return"),
        "{}",
        en(&d)
    );
    // Back on the floor, it takes the make-up (P2-3.10 优先补接).
    f.back("Li");
    let d = f.walk_in("v3");
    assert!(is_makeup(&then_receives(&d, "v3", "Li")));
}

/// The up board is a line of free agents: its pick says so, not 按轮序,
/// and a make-up placed last is taken from the back of the line.
#[test]
fn the_up_board_speaks_of_its_line_not_a_turn_order() {
    let mut p = Policy::p2();
    p.rotation.value = anchang::policy::RotationModel::UpBoard;
    let mut f = Floor::given(p, &FOUR);
    let d = f.walk_in("v1");
    let s = zh(&d);
    assert!(s.contains("空闲排队第一位"), "{s}");
    assert!(!s.contains("按轮序"), "{s}");
    assert!(en(&d).contains("first in the up-board line"), "{}", en(&d));
    // A cycle still speaks of its turn order.
    let mut f = Floor::given(Policy::p2(), &FOUR);
    assert!(zh(&f.walk_in("v1")).contains("按轮序"));
}

/// Commission statements head their period as people write it: whole
/// days as 3月1日至3月31日, not ISO timestamps; each line's moment too.
#[test]
fn commission_statement_headers_read_dates_as_people_write_them() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.register("c", "Li", "13900000001");
    f.when(crate::attribution::deposit(
        "D1", "c", "U1", 1_000_000, "Li",
    ));
    let book = f.state.deals();
    let month = book
        .statements(at("2026-03-01T00:00:00"), at("2026-04-01T00:00:00"))
        .unwrap();
    let head = month[0].render(Lang::Zh);
    let head = head.lines().next().unwrap();
    assert_eq!(head, "Li 提成结算单(2026年3月1日至3月31日)");
    let en = month[0].render(Lang::En);
    assert!(
        en.starts_with("Li: commission statement, 1 March to 31 March"),
        "{en}"
    );
    let part = book
        .statements(at("2026-03-02T08:00:00"), at("2026-03-02T18:00:00"))
        .unwrap();
    let head = part[0].render(Lang::Zh);
    assert!(
        head.starts_with("Li 提成结算单(2026年3月2日 08:00起,至3月2日 18:00前)"),
        "{head}"
    );
    assert!(!head.lines().next().unwrap().contains("2026-"), "{head}");
    // The lines below the header too: 3月2日 09:00, not 2026-03-02T09:00:00.
    let line = head.lines().nth(1).unwrap();
    assert!(line.trim_start().starts_with("3月2日 "), "{head}");
    assert!(!head.contains("2026-"), "{head}");
    assert!(part[0]
        .render(Lang::En)
        .lines()
        .nth(1)
        .unwrap()
        .trim_start()
        .starts_with("2 March "));
}

/// A receive that takes a visitor from the agent it was given to breaks
/// the order (P1-6, P2-3.7) and says so; taking one left waiting breaks
/// nothing and cites no rule.
#[test]
fn recorded_reception_cites_the_order_only_when_it_was_broken() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.walk_in("v1");
    let d = f.when(Receive {
        visitor: visitor("v1"),
        agent: agent("Wang"),
    });
    let rec = d
        .iter()
        .find(|x| x.what.code() == "queue.recorded")
        .unwrap_or_else(|| panic!("{d:?}"));
    assert_eq!(rec.rules.to_string(), "P1-6, P2-3.7");
    let s = rec.explain(Lang::Zh);
    assert!(
        s.contains("Wang 未按轮序接待了本应由 Li 接待的 v1:属不按规则接待,Wang 视作轮空一次,不再补接;此次不计入 Li 的接待"),
        "{s}"
    );
    assert!(!s.contains("仍排在前"), "{s}");
    let mut f = Floor::given(Policy::p2(), &["Li", "Wang"]);
    f.when(ShiftOff {
        agent: agent("Wang"),
    });
    f.walk_in("v1");
    f.walk_in("v2"); // nobody on shift is free: v2 waits
    let d = f.when(Receive {
        visitor: visitor("v2"),
        agent: agent("Wang"),
    });
    let rec = d
        .iter()
        .find(|x| x.what.code() == "queue.recorded")
        .unwrap_or_else(|| panic!("{d:?}"));
    assert!(rec.rules.as_slice().is_empty(), "{}", rec.rules);
}

/// P2-3.1: a name alone never routes; the sentence says the name is
/// shared with registered clients, not that it equals their ids.
#[test]
fn p2_3_1_name_candidates_read_tongming_and_ask_for_the_phone() {
    let mut f = Floor::given(Policy::p1(), &FOUR);
    f.register("c1", "Zhang", "13900000001");
    f.register("c2", "Zhang", "13900000002");
    let d = f.arrive("v1", |a| a.name = Some(PersonName::new("陈明")));
    let s = zh(&d);
    assert!(
        s.contains(
            "v1 所报姓名与已登记客户 c1、c2 同名,仅凭姓名无法确认是哪一位,请核对手机号后确认身份"
        ),
        "{s}"
    );
    assert!(!s.contains("相同"), "{s}");
}

/// P3-1 on the up board: a make-up placed last reads 排自队尾补接一次.
#[test]
fn p3_1_up_board_makeup_from_the_back_reads_paizi_duiwei_bujie_yici() {
    let mut p = Policy::p3();
    p.rotation.value = anchang::policy::RotationModel::UpBoard;
    let mut f = Floor::given(p, &FOUR);
    f.away("Li", AwayReason::Errand);
    f.walk_in("v1");
    f.back("Li");
    let mut all = String::new();
    for v in ["v2", "v3", "v4", "v5", "v6"] {
        all += &zh(&f.walk_in(v));
        f.end_all_busy();
    }
    assert!(all.contains("排自队尾补接一次"), "{all}");
    assert!(!all.contains("排到队尾后补接"), "{all}");
}

/// A statement line's kind and reason share one bracket in Chinese:
/// 冲回(归属变更;经理裁定), not 冲回(归属变更) (经理裁定).
#[test]
fn statement_lines_read_one_bracket_for_kind_and_reason() {
    let text = include_str!("../examples/data/deals.jsonl");
    let day = anchang::jsonl::replay_reader(&Policy::p3(), text.as_bytes()).unwrap();
    let all: String = day
        .state
        .deals()
        .statements(at("2026-04-01T00:00:00"), at("2026-05-01T00:00:00"))
        .unwrap()
        .iter()
        .map(|s| s.render(Lang::Zh))
        .collect();
    assert!(all.contains("冲回(归属变更;经理裁定)"), "{all}");
    assert!(!all.contains(") ("), "{all}");
}

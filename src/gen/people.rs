//! Who the generated office is: agents' names, clients' names, phone
//! numbers written the several ways people write them, and needs.

use super::rng::Rng;
use super::NamePool;
use crate::{AgentId, ClientId, PersonName, Phone};

const SURNAMES: [char; 12] = [
    '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙',
];
const GIVEN: [char; 12] = [
    '伟', '芳', '娜', '敏', '静', '磊', '洋', '勇', '艳', '杰', '军', '涛',
];
/// Characters for distinct names: 100 of them, two or three to a name.
const DISTINCT: &str = "一丁万丽义乐书云亮仁伦佳俊修健光克兰兴军冬凤凯初利华卫友双发古可叶同和喜国坤城基堂士天奇威娟婷子宁安宏宝家富尚山岩峰川帆平广庆康建强彤彬影德心志忠怡恒悦成才振文斌新方旭昊明春晓晨晴朗松林欣正武毅水江波泽洁浩海涵清";

/// The roster: familiar names for the first agents, numbered ones past them.
pub(super) fn agents(n: u16) -> Vec<AgentId> {
    const NAMES: [&str; 30] = [
        "李明", "王芳", "张伟", "赵敏", "刘洋", "陈静", "杨帆", "黄磊", "周婷", "吴昊", "郑凯",
        "孙丽", "马超", "朱琳", "胡军", "郭涛", "何佳", "高远", "林峰", "罗欣", "梁爽", "宋健",
        "谢娜", "韩冰", "唐宁", "冯雪", "于洋", "董洁", "萧然", "程亮",
    ];
    (0..usize::from(n))
        .map(|i| {
            let text = match NAMES.get(i) {
                Some(name) => (*name).to_owned(),
                None => format!("顾问{i:05}"),
            };
            AgentId::new(&text).expect("valid agent id")
        })
        .collect()
}

/// Client number `i`'s id.
pub(super) fn client_id(i: u32) -> ClientId {
    ClientId::new(&format!("C{i:07}")).expect("valid client id")
}

/// Client `i`'s name: from 144 common full names (12 surnames by 12
/// given names, as Chinese full names repeat), or one of its own.
pub(super) fn name(pool: NamePool, i: u32, rng: &mut Rng) -> String {
    match pool {
        NamePool::Common => {
            let mut s = String::new();
            s.push(rng.pick(&SURNAMES));
            s.push(rng.pick(&GIVEN));
            s
        }
        NamePool::Distinct => distinct_name(i),
    }
}

/// A surname and two given characters while they last (12 x 100 x 100),
/// three past that: one name per number, never repeated.
fn distinct_name(i: u32) -> String {
    let chars: Vec<char> = DISTINCT.chars().collect();
    let base = chars.len() as u32;
    let mut s = String::new();
    s.push(SURNAMES[(i % 12) as usize]);
    let mut rest = i / 12;
    let digits = if rest < base * base { 2 } else { 3 };
    for _ in 0..digits {
        s.push(chars[(rest % base) as usize]);
        rest /= base;
    }
    if digits == 3 && rest > 0 {
        // Past 12 million names: a number makes it unique still.
        s.push_str(&rest.to_string());
    }
    s
}

/// The caller's surname only (P2-2.1 allows it by call).
pub(super) fn surname(name: &str) -> String {
    name.chars().next().map(String::from).unwrap_or_default()
}

/// Client `i`'s mobile: eleven digits, distinct for every `i` below 10^8.
pub(super) fn mobile(i: u32) -> u64 {
    const PREFIXES: [u64; 10] = [139, 138, 137, 136, 135, 186, 188, 158, 159, 150];
    // 7,368,787 is prime to 10^8: the map is one to one.
    let tail = (u64::from(i) * 7_368_787 + 12_345) % 100_000_000;
    PREFIXES[(i % 10) as usize] * 100_000_000 + tail
}

/// Client `i`'s landline in Hangzhou, distinct for every `i` below 10^7.
pub(super) fn landline(i: u32) -> Phone {
    let local = 80_000_000 + u64::from(i) % 10_000_000;
    Phone::new(&format!("0571-{} {}", local / 10_000, local % 10_000))
}

/// A mobile written one of the ways people write it.
pub(super) fn written(mobile: u64, rng: &mut Rng) -> Phone {
    let s = mobile.to_string();
    let (a, b, c) = (&s[..3], &s[3..7], &s[7..]);
    let text = match rng.below(6) {
        0 => s.clone(),
        1 => format!("{a} {b} {c}"),
        2 => format!("{a}-{b}-{c}"),
        3 => format!("+86 {a}-{b}-{c}"),
        4 => format!("+86{s}"),
        _ => format!("0086 {a} {b} {c}"),
    };
    Phone::new(&text)
}

pub(super) fn person(name: String) -> PersonName {
    PersonName::new(&name)
}

/// What a client is looking for, as an agent jots it down.
pub(super) fn needs(rng: &mut Rng) -> String {
    const KINDS: [&str; 6] = ["两房", "三房", "四房", "洋房", "别墅", "商铺"];
    const SIZES: [u32; 6] = [89, 100, 120, 140, 180, 240];
    format!("{},{}平", rng.pick(&KINDS), rng.pick(&SIZES))
}

/// What an objecting agent says.
pub(super) fn claim(rng: &mut Rng) -> String {
    const CLAIMS: [&str; 4] = [
        "我先接待过",
        "客户是我带来的",
        "我一直在跟进",
        "客户点名找过我",
    ];
    rng.pick(&CLAIMS).to_owned()
}

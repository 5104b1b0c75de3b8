//! A chain of anchang sales offices behind NATS JetStream.
//!
//! ```text
//! chain-nats publish --url nats://127.0.0.1:4222 --offices 5 --seed 7
//! chain-nats work    --url ... --index 0 --workers 2 --dir run/worker-0 [--exit-when-idle]
//! chain-nats verify  --dir run --workers 2 --offices 5 --seed 7
//! ```
//!
//! `run.sh` beside this crate starts a loopback server and runs all three,
//! killing a worker mid-stream.

mod checkpoint;
mod offices;
mod publish;
mod verify;
mod worker;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
usage: chain-nats publish --url URL --offices N --seed S
       chain-nats work --url URL --index I --workers W --dir DIR [--batch B]
                       [--exit-when-idle] [--crash-after-checkpoints K]
       chain-nats verify --dir BASE --workers W --offices N --seed S";

struct Flags {
    url: String,
    offices: u32,
    seed: u64,
    index: u32,
    workers: u32,
    dir: PathBuf,
    batch: usize,
    exit_when_idle: bool,
    crash_after: Option<u64>,
}

fn parse(args: &[String]) -> Result<Flags, String> {
    let mut f = Flags {
        url: "nats://127.0.0.1:4222".into(),
        offices: 5,
        seed: 2026,
        index: 0,
        workers: 1,
        dir: PathBuf::from("chain-run"),
        batch: 256,
        exit_when_idle: false,
        crash_after: None,
    };
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value = || it.next().cloned().ok_or(format!("{flag} needs a value"));
        let number = |v: String| {
            v.parse::<u64>()
                .map_err(|_| format!("{flag}: `{v}` is not a number"))
        };
        match flag.as_str() {
            "--url" => f.url = value()?,
            "--offices" => f.offices = number(value()?)? as u32,
            "--seed" => f.seed = number(value()?)?,
            "--index" => f.index = number(value()?)? as u32,
            "--workers" => f.workers = (number(value()?)? as u32).max(1),
            "--dir" => f.dir = value()?.into(),
            "--batch" => f.batch = (number(value()?)? as usize).max(1),
            "--exit-when-idle" => f.exit_when_idle = true,
            "--crash-after-checkpoints" => f.crash_after = Some(number(value()?)?),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    if f.index >= f.workers {
        return Err(format!(
            "--index {} is not below --workers {}",
            f.index, f.workers
        ));
    }
    Ok(f)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let flags = match parse(rest) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("chain-nats: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let result = match command.as_str() {
        "publish" => runtime.block_on(publish::run(&flags.url, flags.offices, flags.seed)),
        "work" => runtime.block_on(worker::run(worker::WorkerArgs {
            url: flags.url,
            index: flags.index,
            workers: flags.workers,
            dir: flags.dir,
            batch: flags.batch,
            exit_when_idle: flags.exit_when_idle,
            crash_after_checkpoints: flags.crash_after,
        })),
        "verify" => verify::run(&flags.dir, flags.workers, flags.offices, flags.seed),
        _ => Err(format!("unknown command `{command}`\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("chain-nats {command}: {e}");
            ExitCode::FAILURE
        }
    }
}

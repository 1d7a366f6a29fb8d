//! `simulate storage-loss`: Aurora's write and read quorums as storage copies are lost.

use serde_json::json;

use super::{bad, f, records};
use crate::command::{Args, CommandError, Ctx, Reply};
use crate::lab::Lab;
use crate::model::database::quorum::{self, ClusterVolume};
use crate::model::database::replication::{simulate, ReplicationParams, SimEngine};
use crate::model::database::sources;
use crate::tables::database as t;

pub(super) fn simulate_storage_loss(_: &Lab, a: &Args, ctx: &Ctx) -> Result<Reply, CommandError> {
    let azs: Vec<String> = ["az-a", "az-b", "az-c"].iter().map(|s| s.to_string()).collect();
    let mut cases: Vec<(String, ClusterVolume)> = Vec::new();
    match a.value::<usize>("lost")? {
        Some(n) if n > quorum::COPIES => return Err(bad("an Aurora volume has 6 copies; --lost must be 0–6")),
        Some(n) => {
            let mut v = ClusterVolume::new(&azs);
            v.lose(n);
            cases.push((format!("{} {} lost", n, if n == 1 { "copy" } else { "copies" }), v));
        }
        None => {
            for n in 0..=quorum::COPIES {
                let mut v = ClusterVolume::new(&azs);
                v.lose(n);
                cases.push((format!("{} {} lost", n, if n == 1 { "copy" } else { "copies" }), v));
            }
            let mut v = ClusterVolume::new(&azs);
            v.lose_az("az-c");
            cases.push(("one AZ lost".into(), v));
            let mut az1 = ClusterVolume::new(&azs);
            az1.lose_az("az-c");
            az1.lose(1);
            cases.push(("one AZ + one copy lost".into(), az1));
        }
    }
    let rate = f(a, "write-rate")?;
    let seed = a.parse_or("seed", 7u64)?;
    let mut rows = Vec::new();
    for (case, v) in cases {
        let (mut commit_p50_ms, mut throughput_wps) = (None, None);
        if let Some(r) = rate {
            let p = ReplicationParams {
                lost_storage_copies: quorum::COPIES - v.state().alive,
                ..ReplicationParams::default()
            };
            let run = simulate(SimEngine::AuroraMySql, r, 10.0, 1, &p, seed, &|| ctx.cancelled())?;
            commit_p50_ms = run.summary.writes_available.then_some(crate::tables::round(run.summary.commit_p50_ms, 3));
            throughput_wps = Some(run.summary.throughput_wps.round());
        }
        rows.push(t::StorageLossCase { case, state: v.state(), commit_p50_ms, throughput_wps });
    }
    let df = t::storage_loss_df(&rows)?;
    let reply = Reply::new()
        .with_table(
            df.clone(),
            Some("Aurora storage quorum: 6 copies, 2 per AZ; writes need 4, reads 3".into()),
            Some(format!(
                "Writes survive losing an AZ (4 copies left); reads and repair survive an AZ plus one more copy (3 left): {}",
                sources::AURORA_QUORUM
            )),
        )
        .with_json(json!({ "cases": records(&df) }))
        .keep("storage_loss", df);
    Ok(reply)
}

//! Benchmarks (they print, never assert on time) of the paths issue 19 found quadratic or
//! worse, at growing sizes, so the cost's growth shows: a linear path keeps µs per item
//! flat. Run with the other model benchmarks (benches/run_all.sh):
//! `cargo test --release --no-default-features --lib cost_scaling -- --ignored --nocapture`

use crate::command::publish::RunCell;
use crate::kernel::Outcome;
use crate::lab::Lab;

fn timed(s: &mut Lab, cell: &str) -> (f64, bool) {
    let t = crate::clock::instant();
    let (_, out) = s.run_cell(cell);
    (t.elapsed().as_secs_f64() * 1000.0, out == Outcome::Ok)
}

#[test]
#[ignore]
fn cost_scaling_benchmark() {
    println!("  size      ms   µs/item  ok  path");
    // One cell of N journaled writes: each write copied the lab with its whole journal.
    for n in [1_000usize, 5_000, 20_000] {
        let mut s = Lab::default();
        let cell = "region us-east-1\n".repeat(n);
        let (ms, ok) = timed(&mut s, &cell);
        println!("{n:>6} {ms:>8.1} {:>8.2}  {ok}  write lines in one cell", ms * 1000.0 / n as f64);
    }
    // run-instances --count 1000, five times into one subnet: the address search.
    let mut s = Lab::default();
    let (_, ok) = timed(&mut s, "create-vpc --cidr-block 10.0.0.0/16 --name v\ncreate-subnet --vpc-id v --cidr-block 10.0.0.0/16 --availability-zone us-east-1a --name s");
    assert!(ok);
    for k in 1..=5 {
        let (ms, ok) = timed(&mut s, "run-instances --instance-type t3.nano --subnet-id s --count 1000");
        println!(
            "{:>6} {ms:>8.1} {:>8.2}  {ok}  run-instances --count 1000 (call {k})",
            k * 1000,
            ms * 1000.0 / 1000.0
        );
    }
    // import aws-cli of N VPCs.
    let dir = tempfile::tempdir().expect("temp dir");
    for n in [3_000usize, 10_000, 30_000] {
        let vpcs: Vec<serde_json::Value> = (0..n)
            .map(|i| serde_json::json!({"VpcId": format!("vpc-{i:017x}"), "CidrBlock": format!("10.{}.{}.0/24", (i / 256) % 256, i % 256)}))
            .collect();
        let path = dir.path().join(format!("vpcs-{n}.json"));
        std::fs::write(&path, serde_json::json!({ "Vpcs": vpcs }).to_string()).expect("write");
        let mut s = Lab::default();
        let (ms, ok) = timed(&mut s, &format!("import aws-cli {}", path.display()));
        println!("{n:>6} {ms:>8.1} {:>8.2}  {ok}  import aws-cli VPCs", ms * 1000.0 / n as f64);
    }
    // A filter glob of k stars before a `z` no type name has, over the whole catalog.
    let mut s = Lab::default();
    for k in [2usize, 4, 6, 8] {
        let (ms, ok) =
            timed(&mut s, &format!("describe-instance-types --filters Name=instance-type,Values={}z", "*".repeat(k)));
        println!("{k:>6} {ms:>8.1} {:>8}  {ok}  glob of k stars over the catalog", "");
    }
    // An unknown word of N characters ("did you mean" over every command name).
    for n in [1_000usize, 10_000, 100_000] {
        let (ms, ok) = timed(&mut s, &"x".repeat(n));
        println!("{n:>6} {ms:>8.1} {:>8.3}  {ok}  unknown word of N characters", ms * 1000.0 / n as f64);
    }
}

//! The published networks in `data/real/` (copies of `shared/data/`, each with
//! its SOURCE.md) load, with the actor and tie counts their sources list.

use stakenet::metrics::overview;

#[test]
fn real_networks_load_with_their_documented_sizes() {
    // (folder, actors, edge rows, directed) from shared/data/README.md.
    let expected = [
        ("tiny", 7, 8, false),
        ("disconnected", 11, 10, false),
        ("florentine", 16, 27, false),
        ("krackhardt", 21, 192, true),
        ("kapferer-tailor", 39, 175, true),
        ("lazega", 71, 944, true),
        ("lazega-isp", 73, 953, true),
        ("ckm-physicians", 246, 1015, true),
    ];
    for (name, actors, ties, directed) in expected {
        let net = stakenet::io::load_dir(format!("data/real/{name}"))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(net.len(), actors, "{name}");
        assert_eq!(net.ties().len(), ties, "{name}");
        assert_eq!(net.is_directed(), directed, "{name}");
    }
}

#[test]
fn florentine_has_one_isolate_and_the_example_network_its_design() {
    let net = stakenet::io::load_dir("data/real/florentine").unwrap();
    let o = overview(&net);
    // Pucci has no marriage tie in Padgett's data.
    assert_eq!((o.components, o.isolates, o.largest_component), (2, 1, 15));

    let net = stakenet::io::load_dir("data/county-parenting-site").unwrap();
    let o = overview(&net);
    assert_eq!((o.practitioners_external, o.practitioners_internal), (2, 1));
    assert!((25..=35).contains(&o.actors));
    assert_eq!(o.components, 1);
}

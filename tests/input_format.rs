//! What docs/format.md says the loader accepts: a BOM, CRLF line ends, quoted
//! fields (with commas, quotes and newlines), extra columns and any Unicode
//! in ids and labels.

use std::path::Path;

mod common;
use common::load_bytes as load;

use stakenet::io::{read, LoadOptions};
use stakenet::{ActorKind, Placement};

#[test]
fn bom_and_crlf_are_accepted() {
    let net = load(
        b"\xef\xbb\xbfid,kind\r\na,practitioner\r\nb,stakeholder\r\n",
        b"\xef\xbb\xbfsource,target,trust\r\na,b,0.5\r\n",
    )
    .unwrap();
    assert_eq!(net.len(), 2);
    assert_eq!(net.actor(0).kind, ActorKind::Practitioner);
    assert_eq!(net.actor(0).placement, Placement::External);
    assert_eq!(net.ties()[0].trust, 0.5);
}

#[test]
fn quoted_fields_keep_commas_quotes_and_newlines() {
    let net = load(
        b"id,label\n\"a,1\",\"Smith, Jo \"\"JJ\"\"\"\nb,\"two\nlines\"\n",
        b"source,target,trust\n\"a,1\",b,\"0.25\"\n",
    )
    .unwrap();
    assert_eq!(net.actor(0).id, "a,1");
    assert_eq!(net.actor(0).label, "Smith, Jo \"JJ\"");
    assert_eq!(net.actor(1).label, "two\nlines");
    assert_eq!(net.ties()[0].trust, 0.25);
}

#[test]
fn errors_after_a_multi_line_field_name_the_right_line() {
    let err = load(
        b"id,label\na,\"one\ntwo\nthree\"\nb,B\n",
        b"source,target,trust\na,b,2\n",
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "edges.csv:2:3: trust: expected a number in [0, 1], found \"2\""
    );
    let err = load(
        b"id,power\na,\"0.5\"\n\"b\n\",1.5\n",
        b"source,target,trust\n",
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "nodes.csv:3:2: power: expected a number in [0, 1], found \"1.5\""
    );
}

#[test]
fn extra_columns_are_kept_as_attributes_in_file_order() {
    let net = load(
        b"site,id,notes,power\nnorth,a,first,0.7\nsouth,b,,\n",
        b"source,target,trust,weight_in_other_tool\na,b,1,99\n",
    )
    .unwrap();
    assert_eq!(net.attribute_names(), ["site", "notes"]);
    assert_eq!(net.actor(0).attributes, ["north", "first"]);
    assert_eq!(net.actor(1).attributes, ["south", ""]);
    assert_eq!(net.actor(1).power, 0.5);
}

#[test]
fn unicode_ids_and_labels() {
    let net = load(
        "id,label,group\nمريم,مريم,عائلات\n李,李雷,家庭\nzoë,Zoë,🏠\n".as_bytes(),
        "source,target,trust\nمريم,李,0.9\nzoë,李,0.4\n".as_bytes(),
    )
    .unwrap();
    // Ordered by id, bytewise.
    let ids: Vec<&str> = net.actors().iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["zoë", "مريم", "李"]);
    assert_eq!(net.index_of("李"), Some(2));
    assert_eq!(net.groups(), ["عائلات", "家庭", "🏠"]);
}

#[test]
fn defaults_fill_empty_optional_cells() {
    let net = load(
        b"id,label,kind,placement,group,role,level,power\na,,practitioner,,,,,\nb,,,,,,,\n",
        b"source,target,trust,communication,directed,power\na,b,0.5,,,\n",
    )
    .unwrap();
    let a = net.actor(0);
    assert_eq!(
        (
            a.label.as_str(),
            a.placement,
            a.group.as_str(),
            a.role.clone(),
            a.level,
            a.power
        ),
        ("a", Placement::External, "", None, None, 0.5)
    );
    assert_eq!(net.actor(1).placement, Placement::Internal);
    let t = net.ties()[0];
    assert_eq!((t.communication, t.directed, t.power), (1.0, false, 0.0));
}

#[test]
fn merging_duplicates_is_an_option_not_a_default() {
    let nodes = b"id\na\nb\n";
    let edges = b"source,target,trust,communication\na,b,0.4,2\nb,a,0.8,6\n";
    assert!(load(nodes, edges).is_err());
    let net = read(
        Path::new("nodes.csv"),
        &nodes[..],
        Path::new("edges.csv"),
        &edges[..],
        &LoadOptions {
            duplicate_ties: stakenet::DuplicateTies::Merge,
        },
    )
    .unwrap();
    assert_eq!(net.ties().len(), 1);
    assert!((net.ties()[0].trust - 0.6).abs() < 1e-15);
    assert_eq!(net.ties()[0].communication, 4.0);
}

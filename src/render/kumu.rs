//! A Kumu blueprint (JSON): one element per actor (`id`, `label`, `type` =
//! `Practitioner` or `Stakeholder`, then every input field and every
//! analysis figure as a field of its own), one connection per tie (`from`,
//! `to`, `direction` `mutual` or `directed`, `type` = the relationship type,
//! and `trust`, `communication`, `power`). Import it into a Kumu map to
//! size and colour by the figures. The field names are the contract's, so
//! `stakenet import kumu` reads the file back to the same network.

use serde_json::{Map, Value};

use super::graph_table::{node_table, AttrValue};
use crate::model::{ActorKind, Network};
use crate::report::export::ActorFigures;

fn json(value: &AttrValue<'_>) -> Value {
    match value {
        AttrValue::Text(s) => Value::String(s.to_string()),
        AttrValue::Double(v) => serde_json::Number::from_f64(*v).map_or(Value::Null, Value::Number),
        AttrValue::Integer(v) => Value::from(*v),
        AttrValue::Boolean(b) => Value::Bool(*b),
    }
}

/// The network and its figures as a Kumu blueprint.
pub fn blueprint(net: &Network, figures: &ActorFigures) -> Vec<u8> {
    let nodes = node_table(net, figures);
    let elements: Vec<Value> = net
        .actors()
        .iter()
        .enumerate()
        .map(|(i, actor)| {
            let mut element = Map::new();
            element.insert("id".into(), actor.id.clone().into());
            element.insert("label".into(), actor.label.clone().into());
            element.insert(
                "type".into(),
                match actor.kind {
                    ActorKind::Practitioner => "Practitioner",
                    ActorKind::Stakeholder => "Stakeholder",
                }
                .into(),
            );
            for ((name, _), value) in nodes.columns.iter().zip(&nodes.rows[i]) {
                if name == "label" || name == "kind" {
                    continue;
                }
                element.insert(name.clone(), value.as_ref().map_or(Value::Null, json));
            }
            Value::Object(element)
        })
        .collect();
    let connections: Vec<Value> = net
        .ties()
        .iter()
        .map(|tie| {
            let mut c = Map::new();
            c.insert("from".into(), net.actor(tie.source).id.clone().into());
            c.insert("to".into(), net.actor(tie.target).id.clone().into());
            c.insert(
                "direction".into(),
                if tie.directed { "directed" } else { "mutual" }.into(),
            );
            c.insert("type".into(), tie.relationship.name().into());
            c.insert("trust".into(), json(&AttrValue::Double(tie.trust)));
            c.insert(
                "communication".into(),
                json(&AttrValue::Double(tie.communication)),
            );
            c.insert("power".into(), json(&AttrValue::Double(tie.power)));
            Value::Object(c)
        })
        .collect();
    let mut doc = Map::new();
    doc.insert("elements".into(), Value::Array(elements));
    doc.insert("connections".into(), Value::Array(connections));
    let mut out = serde_json::to_vec_pretty(&Value::Object(doc)).unwrap_or_default();
    out.push(b'\n');
    out
}

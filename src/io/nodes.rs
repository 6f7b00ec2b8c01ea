//! Reading the nodes file into actors.

use super::*;

impl Loader {
    // Long: one row closure parsing every node column, each cell adding its own problem.
    pub(super) fn read_nodes(&mut self, source: &mut impl RecordSource) -> NetworkBuilder {
        let Some(header) = self.read_header(source, &NODE_COLUMNS, &[N_ID]) else {
            source.finish(None, &mut self.problems);
            self.nodes_readable = false;
            return NetworkBuilder::new(Vec::new());
        };
        let attribute_names = header
            .extras
            .iter()
            .map(|&f| header.names[f].clone())
            .collect();
        let mut builder = NetworkBuilder::new(attribute_names);
        let records = self.each_record(source, &header, |loader, row| {
            let mut bad = BadCells::default();
            let id = bad.take(row.parse(N_ID, |t| {
                let id = t.trim();
                if id.is_empty() {
                    Err(InputErrorKind::Empty {
                        expected: "a non-empty id",
                    })
                } else {
                    Ok(id)
                }
            }));
            if let Some(id) = id {
                if let Some(&first_line) = loader.known_ids.get(id) {
                    bad.push(
                        header.get(N_ID).unwrap_or(0),
                        InputErrorKind::DuplicateId {
                            id: id.to_string(),
                            first_line,
                        },
                    );
                } else {
                    loader.known_ids.insert(id.to_string(), row.line);
                }
            }
            let kind = bad.take(row.parse(N_KIND, parse::kind));
            let placement = bad.take(row.parse(N_PLACEMENT, parse::placement));
            let level = bad.take(row.parse(N_LEVEL, parse::level));
            let power = bad.take(row.parse(N_POWER, |t| {
                parse::optional_number(t, 0.0, 1.0, parse::POWER)
            }));
            let label = bad.take(row.column(N_LABEL));
            let group = bad.take(row.column(N_GROUP));
            let role = bad.take(row.column(N_ROLE));
            let attributes: Vec<Option<&str>> = header
                .extras
                .iter()
                .map(|&f| bad.take(row.text(f)))
                .collect();
            if bad.report(&mut loader.problems, row) {
                return;
            }
            let (Some(id), Some(kind), Some(placement), Some(level), Some(power)) =
                (id, kind, placement, level, power)
            else {
                return;
            };
            let kind = kind.unwrap_or(ActorKind::Stakeholder);
            let label = label.unwrap_or("");
            let role = role.unwrap_or("").trim();
            let actor = Actor {
                id: id.to_string(),
                label: if label.trim().is_empty() {
                    id.to_string()
                } else {
                    label.to_string()
                },
                kind,
                placement: placement.unwrap_or(match kind {
                    ActorKind::Practitioner => Placement::External,
                    ActorKind::Stakeholder => Placement::Internal,
                }),
                group: group.unwrap_or("").trim().to_string(),
                role: (!role.is_empty()).then(|| role.to_string()),
                level,
                power: power.unwrap_or(0.5),
                attributes: attributes
                    .into_iter()
                    .map(|a| a.unwrap_or("").to_string())
                    .collect(),
            };
            if let Err(e) = builder.add_actor(actor) {
                // Unreachable while the checks above mirror the builder's,
                // but never silently dropped.
                let field = header.get(N_ID).unwrap_or(0);
                loader
                    .problems
                    .push(row.location(field), InputErrorKind::Csv(e.to_string()));
            }
        });
        if source.finish(Some(&header), &mut self.problems) {
            // The ids after a runaway or an open quote were never read: a
            // tie to one of them is not a second problem.
            self.nodes_readable = false;
        } else if records == 0 {
            self.problems
                .push(Self::header_location(source, 1), InputErrorKind::NoActors);
            self.nodes_readable = false;
        }
        builder
    }
}

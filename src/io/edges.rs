//! Reading the edges file into ties.

use super::*;

impl Loader {
    /// Read the ties; `nodes_name` names the nodes input in messages about
    /// unknown tie ends.
    pub(super) fn read_edges(
        &mut self,
        source: &mut impl RecordSource,
        nodes_name: &str,
        builder: &mut NetworkBuilder,
    ) {
        let Some(header) = self.read_header(source, &EDGE_COLUMNS, &[E_SOURCE, E_TARGET, E_TRUST])
        else {
            source.finish(None, &mut self.problems);
            return;
        };
        // Line of each accepted tie row, by the builder's row position.
        let mut tie_lines: Vec<u64> = Vec::new();
        self.each_record(source, &header, |loader, row| {
            let mut bad = BadCells::default();
            let end = |bad: &mut BadCells, known: usize| -> Option<usize> {
                let id = bad.take(row.parse(known, |t| {
                    let id = t.trim();
                    if id.is_empty() {
                        Err(InputErrorKind::Empty {
                            expected: parse::ID,
                        })
                    } else {
                        Ok(id)
                    }
                }))?;
                if let Some(index) = builder.actor_index(id) {
                    Some(index)
                } else {
                    // An id whose node row was refused is reported there.
                    if loader.nodes_readable && !loader.known_ids.contains_key(id) {
                        bad.push(
                            header.get(known).unwrap_or(0),
                            InputErrorKind::UnknownActor {
                                nodes_file: nodes_name.to_string(),
                                found: parse::quote(id),
                            },
                        );
                    }
                    bad.refused = true;
                    None
                }
            };
            let source = end(&mut bad, E_SOURCE);
            let target = end(&mut bad, E_TARGET);
            let trust = bad.take(row.parse(E_TRUST, parse::trust));
            let communication = bad.take(row.parse(E_COMMUNICATION, |t| {
                parse::optional_number(t, 0.0, f64::MAX, parse::COMMUNICATION)
            }));
            let directed = bad.take(row.parse(E_DIRECTED, parse::directed));
            let power = bad.take(row.parse(E_POWER, |t| {
                parse::optional_number(t, -1.0, 1.0, parse::TIE_POWER)
            }));
            if bad.report(&mut loader.problems, row) {
                return;
            }
            let (
                Some(source),
                Some(target),
                Some(trust),
                Some(communication),
                Some(directed),
                Some(power),
            ) = (source, target, trust, communication, directed, power)
            else {
                return;
            };
            let spec = TieSpec {
                source: (),
                target: (),
                trust,
                communication,
                directed,
                power,
            };
            let source_field = header.get(E_SOURCE).unwrap_or(0);
            let target_field = header.get(E_TARGET).unwrap_or(0);
            match builder.add_tie_between(source, target, &spec) {
                Ok(position) => {
                    debug_assert_eq!(position, tie_lines.len());
                    tie_lines.push(row.line);
                }
                Err(e) => {
                    let (field, kind) = match e {
                        ModelError::SelfLoop { id } => {
                            (target_field, InputErrorKind::SelfLoop { id })
                        }
                        ModelError::DuplicateTie {
                            source_id,
                            target_id,
                            first,
                        } => (
                            source_field,
                            InputErrorKind::DuplicateTie {
                                source_id,
                                target_id,
                                first_line: tie_lines[first],
                            },
                        ),
                        ModelError::ConflictingTie {
                            source_id,
                            target_id,
                            first,
                        } => (
                            source_field,
                            InputErrorKind::ConflictingTie {
                                source_id,
                                target_id,
                                first_line: tie_lines[first],
                            },
                        ),
                        other => (source_field, InputErrorKind::Csv(other.to_string())),
                    };
                    loader.problems.push(row.location(field), kind);
                }
            }
        });
        source.finish(Some(&header), &mut self.problems);
    }
}

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
            let Some((source, target, spec)) = loader.tie_row(row, &header, nodes_name, builder)
            else {
                return;
            };
            match builder.add_tie_between(source, target, &spec) {
                Ok(position) => {
                    debug_assert_eq!(position, tie_lines.len());
                    tie_lines.push(row.line);
                }
                Err(e) => {
                    let (field, kind) = tie_problem(e, &header, &tie_lines);
                    loader.problems.push(row.location(field), kind);
                }
            }
        });
        source.finish(Some(&header), &mut self.problems);
    }

    /// The ends and fields of one tie row, or `None` after reporting every
    /// bad cell of it.
    fn tie_row(
        &mut self,
        row: &Row<'_>,
        header: &Header,
        nodes_name: &str,
        builder: &NetworkBuilder,
    ) -> Option<(usize, usize, TieSpec<()>)> {
        let mut bad = BadCells::default();
        let source = self.tie_end(&mut bad, row, header, E_SOURCE, nodes_name, builder);
        let target = self.tie_end(&mut bad, row, header, E_TARGET, nodes_name, builder);
        let trust = bad.take(row.parse(E_TRUST, parse::trust));
        let communication = bad.take(row.parse(E_COMMUNICATION, |t| {
            parse::optional_number(t, 0.0, f64::MAX, parse::COMMUNICATION)
        }));
        let directed = bad.take(row.parse(E_DIRECTED, parse::directed));
        let power = bad.take(row.parse(E_POWER, |t| {
            parse::optional_number(t, -1.0, 1.0, parse::TIE_POWER)
        }));
        if bad.report(&mut self.problems, row) {
            return None;
        }
        Some((
            source?,
            target?,
            TieSpec {
                source: (),
                target: (),
                trust: trust?,
                communication: communication?,
                directed: directed?,
                power: power?,
            },
        ))
    }

    /// The actor index of the tie end in column `known`, or `None` (a bad
    /// cell, or an id with no node row: reported unless its node row was
    /// refused, which is reported there).
    fn tie_end(
        &self,
        bad: &mut BadCells,
        row: &Row<'_>,
        header: &Header,
        known: usize,
        nodes_name: &str,
        builder: &NetworkBuilder,
    ) -> Option<usize> {
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
            return Some(index);
        }
        if self.nodes_readable && !self.known_ids.contains_key(id) {
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
}

/// The field and problem of a tie row the builder refused; `tie_lines`
/// gives the line of an earlier row it names.
fn tie_problem(e: ModelError, header: &Header, tie_lines: &[u64]) -> (usize, InputErrorKind) {
    let source_field = header.get(E_SOURCE).unwrap_or(0);
    let target_field = header.get(E_TARGET).unwrap_or(0);
    match e {
        ModelError::SelfLoop { id } => (target_field, InputErrorKind::SelfLoop { id }),
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
    }
}

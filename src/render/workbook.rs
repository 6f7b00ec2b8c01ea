//! A network as an `.xlsx` workbook, and the ready-to-fill template.
//!
//! The workbook has the sheets the loader reads (`nodes`, `edges`, columns as
//! in the CSV files) with drop-down lists for `kind`, `placement`, `level` and
//! `directed`, number checks for `trust`, `power` and `communication`, and a
//! `README` sheet explaining each column in plain words. Written with
//! `rust_xlsxwriter`.

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, Format, Workbook, Worksheet,
    XlsxError,
};

use crate::error::Error;
use crate::model::{Actor, Network, TieSpec};

/// Last spreadsheet row (0-based) the checks cover.
const LAST_ROW: u32 = 1_048_575;

/// What each column means, in plain words: (sheet, column, required, text).
pub const COLUMN_GUIDE: [(&str, &str, &str, &str); 14] = [
    ("nodes", "id", "yes", "A short name for the person or organisation, unique in the sheet. Ties refer to it."),
    ("nodes", "label", "no", "The name shown in reports and pictures. Empty: the id."),
    ("nodes", "kind", "no", "practitioner (implementation support from outside or inside) or stakeholder. Empty: stakeholder."),
    ("nodes", "placement", "no", "external or internal to the service system. Empty: practitioners external, stakeholders internal."),
    ("nodes", "group", "no", "Organisation, team or constituency. Used for brokerage and the bridges between groups."),
    ("nodes", "role", "no", "Free text, e.g. leader, supervisor, frontline, family, funder, policymaker."),
    ("nodes", "level", "no", "macro, organizational or local: the level of the system the actor works at."),
    ("nodes", "power", "no", "How much say the actor has (authority, resources, decisions), from 0 (none) to 1. Empty: 0.5."),
    ("edges", "source", "yes", "The id of one end of the relationship (from the nodes sheet)."),
    ("edges", "target", "yes", "The id of the other end."),
    ("edges", "trust", "yes", "How much source trusts target, from 0 (none) to 1 (complete). Both ways unless directed is yes."),
    ("edges", "communication", "no", "How often they are in contact, in contacts per month. Empty: 1."),
    ("edges", "directed", "no", "no: one relationship, same trust both ways. yes: only source's trust in target; add a second row for the other way. Empty: no."),
    ("edges", "power", "no", "Power difference on the tie, from -1 to 1, positive when source holds more. Empty: the difference of the two actors' power."),
];

/// The ready-to-fill template: a `README` sheet, and `nodes` and `edges`
/// with their headers, checks and a few example rows (an outside coach, a
/// programme lead, a supervisor, a frontline worker and a parent).
pub fn template() -> Result<Vec<u8>, Error> {
    let actors = vec![
        Actor {
            label: "Coach from the intermediary".into(),
            group: "intermediary".into(),
            role: Some("coach".into()),
            level: Some(crate::model::Level::Organizational),
            power: 0.6,
            ..Actor::practitioner("coach")
        },
        Actor {
            label: "Programme lead".into(),
            group: "agency".into(),
            role: Some("leader".into()),
            level: Some(crate::model::Level::Organizational),
            power: 0.8,
            ..Actor::stakeholder("lead")
        },
        Actor {
            label: "Supervisor".into(),
            group: "agency".into(),
            role: Some("supervisor".into()),
            level: Some(crate::model::Level::Local),
            power: 0.5,
            ..Actor::stakeholder("supervisor")
        },
        Actor {
            label: "Home visitor".into(),
            group: "agency".into(),
            role: Some("frontline".into()),
            level: Some(crate::model::Level::Local),
            power: 0.3,
            ..Actor::stakeholder("visitor")
        },
        Actor {
            label: "Parent on the advisory group".into(),
            group: "families".into(),
            role: Some("family".into()),
            level: Some(crate::model::Level::Local),
            power: 0.1,
            ..Actor::stakeholder("parent")
        },
    ];
    let ties = [
        TieSpec {
            communication: Some(4.0),
            ..TieSpec::mutual("coach", "lead", 0.8)
        },
        TieSpec {
            communication: Some(8.0),
            ..TieSpec::mutual("coach", "supervisor", 0.7)
        },
        TieSpec {
            communication: Some(20.0),
            ..TieSpec::mutual("supervisor", "visitor", 0.9)
        },
        TieSpec {
            communication: Some(2.0),
            ..TieSpec::directed("parent", "visitor", 0.6)
        },
        TieSpec {
            communication: Some(2.0),
            ..TieSpec::directed("visitor", "parent", 0.8)
        },
    ];
    let example = Network::from_parts(actors, &ties)
        .map_err(|e| Error::Export(format!("the template's example: {e}")))?;
    write(&example, true)
}

/// The network as a workbook the loader reads back to the same network
/// (every tie's power differential written out).
pub fn network_workbook(net: &Network) -> Result<Vec<u8>, Error> {
    write(net, false)
}

fn write(net: &Network, with_readme: bool) -> Result<Vec<u8>, Error> {
    let failed = |e: XlsxError| Error::Export(format!("cannot write the workbook: {e}"));
    let mut book = Workbook::new();
    if with_readme {
        readme(book.add_worksheet()).map_err(failed)?;
    }
    // Constant-memory sheets: rows go to disk as they are written, so a
    // million ties do not sit in memory as cells.
    nodes_sheet(book.add_worksheet_with_constant_memory(), net).map_err(failed)?;
    edges_sheet(book.add_worksheet_with_constant_memory(), net).map_err(failed)?;
    book.save_to_buffer().map_err(failed)
}

fn header(sheet: &mut Worksheet, names: &[&str]) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    for (c, name) in names.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *name, &bold)?;
        sheet.set_column_width(c as u16, if c < 2 { 22 } else { 14 })?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

fn list(sheet: &mut Worksheet, column: u16, values: &[&str], title: &str) -> Result<(), XlsxError> {
    let check = DataValidation::new()
        .allow_list_strings(values)?
        .set_error_title(title)?
        .set_error_message(format!("Choose one of: {}.", values.join(", ")))?;
    sheet.add_data_validation(1, column, LAST_ROW, column, &check)?;
    Ok(())
}

fn number(
    sheet: &mut Worksheet,
    column: u16,
    rule: DataValidationRule<f64>,
    title: &str,
    message: &str,
) -> Result<(), XlsxError> {
    let check = DataValidation::new()
        .allow_decimal_number(rule)
        .set_error_style(DataValidationErrorStyle::Stop)
        .set_error_title(title)?
        .set_error_message(message)?;
    sheet.add_data_validation(1, column, LAST_ROW, column, &check)?;
    Ok(())
}

fn nodes_sheet(sheet: &mut Worksheet, net: &Network) -> Result<(), XlsxError> {
    sheet.set_name("nodes")?;
    let names: Vec<&str> = crate::io::NODE_COLUMNS
        .iter()
        .copied()
        .chain(net.attribute_names().iter().map(String::as_str))
        .collect();
    header(sheet, &names)?;
    list(sheet, 2, &["practitioner", "stakeholder"], "kind")?;
    list(sheet, 3, &["external", "internal"], "placement")?;
    list(sheet, 6, &["macro", "organizational", "local"], "level")?;
    number(
        sheet,
        7,
        DataValidationRule::Between(0.0, 1.0),
        "power",
        "A number from 0 (no say) to 1.",
    )?;
    for (i, actor) in net.actors().iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_string(r, 0, &actor.id)?;
        sheet.write_string(r, 1, &actor.label)?;
        sheet.write_string(r, 2, actor.kind.to_string())?;
        sheet.write_string(r, 3, actor.placement.to_string())?;
        sheet.write_string(r, 4, &actor.group)?;
        if let Some(role) = &actor.role {
            sheet.write_string(r, 5, role)?;
        }
        if let Some(level) = actor.level {
            sheet.write_string(r, 6, level.to_string())?;
        }
        sheet.write_number(r, 7, actor.power)?;
        for (k, value) in actor.attributes.iter().enumerate() {
            if !value.is_empty() {
                sheet.write_string(r, (8 + k) as u16, value)?;
            }
        }
    }
    Ok(())
}

fn edges_sheet(sheet: &mut Worksheet, net: &Network) -> Result<(), XlsxError> {
    sheet.set_name("edges")?;
    header(sheet, &crate::io::EDGE_COLUMNS)?;
    number(
        sheet,
        2,
        DataValidationRule::Between(0.0, 1.0),
        "trust",
        "A number from 0 (no trust) to 1 (complete trust).",
    )?;
    number(
        sheet,
        3,
        DataValidationRule::GreaterThanOrEqualTo(0.0),
        "communication",
        "Contacts per month: a number, 0 or more.",
    )?;
    list(sheet, 4, &["no", "yes"], "directed")?;
    number(
        sheet,
        5,
        DataValidationRule::Between(-1.0, 1.0),
        "power",
        "A number from -1 to 1, positive when source holds more power.",
    )?;
    for (i, tie) in net.ties().iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_string(r, 0, &net.actor(tie.source).id)?;
        sheet.write_string(r, 1, &net.actor(tie.target).id)?;
        sheet.write_number(r, 2, tie.trust)?;
        sheet.write_number(r, 3, tie.communication)?;
        sheet.write_string(r, 4, if tie.directed { "yes" } else { "no" })?;
        sheet.write_number(r, 5, tie.power)?;
    }
    Ok(())
}

fn readme(sheet: &mut Worksheet) -> Result<(), XlsxError> {
    sheet.set_name("README")?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    sheet.write_string_with_format(0, 0, "How to fill in this workbook", &bold)?;
    sheet.write_string_with_format(
        1,
        0,
        "List every person or organisation on the nodes sheet, one per row, and every \
         relationship between two of them on the edges sheet. Replace the example rows. \
         Keep the sheet names and the header row; you may add columns of your own to nodes \
         (they are carried to the reports). Then run: stakenet analyze THIS-FILE.xlsx",
        &wrap,
    )?;
    sheet.set_column_width(0, 12)?;
    sheet.set_column_width(1, 16)?;
    sheet.set_column_width(2, 10)?;
    sheet.set_column_width(3, 90)?;
    for (c, name) in ["sheet", "column", "required", "meaning"]
        .iter()
        .enumerate()
    {
        sheet.write_string_with_format(3, c as u16, *name, &bold)?;
    }
    for (i, (sheet_name, column, required, meaning)) in COLUMN_GUIDE.iter().enumerate() {
        let r = 4 + i as u32;
        sheet.write_string(r, 0, *sheet_name)?;
        sheet.write_string(r, 1, *column)?;
        sheet.write_string(r, 2, *required)?;
        sheet.write_string_with_format(r, 3, *meaning, &wrap)?;
    }
    Ok(())
}

//! The `evcxr_display` convention on cloudlab's own result types, so a value left at the
//! end of a Rust cell shows as a table or picture (stock evcxr_jupyter via `:dep`, or
//! `%%rust` here). The impls live here, not beside the types, because `model/` never renders.

use crate::command::network::reach::hops_df;
use crate::command::Table;
use crate::html;
use crate::lab::Lab;
use crate::model::network::reach::ReachReport;
use crate::model::AwsError;
use crate::render::{diagram, table};

use super::{mime_block, Svg};

impl ReachReport {
    pub fn evcxr_display(&self) {
        let note = format!("explanation code: {}", self.explanation_code);
        let (html, text) = match hops_df(self) {
            Ok(df) => (
                table::to_html(&df, usize::MAX, Some("hops (there, then the reply)"), Some(&note)),
                table::to_text(&df, usize::MAX, Some("hops (there, then the reply)"), Some(&note)),
            ),
            Err(e) => (String::new(), format!("(hops table unavailable: {})", e)),
        };
        let head = html::escape(&self.to_string());
        print!("{}", mime_block("text/html", &format!("<p><b>{}</b></p>{}", head, html)));
        print!("{}", mime_block("text/plain", &format!("{}\n{}", self, text)));
    }
}

impl Table {
    pub fn evcxr_display(&self) {
        let (t, n, limit) = (self.title.as_deref(), self.note.as_deref(), self.limit.unwrap_or(20));
        print!("{}", mime_block("text/html", &table::to_html(&self.df, limit, t, n)));
        print!("{}", mime_block("text/plain", &table::to_text(&self.df, limit, t, n)));
    }
}

/// The diagram of a VPC (by ID or Name tag) in the lab's current region, as `diagram` draws it.
pub fn diagram_of(lab: &Lab, vpc: &str) -> Result<Svg, AwsError> {
    let id = lab.network.vpc(Some(&lab.region), vpc)?.id.clone();
    Ok(Svg(diagram::vpc_diagram(&lab.network, &id)))
}

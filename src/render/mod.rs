//! Turning results into what a reader sees: HTML/text/Markdown tables, SVG charts and
//! diagrams. Nothing here changes the model.

pub mod chart;
pub mod diagram;
pub mod table;

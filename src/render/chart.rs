//! Charts as SVG (plotters): line, scatter, bar, histogram, timeline.

//! Report model and rendering (Markdown, HTML, JSON).

"""Documents: rendering templates and writing every output format (md, txt, html, docx, json)."""

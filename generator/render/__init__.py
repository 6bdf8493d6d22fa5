"""Stage 4: templates (built-in or the user's own), rendering .docx, charts, PDF."""

"""What is generated from the catalogue and the index: tables, charts, the fields page, JSON Schema, the form config."""

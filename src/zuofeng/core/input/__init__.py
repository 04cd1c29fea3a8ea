"""Reading and writing record files: decoding, front matter, discovery, validation, the record text."""

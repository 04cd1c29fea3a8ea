"""The MkDocs adapter: generated record and listing pages, strict record errors."""

"""The core: record catalogue, loading, validation, index and wording. Knows nothing of MkDocs."""

"""The Word adapter: a year's report as a .docx in the 公文 format (GB/T 9704-2012)."""

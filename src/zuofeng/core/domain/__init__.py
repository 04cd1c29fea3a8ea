"""The ledger as the office knows it: record types, records, the index, periods, rules, notices, wording."""

"""Starting things: a new county's site (`zuofeng init`) and a year's report (`zuofeng report`)."""

"""Fix makers: the certain text edits that mend a finding (renames, quoting, moving a mis-indented block)."""

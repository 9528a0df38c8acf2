"""`automations-lint server`: the language server, a second front end over the same engine as `check`.

Only `automations_lint.server.command` is imported by the CLI; everything else here (and pygls) loads when the
server starts, so `check` keeps its cold start. The modules, in the order a request meets them:

    command.py      the click command that starts the server on stdio
    app.py          the pygls server: one handler per LSP method, each a thin call into the modules below
    state.py        the open files' configuration, and the one engine call per change (no ShellCheck process) or save
    positions.py    1-based engine spans <-> LSP ranges in the client's position encoding
    outline.py      keys, references and their exact spans, from the loader's source map
    context.py      where the cursor stands (which mapping, which field), read from indentation: works on broken text
    convert.py      engine Diagnostic -> LSP Diagnostic (code, name, severity, cycle locations)
    completion.py, hover.py, navigation.py, actions.py, symbols.py: one feature each
"""

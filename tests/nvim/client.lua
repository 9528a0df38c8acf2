-- Drives `automations-lint server` from a real Neovim, headless: attach to the buffer, wait for diagnostics, ask
-- for completion, and write what came back to the file named by $AL_OUT. Uses only APIs from Neovim 0.7 on
-- (Debian's), so it runs on the Neovim the CI installs.
local out = {}
local id = vim.lsp.start_client({
  name = "automations-lint",
  cmd = { vim.env.AL_PYTHON, "-m", "automations_lint", "server" },
  root_dir = vim.fn.getcwd(),
})
vim.lsp.buf_attach_client(0, id)

local ok = vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 50)
table.insert(out, "diagnostics " .. tostring(ok))
for _, d in ipairs(vim.diagnostic.get(0)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or ""
  table.insert(out, string.format("%d %s %s", d.lnum, code, vim.split(d.message, "\n")[1]))
end

local client = vim.lsp.get_client_by_id(id)
local params = {
  textDocument = { uri = vim.uri_from_bufnr(0) },
  position = { line = tonumber(vim.env.AL_LINE), character = tonumber(vim.env.AL_CHARACTER) },
}
local response = client.request_sync("textDocument/completion", params, 10000, 0)
local items = response and response.result and (response.result.items or response.result) or {}
local labels = {}
for _, item in ipairs(items) do table.insert(labels, item.label) end
table.sort(labels)
table.insert(out, "completion " .. table.concat(labels, " "))

vim.fn.writefile(out, vim.env.AL_OUT)
client.stop()
vim.cmd("qa!")
